"""Spark's marts come into the serving copy with the types a DuckDB build gives them."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest

from orchestration.spark.serving import load_spark_marts


def _spark_mart(marts_dir: Path, name: str, select: str) -> None:
    """A mart folder as Spark writes it: Parquet parts with Spark's types (here written by DuckDB)."""
    folder = marts_dir / name
    folder.mkdir(parents=True)
    with duckdb.connect() as connection:
        connection.execute(f"copy ({select}) to '{folder}/part-00000.parquet' (format parquet)")


def _types(database: Path, table: str) -> list[tuple[str, str]]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'marts' and table_name = ? order by ordinal_position", [table]).fetchall()


@pytest.fixture
def marts_dir(tmp_path: Path) -> Path:
    _spark_mart(
        tmp_path / "marts.db", "fct_rates",
        "select 7::integer as binding_rank, 92.5::decimal(38, 14) as rate_pct, "
        "timestamp '2025-12-01 02:00:00' as loaded_at, 'a' as org_unit_id",
    )
    return tmp_path / "marts.db"


def test_a_new_mart_gets_doubles_and_utc_timestamps_as_duckdb_computes_them(marts_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")  # the serving process's own zone must not shift Spark's UTC times
    database = tmp_path / "warehouse.duckdb"

    assert load_spark_marts(marts_dir, database) == ["fct_rates"]

    assert _types(database, "fct_rates") == [
        ("binding_rank", "INTEGER"), ("rate_pct", "DOUBLE"),
        ("loaded_at", "TIMESTAMP WITH TIME ZONE"), ("org_unit_id", "VARCHAR"),
    ]
    with duckdb.connect(str(database), read_only=True) as connection:
        connection.execute("set TimeZone = 'UTC'")
        loaded_at, rate = connection.execute("select loaded_at, rate_pct from marts.fct_rates").fetchone()
    assert loaded_at == datetime(2025, 12, 1, 2, 0, tzinfo=timezone.utc)
    assert rate == 92.5


def test_a_mart_the_warehouse_has_keeps_its_column_types_and_order(marts_dir, tmp_path):
    database = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema marts")
        connection.execute("create table marts.fct_rates (org_unit_id varchar, loaded_at timestamptz, "
                           "binding_rank bigint, rate_pct double)")

    load_spark_marts(marts_dir, database)

    assert _types(database, "fct_rates") == [
        ("org_unit_id", "VARCHAR"), ("loaded_at", "TIMESTAMP WITH TIME ZONE"),
        ("binding_rank", "BIGINT"), ("rate_pct", "DOUBLE"),
    ]
