"""Every defect the generator injected ends as the manifest predicts, and nothing is lost."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.feeds.defects import EXPECTED_OUTCOME
from orchestration.feeds.loading import load_feed, load_feed_file
from orchestration.feeds.specs import FEEDS, QUARANTINE_SCHEMA

ROW_DEFECTS = set(EXPECTED_OUTCOME)
FILE_DEFECTS = {"late_delivery", "wrong_column_order", "truncated_file", "wrong_encoding"}


@pytest.fixture(scope="module")
def loads(defective_feeds, manifest, tiny_reference):
    return {
        entry["path"]: load_feed_file(defective_feeds / entry["path"], tiny_reference, root=defective_feeds)
        for entry in manifest["files"]
    }


@pytest.fixture(scope="module")
def row_defects(manifest) -> pl.DataFrame:
    return pl.DataFrame(manifest["row_defects"])


def test_the_fixture_exercises_every_defect_type(manifest, row_defects):
    assert set(row_defects["defect"]) == ROW_DEFECTS
    file_defects = {defect for entry in manifest["files"] for defect in entry["file_defects"]}
    assert file_defects == FILE_DEFECTS
    assert any(entry["resubmission_of"] for entry in manifest["files"])
    assert manifest["not_delivered"]


def test_received_equals_accepted_plus_quarantined_in_every_file(manifest, loads):
    for entry in manifest["files"]:
        audit = loads[entry["path"]].audit
        assert audit["rows_received"] == audit["rows_accepted"] + audit["rows_quarantined"], entry["path"]
        if entry["expected"] == "loaded":
            assert audit["status"] == "loaded", (entry["path"], audit["error_message"])
            assert audit["rows_received"] == entry["rows"], entry["path"]


def test_broken_files_are_recorded_as_file_errors(manifest, loads):
    broken = [entry for entry in manifest["files"] if entry["expected"] != "loaded"]
    assert broken
    for entry in broken:
        audit = loads[entry["path"]].audit
        assert (audit["status"], f"file_error:{audit['error_code']}") == ("file_error", entry["expected"]), audit


def test_each_quarantined_row_is_an_injected_defect_with_its_reason(manifest, loads, row_defects):
    expected = row_defects.filter(pl.col("expected").str.starts_with("quarantined:")).select(
        pl.col("path").alias("source_file"), pl.col("row").alias("source_row"),
        pl.col("expected").str.strip_prefix("quarantined:").alias("reason"), "column",
    )
    quarantined = pl.concat([load.quarantined for load in loads.values()]).select("source_file", "source_row", "reason", "column")
    assert quarantined.sort(pl.all()).equals(expected.sort(pl.all()))


def test_quarantined_rows_keep_the_row_as_received(loads):
    quarantined = pl.concat([load.quarantined for load in loads.values()])
    assert quarantined.schema == pl.Schema(QUARANTINE_SCHEMA)
    assert quarantined["raw_record"].null_count() == 0 and quarantined["message"].null_count() == 0
    blank = quarantined.filter(pl.col("reason") == "missing_value").row(0, named=True)
    assert blank["raw_record"].startswith("{")


def test_normalised_defects_load_the_clean_values(manifest, loads, row_defects, clean_feeds, tiny_reference):
    """A name for a code, full-width digits or `85%` load exactly as the defect-free twin."""
    normalised = row_defects.filter(pl.col("defect").is_in(["institution_name_for_code", "full_width_digits", "percent_as_text"]))
    assert normalised.height > 50
    originals = {entry["path"] for entry in manifest["files"] if entry["submission"] == 0}
    for feed, spec in FEEDS.items():
        defects = normalised.filter(pl.col("path").str.starts_with(feed + "/") & pl.col("path").is_in(list(originals)))
        if defects.height == 0:
            continue
        loaded = pl.concat([loads[path].accepted for path in defects["path"].unique()])
        hit = loaded.join(defects.select(pl.col("path").alias("source_file"), pl.col("row").alias("source_row")),
                          on=["source_file", "source_row"])
        assert hit.height == defects.height, feed
        clean = load_feed(clean_feeds / feed, tiny_reference, root=clean_feeds).current
        data_columns = [column.name for column in spec.columns]
        twins = hit.select(data_columns).join(clean.select(data_columns), on=list(spec.key), how="left", suffix="_clean")
        for column in data_columns:
            if column not in spec.key:
                assert twins[column].equals(twins[f"{column}_clean"].alias(column), check_names=False), (feed, column)
        assert (hit["institution_matched_by"] == "alias").sum() == defects.filter(
            pl.col("defect") == "institution_name_for_code").height


def test_corrections_replace_earlier_rows_and_history_keeps_them(defective_feeds, manifest, tiny_reference, row_defects):
    files = {entry["path"]: entry for entry in manifest["files"]}
    for feed, spec in FEEDS.items():
        loaded = load_feed(defective_feeds / feed, tiny_reference, root=defective_feeds)
        superseded = row_defects.filter(pl.col("path").str.starts_with(feed + "/") & (pl.col("defect") == "superseded_row"))
        history = loaded.history.select("source_file", "source_row", "superseded_by_file")
        # A row corrected further down its own file is replaced by that row.
        within = superseded.select(pl.col("path").alias("source_file"), pl.col("row").alias("source_row")).join(
            history, on=["source_file", "source_row"], how="left")
        assert (within["superseded_by_file"] == within["source_file"]).all(), feed
        # A resubmitted file replaces every row of the first submission that it repeats.
        for entry in (e for e in files.values() if e["feed"] == feed and e["resubmission_of"]):
            first = files[entry["resubmission_of"]]
            if first["expected"] != "loaded":
                continue
            corrected_within = superseded.filter(pl.col("path") == first["path"])["row"]
            replaced = history.filter((pl.col("source_file") == first["path"]) & ~pl.col("source_row").is_in(corrected_within.implode()))
            assert replaced.height > 0 and (replaced["superseded_by_file"] == entry["path"]).all()
        assert loaded.current.select(spec.key).is_unique().all()
        assert loaded.audit["rows_replaced"].sum() == loaded.history.height
        assert loaded.current.height + loaded.history.height == loaded.audit["rows_accepted"].sum()


def test_accepted_rows_follow_the_published_schema(loads):
    for load in loads.values():
        feed = load.audit["feed"]
        assert load.accepted.schema == pl.Schema(FEEDS[feed].accepted_schema), feed
