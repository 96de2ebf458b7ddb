"""Spark's marts into the DuckDB file the dashboards read.

The dashboards keep reading a DuckDB copy (orchestration/publication.py). After a Spark
build the marts are Parquet files: each managed table `marts.<name>` lives in
`<spark.sql.warehouse.dir>/marts.db/<name>/` (on a cluster, in the object store its
`location_root` names). DuckDB reads those files and replaces its `marts` tables in one
transaction; the usual publication then copies the file for the dashboards.

The tables keep the types a DuckDB build gives them, so the dashboards read the same
values whichever engine built them, and a later DuckDB build can merge into them: a column
the warehouse already has keeps its type (and its place); for a new one, Spark's decimals
become doubles and its timestamps (UTC, `spark.sql.session.timeZone`) time-zone aware, as
DuckDB computes them. Spark's other types are DuckDB's own.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from orchestration.spark.settings import MARTS_SCHEMA


def spark_mart_names(marts_dir: Path) -> list[str]:
    """The marts Spark built: one folder per table under `<warehouse>/marts.db/`."""
    if not marts_dir.is_dir():
        raise FileNotFoundError(f"No Spark marts in {marts_dir}: run the Spark build first")
    return sorted(child.name for child in marts_dir.iterdir() if child.is_dir() and not child.name.startswith("."))


def parquet_scan(table_dir: Path) -> str:
    """A DuckDB table expression over a Spark table's files; partition folders
    (`period_month=2025-01-01`) become columns again."""
    return f"read_parquet('{table_dir}/**/*.parquet', hive_partitioning = true)"


def load_spark_marts(marts_dir: Path, database: Path) -> list[str]:
    """Replace the `marts` tables of `database` with the Spark build's; returns their names."""
    names = spark_mart_names(marts_dir)
    with duckdb.connect(str(database)) as connection:
        connection.execute("set enable_progress_bar = false")
        connection.execute("begin")
        connection.execute(f"create schema if not exists {MARTS_SCHEMA}")
        for name in names:
            scan = parquet_scan(marts_dir / name)
            columns = _served_columns(connection, scan, _existing_columns(connection, name))
            connection.execute(f"create or replace table {MARTS_SCHEMA}.{name} as select {columns} from {scan}")
        connection.execute("commit")
    return names


def _existing_columns(connection: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Column -> type of the warehouse's table as it stands (empty when it has none), in order."""
    rows = connection.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [MARTS_SCHEMA, table],
    ).fetchall()
    return dict(rows)


def _served_columns(connection: duckdb.DuckDBPyConnection, scan: str, existing: dict[str, str]) -> str:
    """The select list that gives Spark's columns the warehouse's types (module docstring)."""
    spark_types = {row[0]: row[1] for row in connection.execute(f"describe select * from {scan}").fetchall()}
    ordered = [column for column in existing if column in spark_types] + [
        column for column in spark_types if column not in existing
    ]
    return ", ".join(_cast(column, spark_types[column], existing.get(column)) for column in ordered)


def _cast(column: str, spark_type: str, existing_type: str | None) -> str:
    quoted = f'"{column}"'
    wanted = existing_type or _as_duckdb_computes(spark_type)
    if wanted == spark_type:
        return quoted
    if spark_type == "TIMESTAMP" and wanted == "TIMESTAMP WITH TIME ZONE":
        # A plain cast would read the time in this process's time zone; Spark wrote UTC.
        return f"timezone('UTC', {quoted}) as {quoted}"
    return f"cast({quoted} as {wanted}) as {quoted}"


def _as_duckdb_computes(spark_type: str) -> str:
    if spark_type.startswith("DECIMAL"):
        return "DOUBLE"
    if spark_type == "TIMESTAMP":
        return "TIMESTAMP WITH TIME ZONE"
    return spark_type
