"""Runs a killed `make materialize` left behind: marked failed, their pool slots given back.

A process killed with SIGKILL cannot report its own end, so its run stays STARTED in the
Dagster instance and keeps its `warehouse_writer` slot; every later refresh would wait for
that slot forever. A headless refresh holds a lock file in DAGSTER_HOME while it runs, so
when the next one takes the lock, any headless run still marked as running has no process
left behind it and is safe to close.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

LAUNCHED_BY_TAG = "reform/launched_by"
HEADLESS_REFRESH = "make-materialize"
_RUNNING = [dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED]


class RefreshAlreadyRunning(RuntimeError):
    pass


@contextmanager
def headless_refresh_lock(dagster_home: Path) -> Iterator[None]:
    """Held for the whole headless refresh; the OS releases it when the process dies."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    with open(dagster_home / "headless_refresh.lock", "w") as lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RefreshAlreadyRunning(f"another `make materialize` is running against {dagster_home}") from None
        yield


def close_abandoned_headless_runs(instance: dg.DagsterInstance) -> list[str]:
    """Fail the headless runs still marked running and free their slots; call with the lock held."""
    records = instance.get_run_records(
        filters=dg.RunsFilter(statuses=_RUNNING, tags={LAUNCHED_BY_TAG: HEADLESS_REFRESH})
    )
    closed = []
    for record in records:
        run = record.dagster_run
        instance.report_run_failed(run, message="abandoned: the process running this refresh was killed")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        closed.append(run.run_id)
    return closed
