"""Read-only access to the published warehouse.

Never holds a connection between page runs: a page run opens the published copy read-only
once, its queries share that connection (and DuckDB's cache of what the first ones read),
and it is closed when the run ends. The refresh replaces the file with `os.replace`, so an
open connection keeps reading the publication it opened and the next run opens the new one.
Results are cached briefly. Parameters are always bound (`?`), never formatted into the SQL.

Each connection is its own in-memory DuckDB that attaches the file: `duckdb.connect(path)`
would hand back the database another session still has open, the replaced publication.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pandas as pd
import streamlit as st

from orchestration.publication import PUBLICATION_TABLE
from orchestration.settings import published_warehouse_path

CACHE_SECONDS = 60

# Streamlit runs each session's script in its own thread: a page run's connection is its thread's.
_page_run = threading.local()


def is_published() -> bool:
    return published_warehouse_path().exists()


@contextmanager
def page_run() -> Iterator[None]:
    """Queries inside share one connection per publication; all are closed when the block ends."""
    _page_run.connections = {}
    try:
        yield
    finally:
        connections, _page_run.connections = _page_run.connections, None
        for connection in connections.values():
            connection.close()


def query(sql: str, params: tuple = ()) -> pd.DataFrame:
    published = published_warehouse_path()
    # The publication's identity is part of the cache key: a new publication is read at once.
    # os.replace gives it a new inode; the mtime alone can repeat within a clock tick.
    status = published.stat()
    return _cached_query(str(published), (status.st_ino, status.st_mtime_ns), sql, params)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=512)
def _cached_query(database: str, publication_version: tuple[int, int], sql: str, params: tuple) -> pd.DataFrame:
    shared = getattr(_page_run, "connections", None)
    if shared is None:  # outside a page run: a connection for this query alone
        with _open(database) as connection:
            return connection.execute(sql, list(params)).df()
    key = (database, publication_version)
    if key not in shared:
        shared[key] = _open(database)
    # One thread, results fetched whole: the queries of a run never interleave on it.
    return shared[key].execute(sql, list(params)).df()


def _open(database: str) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    # ATTACH takes no bound parameters; the path comes from settings, never from a visitor.
    escaped = database.replace("'", "''")
    connection.execute(f"attach '{escaped}' as published (read_only)")
    connection.execute("use published")
    return connection


def published_at() -> pd.Timestamp | None:
    frame = query(f"select published_at from {PUBLICATION_TABLE}")
    return frame["published_at"].iloc[0] if not frame.empty else None
