"""Nightly operations: the schedule, the file sensor, idempotent and crash-safe refreshes."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.definitions import defs
from orchestration.defs.sensors import documents_changed, feeds_changed
from orchestration.settings import DOCUMENTS_DIR, PROJECT_ROOT, published_warehouse_path
from tests.conftest import materialize_all


def test_the_nightly_schedule_runs_the_full_refresh_at_two_beijing_time():
    schedule = defs().resolve_schedule_def("nightly_refresh")
    assert schedule.cron_schedule == "0 2 * * *"
    assert schedule.execution_timezone == "Asia/Shanghai"
    assert schedule.job_name == "refresh_warehouse"
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING


def test_the_documents_sensor_fires_once_per_new_content(tmp_path, monkeypatch):
    corpus = tmp_path / "documents"
    shutil.copytree(DOCUMENTS_DIR, corpus)
    monkeypatch.setattr("orchestration.defs.sensors.DOCUMENTS_DIR", corpus)

    def tick(cursor):
        context = dg.build_sensor_context(cursor=cursor, instance=dg.DagsterInstance.ephemeral())
        return documents_changed(context), context.cursor

    first, cursor = tick(None)
    assert isinstance(first, dg.RunRequest)

    unchanged, cursor = tick(cursor)
    assert isinstance(unchanged, dg.SkipReason)

    (corpus / "005_new_plan.txt").write_text("到2025年，家庭医生签约服务覆盖率达到75%以上。", encoding="utf-8")
    dropped, cursor = tick(cursor)
    assert isinstance(dropped, dg.RunRequest)
    assert dropped.tags["changed_files"] == "005_new_plan.txt"
    assert dropped.run_key != first.run_key

    # Removed, then put back: the folder is as it was after the first tick, and the file
    # must still be loaded again, so the run key differs from every earlier one.
    removed_file = corpus / "000_64f0c7a74635aedf.txt"
    content = removed_file.read_bytes()
    removed_file.unlink()
    removed, cursor = tick(cursor)
    removed_file.write_bytes(content)
    restored, cursor = tick(cursor)
    assert isinstance(removed, dg.RunRequest) and isinstance(restored, dg.RunRequest)
    assert restored.tags["changed_files"] == "000_64f0c7a74635aedf.txt"
    assert len({first.run_key, dropped.run_key, removed.run_key, restored.run_key}) == 4


def test_the_feeds_sensor_fires_on_a_dropped_feed_file(tmp_path, monkeypatch):
    monkeypatch.setenv("FEEDS_DIR", str(tmp_path))
    sensor = feeds_changed
    context = dg.build_sensor_context(instance=dg.DagsterInstance.ephemeral())
    assert isinstance(sensor(context), dg.SkipReason)

    delivery = tmp_path / "institution_monthly_reports" / "2026-01-10"
    delivery.mkdir(parents=True)
    (delivery / "350200_医疗机构运行监测月报_2025-12.xlsx").write_bytes(b"not really excel")
    context = dg.build_sensor_context(cursor=context.cursor, instance=dg.DagsterInstance.ephemeral())
    request = sensor(context)
    assert isinstance(request, dg.RunRequest)
    assert "2025-12.xlsx" in request.tags["changed_files"]


def _mart_hashes(database: Path) -> dict[str, str]:
    with duckdb.connect(str(database), read_only=True) as connection:
        tables = [row[0] for row in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
        ).fetchall()]
        hashes = {}
        for table in tables:
            rows = connection.execute(f"select * from marts.{table}").fetchall()
            hashes[table] = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
    return hashes


def test_the_same_refresh_twice_yields_identical_marts(built_warehouse, tmp_path):
    database = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse, database)
    before = _mart_hashes(database)

    assert materialize_all(database).success

    assert before and _mart_hashes(database) == before


def _dagster_home(tmp_path: Path) -> Path:
    """A persistent instance, as `make materialize` uses: a killed run stays recorded in it."""
    home = tmp_path / "dagster"
    home.mkdir()
    shutil.copy(PROJECT_ROOT / "orchestration" / "instance" / "dagster.yaml", home)
    return home


def _refresh(database: Path, dagster_home: Path, kill_when: str | None = None) -> tuple[int, str]:
    """Run `python -m orchestration.refresh`; with `kill_when`, SIGKILL it (and dbt) at that log line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "orchestration.refresh"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "WAREHOUSE_PATH": str(database), "DAGSTER_HOME": str(dagster_home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output = []
    for line in process.stdout:
        output.append(line)
        if kill_when and kill_when in line:
            os.killpg(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=300)
    return process.returncode, "".join(output)


def _published_documents(database: Path) -> int:
    with duckdb.connect(str(published_warehouse_path(database)), read_only=True) as connection:
        return connection.execute("select count(*) from marts.dim_documents").fetchone()[0]


@pytest.mark.parametrize(
    "kill_when",
    [
        'STEP_START - Started execution of step "raw__documents"',
        "Running dbt command",
        'STEP_START - Started execution of step "published_warehouse"',
    ],
    ids=["during-ingestion", "during-dbt", "during-publication"],
)
def test_a_killed_refresh_keeps_the_publication_and_the_next_run_recovers(built_warehouse, tmp_path, kill_when):
    database = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse, database)
    published = published_warehouse_path(database)
    published.parent.mkdir()
    shutil.copy(published_warehouse_path(built_warehouse), published)
    documents = len(list(DOCUMENTS_DIR.iterdir()))
    dagster_home = _dagster_home(tmp_path)

    returncode, output = _refresh(database, dagster_home, kill_when=kill_when)

    assert returncode == -signal.SIGKILL, output[-2000:]
    assert _published_documents(database) == documents
    # The killed run still holds the writer pool's slot in the instance; the next run frees it.
    returncode, output = _refresh(database, dagster_home)
    assert returncode == 0, output[-3000:]
    assert "left running by a killed refresh" in output
    assert _published_documents(database) == documents
