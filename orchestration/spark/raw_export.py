"""Land the warehouse's raw tables as Parquet for Spark.

The Python assets validate documents and feeds and write them into DuckDB's `raw` schema;
the Spark target reads the same rows from Parquet (dbt's `raw` sources become views over
these folders). One folder per table. Tables of delivered rows (the feeds, their quarantine
and load audit) are partitioned by the month of delivery, `delivery_month=YYYY-MM`: a
night's deliveries add a partition, and resubmissions land beside the month they arrive in
rather than rewriting the month they correct — the staging layer picks the latest
submission per key across all partitions, as it does on DuckDB.

Each table is written next to its destination and swapped in, so a reader sees the old
folder or the new one, never a half-written table.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

RAW_SCHEMA = "raw"
# Tables with this column are partitioned by its month.
DELIVERY_COLUMN = "delivered_on"
PARTITION_COLUMN = "delivery_month"


@dataclass(frozen=True)
class ExportedTable:
    name: str
    rows: int
    partitions: int
    folder: Path


def export_raw_tables(warehouse: Path, destination: Path) -> list[ExportedTable]:
    """Write every table of `warehouse`'s raw schema to `destination/<table>/`."""
    destination.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        connection.execute("set enable_progress_bar = false")
        tables = [
            name
            for (name,) in connection.execute(
                "select table_name from information_schema.tables"
                " where table_schema = ? and table_type = 'BASE TABLE' order by table_name",
                [RAW_SCHEMA],
            ).fetchall()
        ]
        if not tables:
            raise ValueError(f"{warehouse} has no {RAW_SCHEMA} tables: materialize the warehouse first")
        return [_export_table(connection, table, destination) for table in tables]


def _export_table(connection: duckdb.DuckDBPyConnection, table: str, destination: Path) -> ExportedTable:
    columns = [row[0] for row in connection.execute(f"describe {RAW_SCHEMA}.{table}").fetchall()]
    rows = connection.execute(f"select count(*) from {RAW_SCHEMA}.{table}").fetchone()[0]
    incoming = destination / f".{table}.incoming"
    shutil.rmtree(incoming, ignore_errors=True)
    incoming.mkdir()
    # An empty table keeps one file with the schema, so Spark can still read the folder.
    partitioned = DELIVERY_COLUMN in columns and rows > 0
    if partitioned:
        connection.execute(
            f"""
            copy (
                select *, coalesce(strftime({DELIVERY_COLUMN}, '%Y-%m'), 'unknown') as {PARTITION_COLUMN}
                from {RAW_SCHEMA}.{table}
            ) to '{incoming}' (format parquet, partition_by ({PARTITION_COLUMN}), overwrite_or_ignore)
            """
        )
        partitions = sum(1 for child in incoming.iterdir() if child.is_dir())
    else:
        connection.execute(f"copy {RAW_SCHEMA}.{table} to '{incoming / 'data.parquet'}' (format parquet)")
        partitions = 0
    folder = destination / table
    _swap_in(incoming, folder)
    return ExportedTable(name=table, rows=rows, partitions=partitions, folder=folder)


def _swap_in(incoming: Path, folder: Path) -> None:
    retired = folder.with_name(f".{folder.name}.retired")
    shutil.rmtree(retired, ignore_errors=True)
    if folder.exists():
        folder.rename(retired)
    incoming.rename(folder)
    shutil.rmtree(retired, ignore_errors=True)


def duckdb_over_parquet(raw_dir: Path, database: Path) -> list[str]:
    """A new DuckDB file whose `raw` tables are views over the landed Parquet folders (the
    partition column read back from the folder names), so a DuckDB build reads the very
    files the Spark build reads. Returns the view names."""
    names = sorted(child.name for child in raw_dir.iterdir() if child.is_dir() and not child.name.startswith("."))
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"create schema if not exists {RAW_SCHEMA}")
        for name in names:
            files = (raw_dir / name / "**" / "*.parquet").as_posix()
            connection.execute(
                f"create or replace view {RAW_SCHEMA}.{name} as"
                f" select * from read_parquet('{files}', hive_partitioning = true)"
            )
    return names
