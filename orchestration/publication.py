"""Publish the built warehouse's marts as a file the dashboards can read while the next build runs.

DuckDB allows one writer or many readers, not both; the dashboards therefore read a
copy. Only what they read goes into it — the marts and the publication time — not the raw
feeds, staging and intermediate tables, which are most of the warehouse (a province's 125 M
contract rows) and which a dashboard server has no business holding: resident-level rows
stay with the pipeline. The copy is written beside its destination and moved into place
with `os.replace`, which is atomic: a reader sees the previous publication or the new one,
never a half-written file.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import duckdb

PUBLISHED_SCHEMAS = ("marts",)
PUBLICATION_TABLE = "main.warehouse_publication"
_ATTACHED = "publication"


def publish(connection: duckdb.DuckDBPyConnection, published: Path, published_at: datetime) -> int:
    """Copy every table of PUBLISHED_SCHEMAS from the warehouse `connection` is open on into a
    new file, stamp it with `published_at` (PUBLICATION_TABLE) and move it over `published`;
    returns bytes published."""
    published.parent.mkdir(parents=True, exist_ok=True)
    incoming = published.with_name(f".{published.name}.incoming")
    for leftover in (incoming, incoming.with_name(incoming.name + ".wal")):
        leftover.unlink(missing_ok=True)  # a publication killed half-way
    tables = connection.execute(
        "select schema_name, table_name from duckdb_tables() "
        "where database_name = current_database() and schema_name in (select unnest(?)) order by all",
        [list(PUBLISHED_SCHEMAS)],
    ).fetchall()
    # ATTACH takes no bound parameters; the path comes from settings.
    escaped = str(incoming).replace("'", "''")
    connection.execute(f"attach '{escaped}' as {_ATTACHED}")
    try:
        for schema in PUBLISHED_SCHEMAS:
            connection.execute(f"create schema {_ATTACHED}.{schema}")
        for schema, table in tables:
            connection.execute(f"create table {_ATTACHED}.{schema}.{table} as select * from {schema}.{table}")
        connection.execute(f"create table {_ATTACHED}.{PUBLICATION_TABLE} as select ?::timestamptz as published_at", [published_at])
        connection.execute(f"checkpoint {_ATTACHED}")
    finally:
        connection.execute(f"detach {_ATTACHED}")
    with open(incoming, "rb+") as written:
        os.fsync(written.fileno())
    os.replace(incoming, published)
    return published.stat().st_size
