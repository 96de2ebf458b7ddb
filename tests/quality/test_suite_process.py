"""The great-expectations suites run in a worker process: same outcomes as in-process, clear
errors when a suite or the worker fails, no great-expectations in the refresh's own process,
and no worker left behind when that process dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from orchestration.quality import suite_process


@pytest.fixture(scope="module")
def worker():
    """One worker for the module's tests, replaced by those that kill it."""
    yield
    suite_process.stop()


def _audit(received: int, accepted: int, quarantined: int) -> pd.DataFrame:
    return pd.DataFrame({"source_file": ["contracts/2025-07.csv"], "status": ["loaded"], "rows_received": [received],
                         "rows_accepted": [accepted], "rows_quarantined": [quarantined]})


def test_a_suite_run_in_the_worker_says_what_failed(worker):
    reconciled = suite_process.run("load_audit_suite", _audit(10, 8, 2))
    assert reconciled.passed and reconciled.evaluated == 5 and reconciled.failures == []

    lost_a_row = suite_process.run("load_audit_suite", _audit(10, 8, 1))
    assert not lost_a_row.passed
    assert len(lost_a_row.failures) == 1 and "unreconciled: 1 rows, e.g. [1]" in lost_a_row.failures[0]


def test_a_failing_suite_raises_its_traceback_and_the_worker_serves_on(worker):
    with pytest.raises(RuntimeError, match=r"load_audit_suite failed in the great-expectations worker:(.|\n)*KeyError"):
        suite_process.run("load_audit_suite", pd.DataFrame({"source_file": ["a.csv"]}))
    with pytest.raises(RuntimeError, match="no_such_suite failed"):
        suite_process.run("no_such_suite", _audit(1, 1, 0))
    assert suite_process.run("load_audit_suite", _audit(1, 1, 0)).passed


class _KillsTheWorker:
    """Unpickled by the worker as a call to os._exit: a worker dying half-way through a suite."""

    def __reduce__(self):
        return os._exit, (3,)


def test_a_worker_dying_during_a_suite_is_reported_and_the_next_run_starts_another(worker):
    suite_process.run("load_audit_suite", _audit(1, 1, 0))
    pid = suite_process._worker.process.pid
    with pytest.raises(RuntimeError, match=rf"worker \(pid {pid}\) died running load_audit_suite \(exit code 3\)"):
        suite_process.run("load_audit_suite", _KillsTheWorker())
    assert suite_process.run("load_audit_suite", _audit(1, 1, 0)).passed
    assert suite_process._worker.process.pid != pid


def test_a_worker_killed_between_runs_is_replaced(worker):
    suite_process.run("load_audit_suite", _audit(1, 1, 0))
    pid = suite_process._worker.process.pid
    os.kill(pid, signal.SIGKILL)
    suite_process._worker.process.wait()
    assert suite_process.run("load_audit_suite", _audit(1, 1, 0)).passed
    assert suite_process._worker.process.pid != pid


_STARTER = """
import sys, time
from orchestration.quality import suite_process
import pandas as pd
suite_process.run("load_audit_suite", pd.DataFrame({"source_file": ["a"], "status": ["loaded"], "rows_received": [1],
                                                     "rows_accepted": [1], "rows_quarantined": [0]}))
print(suite_process._worker.process.pid, "great_expectations" in sys.modules, flush=True)
time.sleep(60)
"""


def test_the_worker_exits_with_the_process_that_started_it_and_great_expectations_stays_out_of_that_process():
    starter = subprocess.Popen([sys.executable, "-c", _STARTER], stdout=subprocess.PIPE, text=True)
    try:
        worker_pid, imported_here = starter.stdout.readline().split()
        assert imported_here == "False"
    finally:
        starter.kill()  # SIGKILL: no exit handler runs, the pipe to the worker just closes
        starter.wait()
    deadline = time.monotonic() + 10
    while _is_running(int(worker_pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _is_running(int(worker_pid))


def _is_running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"  # a zombie has exited, its parent not yet told
    except FileNotFoundError:
        return False
