"""Run the great-expectations suites in a worker process, started before they are needed.

Importing great-expectations takes ~3 s of the interpreter's one thread (its own modules,
scipy, pandas), and a refresh needs the suites only after ingesting. So the refresh starts
this worker first thing, and the worker imports them on the second core, idle while the
refresh imports Dagster and dbt and creates its run; the refresh process itself never
imports great-expectations.

The worker is a fresh interpreter (`python -m orchestration.quality.suite_process`), so
it imports the suites and nothing else, whatever the starting process has loaded or
runs. It serves one suite at a time over two pipes and exits when they close, also when
the process that started it is killed, so it never outlives that process.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import threading
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from orchestration.process_exit import exit_skipping_teardown
from orchestration.quality.outcome import SuiteOutcome

if TYPE_CHECKING:  # pandas takes ~0.3 s to import, which would delay the worker's start
    import pandas as pd

SUITES_MODULE = "orchestration.quality.suites"


@dataclass(frozen=True)
class _Worker:
    process: subprocess.Popen
    requests: Connection
    replies: Connection

    @classmethod
    def started(cls) -> _Worker:
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(request_read), str(reply_write)],
            pass_fds=(request_read, reply_write), stdin=subprocess.DEVNULL)
        os.close(request_read)
        os.close(reply_write)
        return cls(process, Connection(request_write, readable=False), Connection(reply_read, writable=False))

    def close(self) -> None:
        self.requests.close()
        self.replies.close()


_lock = threading.Lock()
_worker: _Worker | None = None


def start() -> None:
    """Start the worker, unless it is running; returns at once, the worker imports on its own."""
    with _lock:
        _running_worker()


def run(suite: str, frame: pd.DataFrame) -> SuiteOutcome:
    """The outcome of `suite`, a function of SUITES_MODULE, on `frame`, computed in the worker
    (started now if it is not running)."""
    with _lock:
        worker = _running_worker()
        try:
            worker.requests.send((suite, frame))
            outcome, failure = worker.replies.recv()
        except (EOFError, OSError) as error:  # the next run starts another worker
            worker.close()
            exit_code = worker.process.wait(timeout=10)
            raise RuntimeError(f"the great-expectations worker (pid {worker.process.pid}) died running {suite} "
                               f"(exit code {exit_code})") from error
    if failure is not None:
        raise RuntimeError(f"{suite} failed in the great-expectations worker:\n{failure}")
    return outcome


def stop() -> None:
    """Let the worker exit and wait for it; the next `start` or `run` starts a new one."""
    global _worker
    with _lock:
        worker, _worker = _worker, None
    if worker is None:
        return
    worker.close()
    try:
        worker.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.process.kill()
        worker.process.wait()


def _running_worker() -> _Worker:
    """The worker, started if it is not running; the caller holds _lock."""
    global _worker
    if _worker is None or _worker.process.poll() is not None:
        if _worker is not None:
            _worker.close()
        _worker = _Worker.started()
    return _worker


def _serve(requests: Connection, replies: Connection) -> None:
    """The worker: run each suite it is sent, until the pipe closes."""
    suites = importlib.import_module(SUITES_MODULE)
    while True:
        try:
            suite, frame = requests.recv()
        except EOFError:
            return
        try:
            replies.send((getattr(suites, suite)(frame), None))
        except Exception:  # reported to the caller, which raises it; the worker serves on
            replies.send((None, traceback.format_exc()))


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))
    # The refresh waits for this exit (`stop`), and the interpreter's teardown would first
    # collect every object great-expectations left (~0.8 s).
    exit_skipping_teardown(0)
