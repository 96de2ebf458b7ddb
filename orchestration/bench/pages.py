"""Per dashboard page: how long fetching its data takes (p50 and p95 over N repetitions).

Pages are found, not listed: every `dashboards/views/*.py` is opened once through the app
(Streamlit AppTest, default selections) while `dashboards.warehouse.query` records the
queries it runs. Those queries are then replayed through the same function:

    cold  each repetition in a fresh interpreter: nothing cached in Streamlit or DuckDB (the
          OS page cache cannot be dropped without root, so the file itself may be in memory);
    warm  repeated in one process with Streamlit's cache cleared before each repetition, so
          every query really runs: a visitor after the 60 s cache has expired.

A page that adds a data-access function in `dashboards/` is measured as long as that
function reads through `dashboards.warehouse.query`.
"""

from __future__ import annotations

import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from orchestration.settings import PROJECT_ROOT

APP = PROJECT_ROOT / "dashboards" / "app.py"
VIEWS = PROJECT_ROOT / "dashboards" / "views"
Query = tuple[str, tuple]


@dataclass(frozen=True)
class PageTiming:
    page: str
    queries: int
    cold_p50_ms: float
    cold_p95_ms: float
    warm_p50_ms: float
    warm_p95_ms: float
    error: str | None = None


def pages() -> list[str]:
    return [f"views/{path.name}" for path in sorted(VIEWS.glob("*.py")) if not path.name.startswith("_")]


def record_queries(page: str) -> list[Query]:
    """The queries a page runs when opened with its default selections."""
    from streamlit.testing.v1 import AppTest

    from dashboards import warehouse

    recorded: list[Query] = []
    original = warehouse.query

    def recording(sql: str, params: tuple = ()):
        recorded.append((sql, tuple(params)))
        return original(sql, params)

    warehouse.query = recording
    try:
        app = AppTest.from_file(str(APP), default_timeout=120)
        app.run()
        app.switch_page(page)
        app.run()
        if app.exception:
            raise RuntimeError(app.exception[0].message)
    finally:
        warehouse.query = original
    return recorded


def fetch_seconds(queries: list[Query]) -> float:
    """Run the queries through the dashboards' own data access, Streamlit's cache emptied first."""
    from dashboards import warehouse

    warehouse._cached_query.clear()
    began = time.perf_counter()
    with warehouse.page_run():  # as dashboards/app.py runs a page: one connection for its queries
        for sql, params in queries:
            warehouse.query(sql, params)
    return time.perf_counter() - began


def time_pages(environment: dict[str, str], repetitions: int) -> list[PageTiming]:
    """Time every page against the publication `environment` points at."""
    os.environ.update(environment)
    timings = []
    for page in pages():
        try:
            queries = record_queries(page)
        except Exception as error:  # a page another change broke is reported, not fatal to the bench
            timings.append(PageTiming(page, 0, 0, 0, 0, 0, error=str(error)[:300]))
            continue
        cold = [_fetch_in_fresh_process(queries, environment) for _ in range(repetitions)]
        fetch_seconds(queries)  # the first warm repetition is not counted
        warm = [fetch_seconds(queries) for _ in range(repetitions)]
        timings.append(PageTiming(page, len(queries), *_p50_p95(cold), *_p50_p95(warm)))
    return timings


def _fetch_in_fresh_process(queries: list[Query], environment: dict[str, str]) -> float:
    with tempfile.NamedTemporaryFile(suffix=".pickle", delete=False) as file:
        pickle.dump(queries, file)
    try:
        output = subprocess.run([sys.executable, "-m", "orchestration.bench.pages", file.name], cwd=PROJECT_ROOT,
                                env={**os.environ, **environment}, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(file.name)
    return float(output.strip().splitlines()[-1])


def _p50_p95(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return round(statistics.median(ordered) * 1000, 1), round(p95 * 1000, 1)


if __name__ == "__main__":
    # The cold measurement: this interpreter has run nothing before these queries.
    print(fetch_seconds(pickle.loads(Path(sys.argv[1]).read_bytes())))
