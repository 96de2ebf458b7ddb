"""Publish the built warehouse's marts as a file the dashboards can read while the next build runs.

DuckDB allows one writer or many readers, not both; the dashboards therefore read a
copy. Only what they read goes into it — the marts and the publication time — not the raw
feeds, staging and intermediate tables, which are most of the warehouse (a province's 125 M
contract rows) and which a dashboard server has no business holding: resident-level rows
stay with the pipeline. The copy is written beside its destination and moved into place
with `os.replace`, which is atomic: a reader sees the previous publication or the new one,
never a half-written file.

The new copy starts from the previous publication. Most marts are copied again whole; a
mart that holds whole files' rows (BATCHED_BY_FILE) keeps the previous publication's rows
of the files that did not change, and only the changed files' rows are deleted and copied.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

PUBLISHED_SCHEMAS = ("marts",)
PUBLICATION_TABLE = "main.warehouse_publication"
# Marts whose rows come in batches, one per version of a feed file: all the rows of a file's
# version share its source_file and staged_at (the build that copied them) and are never
# changed, only deleted with the whole batch (macros/feeds/restage_by_file.sql). The
# quarantine mart, ~1 M rows with their raw records at province scale, took 1.8 s of the
# 2.7 s a copy of every mart took.
BATCHED_BY_FILE = {("marts", "quarantined_feed_rows")}
_BATCH = ("source_file", "staged_at")
_ATTACHED = "publication"


@dataclass(frozen=True)
class Publication:
    size_bytes: int
    # The BATCHED_BY_FILE marts updated from the previous publication, not copied whole.
    updated_by_file: list[str]


def publish(connection: duckdb.DuckDBPyConnection, published: Path, published_at: datetime) -> Publication:
    """Copy every table of PUBLISHED_SCHEMAS from the warehouse `connection` is open on into a
    new file, stamp it with `published_at` (PUBLICATION_TABLE) and move it over `published`."""
    published.parent.mkdir(parents=True, exist_ok=True)
    incoming = published.with_name(f".{published.name}.incoming")
    for leftover in (incoming, incoming.with_name(incoming.name + ".wal")):
        leftover.unlink(missing_ok=True)  # a publication killed half-way
    if published.exists():
        shutil.copyfile(published, incoming)
    warehouse = connection.execute("select current_database()").fetchone()[0]
    tables = _tables(connection, warehouse)
    # ATTACH takes no bound parameters; the path comes from settings.
    escaped = str(incoming).replace("'", "''")
    try:
        connection.execute(f"attach '{escaped}' as {_ATTACHED}")
    except duckdb.Error:  # the previous publication is unreadable: start afresh
        incoming.unlink(missing_ok=True)
        connection.execute(f"attach '{escaped}' as {_ATTACHED}")
    try:
        for schema in PUBLISHED_SCHEMAS:
            connection.execute(f"create schema if not exists {_ATTACHED}.{schema}")
        for schema, table in set(_tables(connection, _ATTACHED)) - set(tables):
            connection.execute(f"drop table {_ATTACHED}.{schema}.{table}")  # a mart no longer built
        updated_by_file = []
        for schema, table in tables:
            if (schema, table) in BATCHED_BY_FILE and _same_columns(connection, warehouse, schema, table) \
                    and _updated_batches(connection, schema, table):
                updated_by_file.append(f"{schema}.{table}")
            else:
                _copy(connection, schema, table)
        connection.execute(f"create or replace table {_ATTACHED}.{PUBLICATION_TABLE} as select ?::timestamptz as published_at",
                           [published_at])
        connection.execute(f"checkpoint {_ATTACHED}")
    finally:
        connection.execute(f"detach {_ATTACHED}")
    with open(incoming, "rb+") as written:
        os.fsync(written.fileno())
    os.replace(incoming, published)
    return Publication(published.stat().st_size, updated_by_file)


def _tables(connection: duckdb.DuckDBPyConnection, database: str) -> list[tuple[str, str]]:
    return connection.execute(
        "select schema_name, table_name from duckdb_tables() "
        "where database_name = ? and schema_name in (select unnest(?)) order by all",
        [database, list(PUBLISHED_SCHEMAS)],
    ).fetchall()


def _copy(connection: duckdb.DuckDBPyConnection, schema: str, table: str) -> None:
    connection.execute(f"create or replace table {_ATTACHED}.{schema}.{table} as select * from {schema}.{table}")


def _same_columns(connection: duckdb.DuckDBPyConnection, warehouse: str, schema: str, table: str) -> bool:
    """Whether the previous publication holds `table` with the columns of the warehouse's mart, in order."""
    columns = ("select column_name, data_type from duckdb_columns() "
               "where database_name = ? and schema_name = ? and table_name = ? order by column_index")
    mart = connection.execute(columns, [warehouse, schema, table]).fetchall()
    return mart == connection.execute(columns, [_ATTACHED, schema, table]).fetchall()


def _updated_batches(connection: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    """Delete the previous publication's batches the mart no longer holds and copy those it
    did not hold; whether the two then hold as many rows (if not, a batch changed in place,
    against BATCHED_BY_FILE's promise, and the caller copies the mart whole)."""
    mart, copy = f"{schema}.{table}", f"{_ATTACHED}.{schema}.{table}"
    batch = ", ".join(_BATCH)
    same_batch = " and ".join(f"rows.{column} is not distinct from batches.{column}" for column in _BATCH)
    # EXCEPT compares as sets, nulls equal: a batch that is in both is in neither result.
    connection.execute(f"delete from {copy} as rows using (select {batch} from {copy} except select {batch} from {mart}) as batches "
                       f"where {same_batch}")
    connection.execute(f"insert into {copy} select rows.* from {mart} as rows "
                       f"semi join (select {batch} from {mart} except select {batch} from {copy}) as batches on {same_batch}")
    counts = connection.execute(f"select (select count(*) from {mart}), (select count(*) from {copy})").fetchone()
    return counts[0] == counts[1]
