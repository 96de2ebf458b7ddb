"""Are the marts built on Spark the marts built on DuckDB?

For every table of the `marts` schema in two DuckDB files (the DuckDB build, and the
serving copy loaded from Spark's marts): the same columns, the same row count, and the same
rows. Rows are compared as multisets (no engine promises an order): both sides are sorted on
every column and compared cell by cell, floating-point columns within a tolerance (the two
engines add and divide in different orders). A content hash per mart, over the sorted rows
with floats rounded, is reported for each side as a short fingerprint of the contents.
The time a build started (`staged_at`), different in any two builds, is not compared.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from orchestration.spark.settings import MARTS_SCHEMA

# |a - b| <= ABSOLUTE + RELATIVE * max(|a|, |b|) counts as equal.
FLOAT_ABSOLUTE_TOLERANCE = 1e-9
FLOAT_RELATIVE_TOLERANCE = 1e-9
# Decimals kept of floats in the content hash and the sort order.
HASH_FLOAT_DECIMALS = 6
# When the build that wrote a row started (a mart kept by file): differs between any two
# builds by construction, so it is left out of the comparison.
BUILD_TIME_COLUMNS = ("staged_at",)


@dataclass
class MartParity:
    mart: str
    duckdb_rows: int | None
    spark_rows: int | None
    duckdb_hash: str | None = None
    spark_hash: str | None = None
    problems: list[str] = field(default_factory=list)
    max_float_difference: float = 0.0

    @property
    def matches(self) -> bool:
        return not self.problems


def compare_marts(duckdb_build: Path, spark_build: Path) -> list[MartParity]:
    """One MartParity per mart found in either file's `marts` schema."""
    duckdb_marts = _read_marts(duckdb_build)
    spark_marts = _read_marts(spark_build)
    results = []
    for mart in sorted(duckdb_marts.keys() | spark_marts.keys()):
        expected, actual = duckdb_marts.get(mart), spark_marts.get(mart)
        result = MartParity(
            mart=mart,
            duckdb_rows=None if expected is None else expected.height,
            spark_rows=None if actual is None else actual.height,
        )
        if expected is None or actual is None:
            result.problems.append(f"only built on {'spark' if expected is None else 'duckdb'}")
        else:
            _compare_tables(expected, actual, result)
        results.append(result)
    return results


def _read_marts(database: Path) -> dict[str, pl.DataFrame]:
    with duckdb.connect(str(database), read_only=True) as connection:
        names = [
            name
            for (name,) in connection.execute(
                "select table_name from information_schema.tables where table_schema = ?", [MARTS_SCHEMA]
            ).fetchall()
        ]
        return {name: _normalised(connection.sql(f"select * from {MARTS_SCHEMA}.{name}").pl()) for name in names}


def _normalised(frame: pl.DataFrame) -> pl.DataFrame:
    """One type per kind of value, whatever width each engine chose (Spark INT vs DuckDB
    BIGINT, DECIMAL vs DOUBLE, time zone or not), and columns in name order; no build times."""
    columns = []
    for name, dtype in frame.drop(BUILD_TIME_COLUMNS, strict=False).schema.items():
        column = pl.col(name)
        # DuckDB sums integers as HUGEINT, which arrives as DECIMAL(38, 0): still a count.
        if dtype.is_integer() or (isinstance(dtype, pl.Decimal) and dtype.scale == 0):
            column = column.cast(pl.Int64)
        elif dtype.is_float() or isinstance(dtype, pl.Decimal):
            column = column.cast(pl.Float64)
        elif isinstance(dtype, pl.Datetime):
            column = (column.dt.convert_time_zone("UTC").dt.replace_time_zone(None) if dtype.time_zone else column)
            column = column.dt.cast_time_unit("us")
        columns.append(column.alias(name))
    return frame.select(sorted(columns, key=lambda expression: expression.meta.output_name()))


def _float_columns(frame: pl.DataFrame) -> list[str]:
    return [name for name, dtype in frame.schema.items() if dtype == pl.Float64]


