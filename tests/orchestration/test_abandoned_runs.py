"""What a killed headless refresh leaves in the Dagster instance, and how the next one closes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from orchestration import abandoned_runs

PROJECT_ROOT = Path(__file__).resolve().parents[2]
POOL = "warehouse_writer"


@pytest.fixture
def instance(tmp_path):
    shutil.copy(PROJECT_ROOT / "orchestration" / "instance" / "dagster.yaml", tmp_path)
    with dg.instance_for_test(temp_dir=str(tmp_path)) as test_instance:
        test_instance.event_log_storage.set_concurrency_slots(POOL, 1)
        yield test_instance


def _started_run(instance: dg.DagsterInstance, tags: dict[str, str]) -> str:
    """A run as a SIGKILLed process leaves it: STARTED, holding the writer slot."""
    run = instance.add_run(dg.DagsterRun(job_name="refresh_warehouse", status=dg.DagsterRunStatus.STARTED, tags=tags))
    claim = instance.event_log_storage.claim_concurrency_slot(POOL, run.run_id, "publish")
    assert claim.is_claimed
    return run.run_id


def test_a_headless_run_left_running_is_failed_and_its_slot_freed(instance):
    killed = _started_run(instance, {abandoned_runs.LAUNCHED_BY_TAG: abandoned_runs.HEADLESS_REFRESH})

    assert abandoned_runs.close_abandoned_headless_runs(instance) == [killed]

    assert instance.get_run_by_id(killed).status == dg.DagsterRunStatus.FAILURE
    assert instance.event_log_storage.get_concurrency_info(POOL).active_slot_count == 0


def test_runs_launched_by_the_daemon_or_ui_are_left_alone(instance):
    """Those may be alive in another process; run monitoring bounds them instead."""
    daemon_run = _started_run(instance, {})

    assert abandoned_runs.close_abandoned_headless_runs(instance) == []

    assert instance.get_run_by_id(daemon_run).status == dg.DagsterRunStatus.STARTED
    assert instance.event_log_storage.get_concurrency_info(POOL).active_slot_count == 1


def test_a_second_headless_refresh_is_refused_while_one_holds_the_lock(tmp_path):
    with abandoned_runs.headless_refresh_lock(tmp_path):
        with pytest.raises(abandoned_runs.RefreshAlreadyRunning, match="another `make materialize`"):
            with abandoned_runs.headless_refresh_lock(tmp_path):
                pass
    with abandoned_runs.headless_refresh_lock(tmp_path):
        pass  # released when the first refresh ends
