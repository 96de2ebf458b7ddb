"""Reading ahead of the writer: in order, on a few threads, within a byte budget
(orchestration/feeds/read_ahead.py)."""

import threading
import time

import pytest

from orchestration.feeds.read_ahead import read_ahead

MB = 2**20


class Reads:
    """A `read` that records which items were being read at the same time."""

    def __init__(self, sizes: dict[str, int]):
        self.sizes = sizes
        self.started = 0
        self.reading: set[str] = set()
        self.at_once: list[set[str]] = []  # what was being read as each read started
        self._lock = threading.Lock()

    def __call__(self, name: str) -> str:
        with self._lock:
            self.started += 1
            self.reading.add(name)
            self.at_once.append(set(self.reading))
        time.sleep(0.01 * self.sizes[name] / MB)  # a larger file takes longer
        with self._lock:
            self.reading.discard(name)
        return name.upper()


def test_results_come_in_the_items_order_whichever_read_finishes_first():
    sizes = {"slow": 5 * MB, "quick": 1 * MB, "middle": 3 * MB, "last": 1 * MB}
    reads = Reads(sizes)
    results = read_ahead(sizes, reads, size=sizes.get, readers=2, max_bytes=100 * MB)
    assert list(results) == ["SLOW", "QUICK", "MIDDLE", "LAST"]


def test_two_small_files_are_read_at_once_and_no_more_wait_for_a_slow_consumer():
    sizes = {f"file{number}": 4 * MB for number in range(8)}  # 40 ms each: reads overlap even on a busy machine
    reads = Reads(sizes)
    for taken, _ in enumerate(read_ahead(sizes, reads, size=sizes.get, readers=2, max_bytes=100 * MB), start=1):
        # Read results sit in memory until taken: no more than one per reader beyond those.
        assert reads.started <= taken + 2
        time.sleep(0.03)
    assert max(len(held) for held in reads.at_once) == 2


@pytest.mark.parametrize("readers", [2, 3])
def test_files_over_the_budget_together_are_read_one_at_a_time(readers):
    sizes = {"big1": 60 * MB, "big2": 60 * MB, "small1": 10 * MB, "small2": 10 * MB, "big3": 200 * MB}
    reads = Reads(sizes)
    list(read_ahead(sizes, reads, size=sizes.get, readers=readers, max_bytes=100 * MB))
    for held in reads.at_once:
        # Files are read together only while they fit the budget; a file over it, alone.
        assert len(held) == 1 or sum(sizes[name] for name in held) <= 100 * MB, held
    assert {"big3"} in reads.at_once
    assert any(len(held) > 1 for held in reads.at_once), "the small files should share the readers"


def test_a_failed_read_reaches_the_consumer_in_its_place():
    def read(name: str) -> str:
        if name == "broken":
            raise ValueError("unreadable")
        return name

    results = read_ahead(["fine", "broken", "after"], read, size=lambda name: 1, readers=2, max_bytes=10)
    assert next(results) == "fine"
    with pytest.raises(ValueError, match="unreadable"):
        next(results)
