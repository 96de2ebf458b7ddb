"""The mart comparison itself: what counts as identical across engines, and what does not."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from orchestration.spark.parity import compare_marts, report

DUCKDB_MART = """
create table marts.fct_actuals as
select * from (values
    ('140000', date '2025-01-01', 3::hugeint, 2::double / 3, true, timestamptz '2025-01-10 08:00:00+08'),
    ('140100', date '2025-01-01', 4::hugeint, null::double, false, timestamptz '2025-01-10 08:00:00+08')
) as rows(org_unit_id, period_month, numerator, actual_value, is_met, loaded_at)
"""

# As Spark writes it (DuckDB sums integers to HUGEINT, Spark to BIGINT or INT): other column
# order and row order, other integer widths, a float that
# differs in the last bits, the same instant without a time zone (UTC).
SPARK_MART = """
create table marts.fct_actuals as
select * from (values
    (4::integer, '140100', date '2025-01-01', null::double, false, timestamp '2025-01-10 00:00:00'),
    (3::integer, '140000', date '2025-01-01', 0.6666666666666667 + 1e-15, true, timestamp '2025-01-10 00:00:00')
) as rows(numerator, org_unit_id, period_month, actual_value, is_met, loaded_at)
"""


def _warehouse(path: Path, *statements: str) -> Path:
    with duckdb.connect(str(path)) as connection:
        connection.execute("set timezone = 'UTC'")
        connection.execute("create schema marts")
        for statement in statements:
            connection.execute(statement)
    return path


@pytest.fixture
def duckdb_build(tmp_path: Path) -> Path:
    return _warehouse(tmp_path / "duckdb.duckdb", DUCKDB_MART)


def test_engine_differences_in_types_order_and_float_bits_are_identical(duckdb_build: Path, tmp_path: Path) -> None:
    spark_build = _warehouse(tmp_path / "spark.duckdb", SPARK_MART)

    [result] = compare_marts(duckdb_build, spark_build)

    assert result.matches, result.problems
    assert (result.duckdb_rows, result.spark_rows) == (2, 2)
    assert result.duckdb_hash == result.spark_hash
    assert 0 < result.max_float_difference < 1e-12
    assert "1 of 1 marts identical" in report([result])


def test_a_changed_value_and_a_missing_mart_are_reported(duckdb_build: Path, tmp_path: Path) -> None:
    spark_build = _warehouse(
        tmp_path / "spark.duckdb",
        SPARK_MART.replace("0.6666666666666667 + 1e-15", "0.67"),
        "create table marts.dim_extra as select 1 as id",
    )

    results = {result.mart: result for result in compare_marts(duckdb_build, spark_build)}

    assert results["dim_extra"].problems == ["only built on spark"]
    assert results["fct_actuals"].problems == ["actual_value: 1 of 2 sorted rows differ"]
    assert results["fct_actuals"].duckdb_hash != results["fct_actuals"].spark_hash
    assert "0 of 2 marts identical" in report(list(results.values()))


def test_a_missing_row_is_reported_as_a_count_difference(duckdb_build: Path, tmp_path: Path) -> None:
    spark_build = _warehouse(tmp_path / "spark.duckdb", SPARK_MART, "delete from marts.fct_actuals where numerator = 4")

    [result] = compare_marts(duckdb_build, spark_build)

    assert result.problems == ["row counts differ: duckdb 2, spark 1"]


def test_the_time_a_build_started_is_not_compared(tmp_path: Path) -> None:
    rows = "select * from (values ('f.csv', 1, timestamp '{staged_at}')) as rows(source_file, source_row, staged_at)"
    duckdb_build = _warehouse(tmp_path / "duckdb.duckdb", "create table marts.quarantined as " + rows.format(staged_at="2026-01-01 02:00:00"))
    spark_build = _warehouse(tmp_path / "spark.duckdb", "create table marts.quarantined as " + rows.format(staged_at="2026-01-01 02:05:00"))
    [result] = compare_marts(duckdb_build, spark_build)
    assert result.matches, report([result])
