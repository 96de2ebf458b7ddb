"""The engine floor: engine_floor.sql timed on the warehouse a refresh just built."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

FLOOR_SQL = Path(__file__).with_name("engine_floor.sql")


def time_engine_floor(warehouse: Path) -> tuple[float, dict]:
    """(seconds, the query's own counts) — a fresh read-only connection, as a cold query would have."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        connection.execute("set enable_progress_bar = false")
        began = time.perf_counter()
        cursor = connection.execute(FLOOR_SQL.read_text())
        row = cursor.fetchone()
        seconds = time.perf_counter() - began
        names = [column[0] for column in cursor.description]
    return round(seconds, 2), dict(zip(names, row))
