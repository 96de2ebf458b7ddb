"""Read-only access to the published warehouse.

Never holds a connection open: each query opens the published copy read-only, runs, and
closes, so a refresh can replace the file at any moment. Results are cached briefly.
Parameters are always bound (`?`), never formatted into the SQL text.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from orchestration.settings import published_warehouse_path

CACHE_SECONDS = 60


def is_published() -> bool:
    return published_warehouse_path().exists()


def query(sql: str, params: tuple = ()) -> pd.DataFrame:
    published = published_warehouse_path()
    # The publication's identity is part of the cache key: a new publication is read at once.
    return _cached_query(str(published), published.stat().st_mtime_ns, sql, params)


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=512)
def _cached_query(database: str, publication_version: int, sql: str, params: tuple) -> pd.DataFrame:
    with duckdb.connect(database, read_only=True) as connection:
        return connection.execute(sql, list(params)).df()


def published_at() -> pd.Timestamp | None:
    frame = query("select published_at from main.warehouse_publication")
    return frame["published_at"].iloc[0] if not frame.empty else None
