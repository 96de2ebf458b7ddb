"""Where the Spark build keeps things. The dbt profile (dbt_project/profiles.yml, output
`spark`) reads the same environment variables; the pipeline exports them as absolute paths
so dbt, run from dbt_project/, and this package agree."""

from __future__ import annotations

import os
from pathlib import Path

from orchestration.settings import DATA_DIR, PROJECT_ROOT

# The schema dbt writes the marts to (macros/generate_schema_name.sql keeps it unprefixed).
MARTS_SCHEMA = "marts"


def _configured_path(variable: str, default: Path) -> Path:
    configured = Path(os.environ.get(variable, default))
    return configured if configured.is_absolute() else PROJECT_ROOT / configured


def spark_warehouse_dir() -> Path:
    """`SPARK_WAREHOUSE_DIR`: Spark's table files (warehouse/), its Derby metastore and log."""
    return _configured_path("SPARK_WAREHOUSE_DIR", DATA_DIR / "spark")


def raw_parquet_dir() -> Path:
    """`RAW_PARQUET_DIR`: one Parquet folder per raw table, which Spark's `raw` views read."""
    return _configured_path("RAW_PARQUET_DIR", DATA_DIR / "lake" / "raw")


def spark_marts_dir(warehouse_dir: Path | None = None) -> Path:
    """The marts' Parquet files, one folder per mart: Spark keeps a managed table
    `<schema>.<table>` in `<spark.sql.warehouse.dir>/<schema>.db/<table>/`."""
    return (warehouse_dir or spark_warehouse_dir()) / "warehouse" / f"{MARTS_SCHEMA}.db"


def spark_environment() -> dict[str, str]:
    """The variables the dbt `spark` profile reads, resolved to absolute paths."""
    return {
        "SPARK_WAREHOUSE_DIR": str(spark_warehouse_dir()),
        "RAW_PARQUET_DIR": str(raw_parquet_dir()),
    }
