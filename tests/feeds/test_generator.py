"""Generation is deterministic, looks like real feeds, and the manifest describes the files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import polars as pl

from orchestration.feeds.filenames import delivery_date, parse_file_name
from orchestration.feeds.generator import generate


def _digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_same_seed_gives_byte_identical_output_and_another_seed_does_not(tmp_path, tiny_scale):
    runs = {}
    for name, seed in (("first", 5), ("again", 5), ("other", 6)):
        generate(tmp_path / name, scale=tiny_scale, seed=seed, start="2025-01", end="2025-01", defect_rate=0.05)
        runs[name] = _digests(tmp_path / name)
    assert runs["first"] == runs["again"]
    assert len(runs["first"]) > 60
    changed = {path for path, digest in runs["other"].items() if runs["first"].get(path) != digest}
    assert len(changed) > len(runs["other"]) // 2
    # The world is the same whatever the feed seed: only monitoring data changes.
    assert all(runs["first"][path] == runs["other"][path] for path in runs["first"] if path.startswith("reference/"))


def test_manifest_lists_every_file_written_and_none_that_was_not(defective_feeds, manifest):
    written = {path for path in _digests(defective_feeds) if not path.startswith("reference/") and path != "manifest.json"}
    listed = {entry["path"] for entry in manifest["files"]}
    assert written == listed
    for missing in manifest["not_delivered"]:
        assert not (defective_feeds / missing["path"]).exists()
    assert manifest["not_delivered"], "a defect rate of 8% should drop some months"


def test_file_names_and_delivery_folders_tell_period_and_arrival(defective_feeds, manifest):
    for entry in manifest["files"]:
        path = defective_feeds / entry["path"]
        name = parse_file_name(path.name)
        assert name is not None and name.period == entry["period"] and name.region_code == entry["city_id"]
        assert delivery_date(path).isoformat() == entry["delivered_on"]
        assert (name.resubmission > 0) == (entry["submission"] > 0)
    files = {entry["path"]: entry for entry in manifest["files"]}
    resubmissions = [entry for entry in manifest["files"] if entry["resubmission_of"]]
    assert resubmissions
    for entry in resubmissions:
        assert entry["delivered_on"] > files[entry["resubmission_of"]]["delivered_on"]
    late = [entry for entry in manifest["files"] if "late_delivery" in entry["file_defects"]]
    assert late and all(entry["delivered_on"][:7] > entry["period"][:7] for entry in late)


def test_csv_is_gbk_with_chinese_headers(defective_feeds, manifest):
    entry = next(e for e in manifest["files"] if e["feed"] == "family_doctor_contracts" and e["expected"] == "loaded")
    content = (defective_feeds / entry["path"]).read_bytes()
    header = content.split(b"\r\n", 1)[0].decode("gbk")
    assert header.startswith("签约协议号,居民健康档案号,签约机构编码") or "wrong_column_order" in entry["file_defects"]


def test_excel_has_title_two_row_merged_header_and_total_row(defective_feeds, manifest):
    entry = next(e for e in manifest["files"] if e["feed"] == "institution_monthly_reports" and not e["file_defects"])
    sheet = openpyxl.load_workbook(defective_feeds / entry["path"]).active
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {"A2:A3", "D2:F2"} <= merged  # 机构编码 down two rows; 诊疗人次 across three
    assert sheet["A2"].value == "机构编码" and sheet["D2"].value == "诊疗人次" and sheet["D3"].value == "本机构"
    last = sheet.max_row
    assert sheet.cell(last, 1).value == "合计"
    visits = [sheet.cell(row, 4).value for row in range(4, last)]
    assert sheet.cell(last, 4).value == sum(value for value in visits if isinstance(value, int))


def test_jsonl_rows_are_platform_api_objects(defective_feeds, manifest):
    entry = next(e for e in manifest["files"] if e["feed"] == "mutual_recognition_events" and e["expected"] == "loaded")
    events = pl.read_ndjson(defective_feeds / entry["path"])
    assert {"eventId", "orgCode", "itemClass", "priorResultExists", "recognitionResult"} <= set(events.columns)
    assert events.schema["priorResultExists"] == pl.Boolean
    assert set(events["itemClass"].drop_nulls()) <= {"检验", "影像", "超声", "心电"}


def test_institutions_differ_so_dashboards_have_gaps_to_show(clean_feeds):
    """Targets like 互认率 ≥ 80 % are met by some institutions and missed by others."""
    events = pl.concat([
        pl.read_ndjson(path) for path in sorted((clean_feeds / "mutual_recognition_events").rglob("*.jsonl"))
    ])
    rates = events.filter(pl.col("priorResultExists")).group_by("orgCode").agg(
        (pl.col("recognitionResult") == "互认").mean().alias("rate"), pl.len().alias("eligible")
    ).filter(pl.col("eligible") >= 20)
    assert (rates["rate"] >= 0.8).any() and (rates["rate"] < 0.6).any()
