"""Peak resident memory of a process and all its descendants, sampled from /proc.

A refresh is two processes at its peak (Dagster in Python, dbt's DuckDB in a child), so the
peak that matters is their sum at one moment; the kernel only keeps each one's own peak.
Sampling can miss a spike shorter than the interval: the sum is a lower bound, and the
largest single process's exact peak (VmHWM, read at each sample) is reported beside it.

Not `getrusage(RUSAGE_CHILDREN).ru_maxrss`: a child started from a large parent inherits
the parent's peak at its exec (Linux keeps the larger of the two). The province benchmark
generates 13 GB of feeds in its own process first, so its ~6 GiB was reported as the
refresh's.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command name may hold spaces and parentheses: the ppid follows the last ')'.
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    return children


def _tree(root: int) -> list[int]:
    """`root` and every descendant, now."""
    children = _children_by_parent()
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, ()))
    return found


def rss_bytes(pid: int) -> int:
    """Resident bytes of `pid` now; 0 if it ended."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def peak_rss_bytes(pid: int) -> int:
    """The exact peak resident bytes of `pid` since it started its program (VmHWM); 0 if it ended."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmHWM:")), 0)


class PeakTreeMemory:
    """Samples the tree of `pid` every `interval` seconds in a thread until stopped: the peak of
    its summed RSS (`peak_bytes`) and the largest peak of one of its processes
    (`largest_process_peak_bytes`; a process's growth after the last sample before it ended is
    missed)."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval = pid, interval
        self.peak_bytes = 0
        self.largest_process_peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakTreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            tree = _tree(self.pid)
            self.peak_bytes = max(self.peak_bytes, sum(rss_bytes(pid) for pid in tree))
            self.largest_process_peak_bytes = max(self.largest_process_peak_bytes, *(peak_rss_bytes(pid) for pid in tree))
            self._stop.wait(self.interval)
