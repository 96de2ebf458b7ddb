"""The contracts staging table, built incrementally after files were added, reloaded and
removed, holds exactly what a full rebuild holds, and the build restaged only the keys of
those files (macros/feeds/restage_by_file.sql)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb

from orchestration.defs.assets.feeds import feed_ingestion
from orchestration.defs.resources import build_resources
from orchestration.settings import DBT_PROJECT_DIR

DBT = Path(sys.executable).with_name("dbt")
CONTRACTS = "staging.stg_feeds__family_doctor_contracts"
FOLDER = "family_doctor_contracts"


def build_contracts(warehouse: Path, *flags: str) -> None:
    result = subprocess.run(
        [str(DBT), "run", "--select", "stg_feeds__family_doctor_contracts", *flags,
         "--profiles-dir", ".", "--target-path", "target/restage_by_file"],
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, "WAREHOUSE_PATH": str(warehouse)},
        capture_output=True,
        text=True,
        timeout=600,
    )
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


def test_an_incremental_build_after_file_changes_equals_a_full_rebuild(built_warehouse, test_feeds, tmp_path, monkeypatch):
    feeds = tmp_path / "feeds"
    shutil.copytree(test_feeds, feeds)
    changed = change_files(feeds, built_warehouse)
    incremental = tmp_path / "incremental.duckdb"
    shutil.copy(built_warehouse, incremental)
    staged_before = rows(incremental, f"select count(*), max(staged_at) from {CONTRACTS}")[0]

    monkeypatch.setenv("FEEDS_DIR", str(feeds))
    with dg.instance_for_test() as instance:
        assert dg.materialize([feed_ingestion], resources=build_resources(str(incremental)), instance=instance).success
    rebuilt = tmp_path / "rebuilt.duckdb"
    shutil.copy(incremental, rebuilt)
    build_contracts(incremental)
    build_contracts(rebuilt, "--full-refresh")

    columns = "* exclude (staged_at)"
    for one, other in [(incremental, rebuilt), (rebuilt, incremental)]:
        with duckdb.connect(str(one)) as connection:
            connection.execute(f"attach '{other}' as other (read_only)")
            differing = connection.execute(
                f"select count(*) from (select {columns} from {CONTRACTS} except all select {columns} from other.{CONTRACTS})"
            ).fetchone()[0]
        assert differing == 0

    total, restaged, from_new_file, from_removed = rows(incremental, f"""
        select count(*), count(*) filter (where staged_at > '{staged_before[1]}'),
            count(*) filter (where source_file = '{changed["new"]}'),
            count(*) filter (where source_file = '{changed["removed"]}')
        from {CONTRACTS}""")[0]
    # The resubmitted file's contracts now come from the new one; the removed correction's
    # contracts are back to their earlier submissions.
    assert from_new_file > 0 and from_removed == 0
    assert rows(incremental, f"select count(*) from {CONTRACTS} where source_file = '{changed['resubmitted']}'")[0][0] == 0
    # Only the changed files' keys were restaged, not the table.
    assert from_new_file <= restaged < total / 2
    reloaded_rows = f"select count(*) from raw.feed_family_doctor_contracts where source_file = '{changed['reloaded']}'"
    assert 0 < rows(incremental, reloaded_rows)[0][0] < rows(built_warehouse, reloaded_rows)[0][0]
