"""Replace a raw warehouse table with Python records, under an explicit schema.

The schema is the contract dbt's staging layer reads: it fixes column order and types even
when there are no rows, or a column is null in every row (which inference cannot type).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import duckdb
import polars as pl


def replace_table(
    connection: duckdb.DuckDBPyConnection,
    table: str,
    records: Sequence[Mapping],
    schema: Mapping[str, pl.DataType],
) -> int:
    """`create or replace` `table` (schema-qualified) with `records`; returns the row count."""
    frame = pl.DataFrame([{column: record.get(column) for column in schema} for record in records], schema=schema)
    connection.register("_incoming_records", frame)
    try:
        connection.execute(f"create or replace table {table} as select * from _incoming_records")
    finally:
        connection.unregister("_incoming_records")
    return frame.height
