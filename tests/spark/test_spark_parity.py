"""The warehouse built on local Spark has the very marts the DuckDB build has.

Runs the real thing: the test warehouse's raw tables landed as Parquet, `dbt build` on the
`spark` target (dbt-spark's session method, a local pyspark), Spark's marts loaded into a
DuckDB serving copy, every mart compared with the DuckDB build. Skipped where the Spark
extra is not installed (`make spark-setup`; CI's `make test` does not install it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="the Spark extra is not installed (make spark-setup)")
pytest.importorskip("dbt.adapters.spark", reason="the Spark extra is not installed (make spark-setup)")

from orchestration.spark.dbt_builds import dbt_build  # noqa: E402
from orchestration.spark.parity import compare_marts, report  # noqa: E402
from orchestration.spark.raw_export import export_raw_tables  # noqa: E402
from orchestration.spark.serving import load_spark_marts  # noqa: E402
from orchestration.spark.settings import spark_marts_dir  # noqa: E402

pytestmark = pytest.mark.spark


def test_spark_builds_the_same_marts_as_duckdb(built_warehouse: Path, tmp_path: Path) -> None:
    spark_dir, raw_dir = tmp_path / "spark", tmp_path / "lake" / "raw"
    landed = export_raw_tables(built_warehouse, raw_dir)
    assert any(table.partitions > 0 for table in landed)

    build = dbt_build("spark", tmp_path, {"SPARK_WAREHOUSE_DIR": str(spark_dir), "RAW_PARQUET_DIR": str(raw_dir)})
    assert build.succeeded, build.log_file.read_text()[-4000:]

    serving_copy = tmp_path / "serving.duckdb"
    marts = load_spark_marts(spark_marts_dir(spark_dir), serving_copy)
    assert {"fct_indicator_actuals", "fct_target_attainment", "fct_policy_targets"} <= set(marts)

    results = compare_marts(built_warehouse, serving_copy)
    assert {result.mart for result in results} == set(marts)
    assert all(result.matches for result in results), report(results)
    assert all(result.duckdb_rows == result.spark_rows for result in results)
