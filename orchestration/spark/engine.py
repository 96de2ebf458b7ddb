"""What a refresh does around `dbt build` when the models build on Spark
(`WAREHOUSE_ENGINE=spark`, orchestration/defs/resources.py). On DuckDB both steps do nothing:
dbt reads and writes the warehouse file itself.

Before: the raw tables the Python assets wrote into the warehouse are landed as Parquet,
which Spark's `raw` views read. After: Spark's marts are loaded into the warehouse's `marts`
schema, so the publication step copies them to the dashboards exactly as after a DuckDB build.
"""

from __future__ import annotations

from pathlib import Path

from orchestration.spark.raw_export import export_raw_tables
from orchestration.spark.serving import load_spark_marts
from orchestration.spark.settings import raw_parquet_dir, spark_marts_dir


def land_raw_tables_for(engine: str, warehouse: Path) -> None:
    if engine == "spark":
        export_raw_tables(warehouse, raw_parquet_dir())


def serve_marts_from(engine: str, warehouse: Path) -> None:
    if engine == "spark":
        load_spark_marts(spark_marts_dir(), warehouse)
