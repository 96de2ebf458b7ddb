"""The feeds staged by file (contracts and mutual-recognition events), built incrementally
after files were added, reloaded and removed: each staging table holds exactly what a full
rebuild holds, restaging only the keys of those files (macros/feeds/restage_by_file.sql),
and the signed-resident counts of the months recounted equal a full rebuild's while older
months keep theirs."""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.defs.assets.feeds import feed_ingestion
from orchestration.defs.resources import build_resources
from orchestration.settings import DBT_PROJECT_DIR

DBT = Path(sys.executable).with_name("dbt")
CONTRACTS = "staging.stg_feeds__family_doctor_contracts"
SIGNED = "intermediate.int_signed_residents"
QUARANTINED = "marts.quarantined_feed_rows"
FOLDER = "family_doctor_contracts"


@dataclass(frozen=True)
class StagedFeed:
    folder: str
    table: str
    raw_table: str
    key: str
    file_pattern: str


STAGED_FEEDS = [
    StagedFeed(FOLDER, CONTRACTS, "raw.feed_family_doctor_contracts", "contract_id", "*/*.csv"),
    StagedFeed("mutual_recognition_events", "staging.stg_feeds__mutual_recognition_events",
               "raw.feed_mutual_recognition_events", "event_id", "*/*.jsonl"),
]


def run_staged_build(warehouse: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(DBT), "run", "--select", *(feed.table.split(".")[1] for feed in STAGED_FEEDS), "int_signed_residents",
         "quarantined_feed_rows", *flags, "--profiles-dir", ".", "--target-path", "target/incremental_contracts"],
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, "WAREHOUSE_PATH": str(warehouse)},
        capture_output=True,
        text=True,
        timeout=600,
    )


def build_staged(warehouse: Path, *flags: str) -> None:
    result = run_staged_build(warehouse, *flags)
    assert result.returncode == 0, result.stdout[-3000:]


def rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def change_files(feeds: Path, warehouse: Path, feed: StagedFeed) -> dict[str, str]:
    """A correction removed (the one superseding most staged keys, whose earlier
    submissions must come back), a file reloaded with its last rows gone, and a file
    delivered again months later under the same name (every key in it resubmitted)."""
    files = sorted((feeds / feed.folder).glob(feed.file_pattern))
    removed = feeds / rows(warehouse, f"""
        select staged.source_file
        from {feed.table} as staged
        inner join {feed.raw_table} as submitted
            on submitted.{feed.key} = staged.{feed.key} and submitted.source_file <> staged.source_file
        group by staged.source_file
        order by count(*) desc
        limit 1""")[0][0]
    removed.unlink()
    reloaded = next(path for path in files if "更正" not in path.name and path != removed)
    lines = reloaded.read_bytes().splitlines(keepends=True)
    reloaded.write_bytes(b"".join(lines[:-5]))
    resubmitted = next(path for path in reversed(files) if "更正" not in path.name and path != reloaded)
    later = feeds / feed.folder / "2026-09-10" / resubmitted.name
    later.parent.mkdir()
    shutil.copy(resubmitted, later)
    return {"removed": removed.relative_to(feeds).as_posix(), "reloaded": reloaded.relative_to(feeds).as_posix(),
            "resubmitted": resubmitted.relative_to(feeds).as_posix(), "new": later.relative_to(feeds).as_posix()}


def differing_rows(one: Path, other: Path, table: str, columns: str = "*", where: str = "true") -> int:
    """Rows of `table` in `one` and not in `other`, or the other way round."""
    with duckdb.connect(str(one)) as connection:
        connection.execute(f"attach '{other}' as other (read_only)")
        return sum(
            connection.execute(
                f"select count(*) from (select {columns} from {left}{table} where {where} "
                f"except all select {columns} from {right}{table} where {where})"
            ).fetchone()[0]
            for left, right in [("", "other."), ("other.", "")]
        )


@pytest.fixture(scope="module")
def changed(built_warehouse, test_feeds, tmp_path_factory) -> dict:
    """The built warehouse after the file changes were ingested, then built incrementally
    (`incremental`) and in full (`rebuilt`)."""
    folder = tmp_path_factory.mktemp("incremental_contracts")
    feeds = folder / "feeds"
    shutil.copytree(test_feeds, feeds)
    files = {feed.folder: change_files(feeds, built_warehouse, feed) for feed in STAGED_FEEDS}
    incremental, rebuilt = folder / "incremental.duckdb", folder / "rebuilt.duckdb"
    shutil.copy(built_warehouse, incremental)
    previous = os.environ["FEEDS_DIR"]
    os.environ["FEEDS_DIR"] = str(feeds)
    try:
        with dg.instance_for_test() as instance:
            assert dg.materialize([feed_ingestion], resources=build_resources(str(incremental)), instance=instance).success
    finally:
        os.environ["FEEDS_DIR"] = previous
    shutil.copy(incremental, rebuilt)
    build_staged(incremental)
    build_staged(rebuilt, "--full-refresh")
    return {"before": built_warehouse, "incremental": incremental, "rebuilt": rebuilt, "files": files}


