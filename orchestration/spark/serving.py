"""Spark's marts into the DuckDB file the dashboards read.

The dashboards keep reading a DuckDB copy (orchestration/publication.py). After a Spark
build the marts are Parquet files: each managed table `marts.<name>` lives in
`<spark.sql.warehouse.dir>/marts.db/<name>/` (on a cluster, in the object store its
`location_root` names). DuckDB reads those files and replaces its `marts` tables in one
transaction; the usual publication then copies the file for the dashboards.
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
            connection.execute(
                f"create or replace table {MARTS_SCHEMA}.{name} as select * from {parquet_scan(marts_dir / name)}"
            )
        connection.execute("commit")
    return names
