"""Read files ahead of their consumer on a few threads, within a byte budget, in their order.

Feed ingestion reads and validates files while the previous ones are written; one reader
thread left the second core waiting (docs/benchmarks.md). But every file being read, or
read and not yet taken, sits in memory — a province's first-month contract files are 100 to
400 MB on disk and about 1 GB each while validated — so reads start only while the files
in flight fit `max_bytes`. A file larger than the budget is read alone: never worse than
one reader.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def read_ahead(
    items: Iterable[Item],
    read: Callable[[Item], Result],
    size: Callable[[Item], int],
    readers: int,
    max_bytes: int,
) -> Iterator[Result]:
    """`read(item)` for every item, on up to `readers` threads, yielded in the items' order.

    A file counts against `max_bytes` from the start of its read until it is yielded: the
    consumer then holds it, and the next reads start while it is being written.
    """
    upcoming = deque(items)
    in_flight: deque[tuple[Future, int]] = deque()
    in_flight_bytes = 0
    with ThreadPoolExecutor(max_workers=readers) as pool:

        def start_reads() -> None:
            nonlocal in_flight_bytes
            while upcoming and len(in_flight) < readers and (
                not in_flight or in_flight_bytes + size(upcoming[0]) <= max_bytes
            ):
                item = upcoming.popleft()
                item_bytes = size(item)
                in_flight.append((pool.submit(read, item), item_bytes))
                in_flight_bytes += item_bytes

        start_reads()
        while in_flight:
            future, item_bytes = in_flight.popleft()
            result = future.result()
            in_flight_bytes -= item_bytes
            start_reads()
            yield result