@pytest.mark.parametrize("feed", STAGED_FEEDS, ids=lambda feed: feed.folder)
def test_staged_rows_equal_a_full_rebuild_and_only_changed_files_were_restaged(changed, feed):
    incremental, files = changed["incremental"], changed["files"][feed.folder]
    assert differing_rows(incremental, changed["rebuilt"], feed.table, columns="* exclude (staged_at)") == 0

    staged_before = rows(changed["before"], f"select max(staged_at) from {feed.table}")[0][0]
    total, restaged, from_new_file, from_removed = rows(incremental, f"""
        select count(*), count(*) filter (where staged_at > '{staged_before}'),
            count(*) filter (where source_file = '{files["new"]}'),
            count(*) filter (where source_file = '{files["removed"]}')
        from {feed.table}""")[0]
    # The resubmitted file's keys now come from the new one; the removed correction's
    # keys are back to their earlier submissions.
    assert from_new_file > 0 and from_removed == 0
    assert rows(incremental, f"select count(*) from {feed.table} where source_file = '{files['resubmitted']}'")[0][0] == 0
    # Only the changed files' keys were restaged, not the table.
    assert from_new_file <= restaged < total / 2
    reloaded_rows = f"select count(*) from {feed.raw_table} where source_file = '{files['reloaded']}'"
    assert 0 < rows(incremental, reloaded_rows)[0][0] < rows(changed["before"], reloaded_rows)[0][0]


def test_quarantined_rows_equal_a_full_rebuild_and_only_changed_files_were_copied(changed):
    incremental = changed["incremental"]
    assert differing_rows(incremental, changed["rebuilt"], QUARANTINED, columns="* exclude (staged_at)") == 0
    # The changed files had rejected rows: the table did change.
    assert differing_rows(changed["before"], incremental, QUARANTINED, columns="* exclude (staged_at)") > 0
    copied_before = rows(changed["before"], f"select max(staged_at) from {QUARANTINED}")[0][0]
    copied, total = rows(incremental, f"select count(*) filter (where staged_at > '{copied_before}'), count(*) from {QUARANTINED}")[0]
    assert 0 < copied < total / 2


def test_recounted_months_equal_a_full_rebuild_and_older_months_keep_their_counts(changed):
    incremental = changed["incremental"]
    months = [month for (month,) in rows(incremental, f"select distinct period_month from {SIGNED} order by 1")]
    lookback = 3  # actuals_lookback_months in dbt_project.yml
    recounted_from = months[-1 - lookback]
    recounted = f"period_month >= '{recounted_from}'"
    assert differing_rows(incremental, changed["rebuilt"], SIGNED, where=recounted) == 0
    assert differing_rows(incremental, changed["before"], SIGNED, where=f"not ({recounted})") == 0
    # The removed correction changed the counts of months before the lookback, which only a full refresh recounts.
    assert differing_rows(changed["before"], changed["rebuilt"], SIGNED, where=f"not ({recounted})") > 0


def test_a_build_after_no_file_changed_leaves_the_tables_as_they_were(changed, tmp_path):
    again = tmp_path / "again.duckdb"
    shutil.copy(changed["incremental"], again)
    staged_before = {table: rows(again, f"select max(staged_at) from {table}")[0][0]
                     for table in [feed.table for feed in STAGED_FEEDS] + [QUARANTINED]}
    build_staged(again)
    # No file changed: no rejected row is copied again.
    assert differing_rows(again, changed["incremental"], QUARANTINED) == 0
    assert rows(again, f"select count(*) from {QUARANTINED} where staged_at > '{staged_before[QUARANTINED]}'") == [(0,)]
    for feed in STAGED_FEEDS:
        assert differing_rows(again, changed["incremental"], feed.table, columns="* exclude (staged_at)") == 0
        # Only the keys of files whose every row a later file superseded are ranked again
        # (such a file has no staged row to tell it was staged); files without accepted rows are not.
        superseded_files = f"""
            select source_file from raw.feed_load_audit
            where feed = '{feed.folder}' and rows_accepted > 0
                and source_file not in (select source_file from {feed.table})"""
        restaged_since = f"staged_at > '{staged_before[feed.table]}'"
        restaged, of_other_keys = rows(again, f"""
            select count(*), count(*) filter (where {feed.key} not in (
                select {feed.key} from {feed.raw_table} where source_file in ({superseded_files})))
            from {feed.table}
            where {restaged_since}""")[0]
        assert of_other_keys == 0, feed.folder
        assert restaged < rows(again, f"select count(*) from {feed.table}")[0][0] / 10, feed.folder


@pytest.mark.parametrize("column", ["contract_id_hash", "resident_id_hash"])
def test_a_table_staged_before_a_column_was_stored_asks_for_a_full_refresh(built_warehouse, tmp_path, column):
    """Even when no file changed: the build would otherwise fail on dbt's schema check, or
    look keys up by a hash the table does not hold."""
    older = tmp_path / "older.duckdb"
    shutil.copy(built_warehouse, older)
    with duckdb.connect(str(older)) as connection:
        connection.execute(f"alter table {CONTRACTS} drop column {column}")
    refused = run_staged_build(older)
    assert refused.returncode == 1
    assert f"has no {column} column" in refused.stdout and "--full-refresh" in refused.stdout, refused.stdout[-3000:]
    build_staged(older, "--full-refresh")
    assert rows(older, f"select count(*) from {CONTRACTS} where {column} is null")[0][0] == 0


def test_a_quarantine_mart_built_before_it_kept_file_versions_is_upgraded_by_a_build(built_warehouse, tmp_path):
    older = tmp_path / "older.duckdb"
    shutil.copy(built_warehouse, older)
    with duckdb.connect(str(older)) as connection:
        connection.execute(f"alter table {QUARANTINED} drop column staged_at")
        connection.execute(f"alter table {QUARANTINED} drop column file_loaded_at")
    build_staged(older)
    assert rows(older, f"select count(*) from {QUARANTINED} where staged_at is null or file_loaded_at is null") == [(0,)]
    assert differing_rows(older, built_warehouse, QUARANTINED, columns="* exclude (staged_at)") == 0
