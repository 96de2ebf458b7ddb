"""Contracts built incrementally after files were added, reloaded and removed: the staging
table holds exactly what a full rebuild holds, restaging only the keys of those files
(macros/feeds/restage_by_file.sql), and the signed-resident counts of the months recounted
equal a full rebuild's while older months keep theirs."""

import os
import shutil
import subprocess
import sys
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
FOLDER = "family_doctor_contracts"


def run_contracts_build(warehouse: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(DBT), "run", "--select", "stg_feeds__family_doctor_contracts", "int_signed_residents", *flags,
         "--profiles-dir", ".", "--target-path", "target/incremental_contracts"],
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, "WAREHOUSE_PATH": str(warehouse)},
        capture_output=True,
        text=True,
        timeout=600,
    )


def build_contracts(warehouse: Path, *flags: str) -> None:
    result = run_contracts_build(warehouse, *flags)
    assert result.returncode == 0, result.stdout[-3000:]


def rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def change_files(feeds: Path, warehouse: Path) -> dict[str, str]:
    """A correction removed (the one superseding most staged contracts, whose earlier
    submissions must come back), a file reloaded with its last rows gone, and a file
    delivered again a month later under the same name (every contract in it resubmitted)."""
    files = sorted((feeds / FOLDER).glob("*/*.csv"))
    removed = feeds / rows(warehouse, f"""
        select staged.source_file
        from {CONTRACTS} as staged
        inner join raw.feed_family_doctor_contracts as submitted
            on submitted.contract_id = staged.contract_id and submitted.source_file <> staged.source_file
        group by staged.source_file
        order by count(*) desc
        limit 1""")[0][0]
    removed.unlink()
    reloaded = next(path for path in files if "更正" not in path.name and path != removed)
    lines = reloaded.read_bytes().splitlines(keepends=True)
    reloaded.write_bytes(b"".join(lines[:-5]))
    resubmitted = next(path for path in reversed(files) if "更正" not in path.name and path != reloaded)
    later = feeds / FOLDER / "2026-03-10" / resubmitted.name
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
    files = change_files(feeds, built_warehouse)
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
    build_contracts(incremental)
    build_contracts(rebuilt, "--full-refresh")
    return {"before": built_warehouse, "incremental": incremental, "rebuilt": rebuilt, "files": files}


def test_staged_contracts_equal_a_full_rebuild_and_only_changed_files_were_restaged(changed):
    incremental, files = changed["incremental"], changed["files"]
    assert differing_rows(incremental, changed["rebuilt"], CONTRACTS, columns="* exclude (staged_at)") == 0

    staged_before = rows(changed["before"], f"select max(staged_at) from {CONTRACTS}")[0][0]
    total, restaged, from_new_file, from_removed = rows(incremental, f"""
        select count(*), count(*) filter (where staged_at > '{staged_before}'),
            count(*) filter (where source_file = '{files["new"]}'),
            count(*) filter (where source_file = '{files["removed"]}')
        from {CONTRACTS}""")[0]
    # The resubmitted file's contracts now come from the new one; the removed correction's
    # contracts are back to their earlier submissions.
    assert from_new_file > 0 and from_removed == 0
    assert rows(incremental, f"select count(*) from {CONTRACTS} where source_file = '{files['resubmitted']}'")[0][0] == 0
    # Only the changed files' keys were restaged, not the table.
    assert from_new_file <= restaged < total / 2
    reloaded_rows = f"select count(*) from raw.feed_family_doctor_contracts where source_file = '{files['reloaded']}'"
    assert 0 < rows(incremental, reloaded_rows)[0][0] < rows(changed["before"], reloaded_rows)[0][0]


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


def test_a_build_after_no_file_changed_leaves_the_table_as_it_was(changed, tmp_path):
    again = tmp_path / "again.duckdb"
    shutil.copy(changed["incremental"], again)
    staged_before = rows(again, f"select max(staged_at) from {CONTRACTS}")[0][0]
    build_contracts(again)
    assert differing_rows(again, changed["incremental"], CONTRACTS, columns="* exclude (staged_at)") == 0
    # Only the contracts of files whose every row a later file superseded are ranked again
    # (such a file has no staged row to tell it was staged); files without accepted rows are not.
    restaged_files = rows(again, f"select distinct source_file from {CONTRACTS} where staged_at > '{staged_before}'")
    superseded_files = rows(again, f"""
        select count(*) from raw.feed_load_audit
        where feed = '{FOLDER}' and rows_accepted > 0
            and source_file not in (select source_file from {CONTRACTS})""")[0][0]
    assert superseded_files > 0 or restaged_files == []
    restaged, total = rows(again, f"select count(*) filter (where staged_at > '{staged_before}'), count(*) from {CONTRACTS}")[0]
    assert restaged < total / 100


def test_a_table_staged_before_the_key_hash_was_stored_asks_for_a_full_refresh(built_warehouse, tmp_path):
    older = tmp_path / "older.duckdb"
    shutil.copy(built_warehouse, older)
    with duckdb.connect(str(older)) as connection:
        connection.execute(f"alter table {CONTRACTS} drop column contract_id_hash")
        # A new build of a file: the build must look up the keys the table holds.
        connection.execute("update raw.feed_load_audit set loaded_at = loaded_at + interval 1 second "
                           f"where source_file = (select min(source_file) from {CONTRACTS})")
    refused = run_contracts_build(older)
    assert refused.returncode == 1
    assert "has no contract_id_hash column" in refused.stdout and "--full-refresh" in refused.stdout, refused.stdout[-3000:]
    build_contracts(older, "--full-refresh")
    assert rows(older, f"select count(*) from {CONTRACTS} where contract_id_hash is null")[0][0] == 0