def _canonical(frame: pl.DataFrame) -> pl.DataFrame:
    """Sorted on every column, floats rounded for the order (and the hash) only."""
    rounded = frame.with_columns(
        [pl.col(name).round(HASH_FLOAT_DECIMALS).alias(f"__sort_{name}") for name in _float_columns(frame)]
    )
    sort_keys = [f"__sort_{name}" if name in _float_columns(frame) else name for name in frame.columns]
    return rounded.sort(sort_keys, nulls_last=True)


def content_hash(frame: pl.DataFrame) -> str:
    """SHA-256 (first 16 hex digits) of the rows sorted on every column, written as CSV with
    floats rounded to HASH_FLOAT_DECIMALS: the same rows in any order give the same hash."""
    floats = set(_float_columns(frame))
    canonical = _canonical(frame).select(
        [pl.col(name).round(HASH_FLOAT_DECIMALS) if name in floats else pl.col(name) for name in frame.columns]
    )
    return hashlib.sha256(canonical.write_csv().encode()).hexdigest()[:16]


def _compare_tables(expected: pl.DataFrame, actual: pl.DataFrame, result: MartParity) -> None:
    if set(expected.columns) != set(actual.columns):
        only_duckdb = sorted(set(expected.columns) - set(actual.columns))
        only_spark = sorted(set(actual.columns) - set(expected.columns))
        result.problems.append(f"columns differ: only duckdb {only_duckdb}, only spark {only_spark}")
        return
    if expected.height != actual.height:
        result.problems.append(f"row counts differ: duckdb {expected.height}, spark {actual.height}")
    # A column one engine typed as text and the other as a number would hide in the hash.
    for name in expected.columns:
        if expected.schema[name] != actual.schema[name] and not (
            expected.schema[name] == pl.Null or actual.schema[name] == pl.Null
        ):
            result.problems.append(f"{name}: duckdb {expected.schema[name]}, spark {actual.schema[name]}")
    if result.problems:
        return
    result.duckdb_hash = content_hash(expected)
    result.spark_hash = content_hash(actual)
    expected_sorted = _canonical(expected).select(expected.columns)
    actual_sorted = _canonical(actual).select(expected.columns)
    for name in expected.columns:
        left, right = expected_sorted[name], actual_sorted[name]
        if name in _float_columns(expected):
            both_null = left.is_null() & right.is_null()
            difference = (left - right).abs()
            magnitude = pl.DataFrame({"left": left.abs(), "right": right.abs()}).max_horizontal()
            within = (difference <= FLOAT_ABSOLUTE_TOLERANCE + FLOAT_RELATIVE_TOLERANCE * magnitude).fill_null(False) | both_null
            if difference.max() is not None:
                result.max_float_difference = max(result.max_float_difference, float(difference.max()))
            mismatches = int((~within).sum())
        else:
            mismatches = int((~left.eq_missing(right)).sum())
        if mismatches:
            result.problems.append(f"{name}: {mismatches} of {expected.height} sorted rows differ")


def report(results: list[MartParity]) -> str:
    """A plain-text table of the comparison, one line per mart."""
    lines = [
        f"{'mart':<40} {'duckdb rows':>11} {'spark rows':>11}  {'duckdb hash':<16} {'spark hash':<16}  {'max |Δfloat|':>12}  result",
    ]
    for result in results:
        lines.append(
            f"{result.mart:<40} {_text(result.duckdb_rows):>11} {_text(result.spark_rows):>11}  "
            f"{_text(result.duckdb_hash):<16} {_text(result.spark_hash):<16}  {result.max_float_difference:>12.3g}  "
            + ("identical" if result.matches else "DIFFERENT: " + "; ".join(result.problems))
        )
    matching = sum(result.matches for result in results)
    lines.append(f"{matching} of {len(results)} marts identical (floats within {FLOAT_RELATIVE_TOLERANCE:g} relative)")
    return "\n".join(lines)


def _text(value: object) -> str:
    return "-" if value is None else str(value)
