"""`python -m orchestration.spark build|parity` — the Makefile's `spark-build` and `spark-parity`.

build   land the raw tables of a DuckDB warehouse as Parquet and build every model and test on
        local Spark; with --serve-into, load Spark's marts into that DuckDB file.
parity  the raw tables landed as Parquet once, the warehouse built from those files on both
        engines, timed side by side, and every mart compared (orchestration/spark/parity.py);
        exit 1 when any mart differs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import duckdb

from orchestration.settings import warehouse_path
from orchestration.spark import settings
from orchestration.spark.dbt_builds import BuildResult, dbt_build
from orchestration.spark.parity import compare_marts, report
from orchestration.spark.raw_export import duckdb_over_parquet, export_raw_tables
from orchestration.spark.serving import load_spark_marts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.spark", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the warehouse on local Spark")
    build.add_argument(
        "--warehouse", type=Path, default=None,
        help="DuckDB file whose raw tables to land (default: the warehouse a refresh builds)",
    )
    build.add_argument("--work-dir", type=Path, default=settings.spark_warehouse_dir(), help="dbt target and log folders")
    build.add_argument("--serve-into", type=Path, default=None, help="load Spark's marts into this DuckDB file")
    parity = commands.add_parser("parity", help="build on DuckDB and on Spark, compare every mart")
    parity.add_argument(
        "--warehouse", type=Path, default=None,
        help="DuckDB file with the raw tables (default: the warehouse a refresh builds)",
    )
    parity.add_argument("--work-dir", type=Path, default=Path("/tmp/reform-targets-spark-parity"))
    arguments = parser.parse_args(argv)
    warehouse = arguments.warehouse or warehouse_path()
    try:
        if arguments.command == "build":
            return _build(warehouse, arguments.work_dir, arguments.serve_into)
        return _parity(warehouse, arguments.work_dir)
    except duckdb.IOException as error:
        # The published copy holds only the marts; the raw tables are read from the built
        # warehouse, which a running refresh holds open for writing.
        print(f"cannot read {warehouse}: {error}\nIs a refresh running? Try again when it has finished.", file=sys.stderr)
        return 2


def _land_raw_tables(warehouse: Path, destination: Path) -> None:
    started = time.perf_counter()
    exported = export_raw_tables(warehouse, destination)
    print(
        f"landed {len(exported)} raw tables, {sum(table.rows for table in exported):,} rows, as Parquet in"
        f" {destination} ({time.perf_counter() - started:.1f} s)"
    )


def _build(warehouse: Path, work_dir: Path, serve_into: Path | None) -> int:
    _land_raw_tables(warehouse, settings.raw_parquet_dir())
    result = dbt_build("spark", work_dir, settings.spark_environment())
    _print_build(result)
    if not result.succeeded:
        return 1
    if serve_into is not None:
        names = load_spark_marts(settings.spark_marts_dir(), serve_into)
        print(f"loaded {len(names)} Spark marts into {serve_into}")
    return 0


def _parity(source_warehouse: Path, work_dir: Path) -> int:
    if not source_warehouse.exists():
        print(f"{source_warehouse} does not exist: run `make materialize` first", file=sys.stderr)
        return 2
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    raw_dir = work_dir / "lake" / "raw"
    spark_environment = {"SPARK_WAREHOUSE_DIR": str(work_dir / "spark"), "RAW_PARQUET_DIR": str(raw_dir)}
    # Both engines build from the same landed Parquet: DuckDB through views over the files.
    _land_raw_tables(source_warehouse, raw_dir)
    duckdb_build = work_dir / "duckdb" / "warehouse.duckdb"
    duckdb_build.parent.mkdir()
    duckdb_over_parquet(raw_dir, duckdb_build)

    duckdb_result = dbt_build("duckdb", work_dir, {"WAREHOUSE_PATH": str(duckdb_build)})
    _print_build(duckdb_result)
    spark_result = dbt_build("spark", work_dir, spark_environment)
    _print_build(spark_result)
    if not (duckdb_result.succeeded and spark_result.succeeded):
        return 1

    serving_copy = work_dir / "spark-serving.duckdb"
    marts_dir = settings.spark_marts_dir(Path(spark_environment["SPARK_WAREHOUSE_DIR"]))
    load_spark_marts(marts_dir, serving_copy)
    results = compare_marts(duckdb_build, serving_copy)
    print(report(results))
    print(
        f"build times: duckdb {duckdb_result.seconds:.1f} s, spark {spark_result.seconds:.1f} s"
        f" (dbt build --full-refresh, every model and test)"
    )
    return 0 if all(result.matches for result in results) else 1


def _print_build(result: BuildResult) -> None:
    state = "succeeded" if result.succeeded else f"FAILED (exit {result.return_code})"
    print(f"dbt build on {result.target} {state} in {result.seconds:.1f} s; log: {result.log_file}")


if __name__ == "__main__":
    sys.exit(main())
