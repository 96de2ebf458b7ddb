"""Landing the raw tables as Parquet: partitions by delivery month, every row kept, empty
tables still readable, a re-export replacing the previous one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from orchestration.spark.raw_export import duckdb_over_parquet, export_raw_tables


@pytest.fixture
def raw_warehouse(tmp_path: Path) -> Path:
    database = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema raw")
        connection.execute(
            "create table raw.feed_contracts (contract_id varchar, delivered_on date, source_row bigint)"
        )
        connection.execute(
            "insert into raw.feed_contracts values"
            " ('a', date '2025-01-10', 1), ('b', date '2025-01-10', 2), ('a', date '2025-02-10', 1)"
        )
        connection.execute("create table raw.org_units (org_unit_id varchar, name varchar)")
        connection.execute("insert into raw.org_units values ('140000', '山西省')")
        connection.execute("create table raw.orphaned_reviews (target_id varchar, delivered_on date)")
    return database


def test_feeds_are_partitioned_by_delivery_month(raw_warehouse: Path, tmp_path: Path) -> None:
    exported = {table.name: table for table in export_raw_tables(raw_warehouse, tmp_path / "lake")}

    feed_folder = tmp_path / "lake" / "feed_contracts"
    assert sorted(child.name for child in feed_folder.iterdir()) == [
        "delivery_month=2025-01",
        "delivery_month=2025-02",
    ]
    assert (exported["feed_contracts"].rows, exported["feed_contracts"].partitions) == (3, 2)
    assert (exported["org_units"].rows, exported["org_units"].partitions) == (1, 0)
    rows = duckdb.sql(
        f"select contract_id, delivered_on, delivery_month from read_parquet('{feed_folder}/**/*.parquet',"
        " hive_partitioning = true) order by delivered_on, contract_id"
    ).fetchall()
    assert rows == [
        ("a", date(2025, 1, 10), "2025-01"),
        ("b", date(2025, 1, 10), "2025-01"),
        ("a", date(2025, 2, 10), "2025-02"),
    ]


def test_an_empty_table_keeps_its_schema(raw_warehouse: Path, tmp_path: Path) -> None:
    export_raw_tables(raw_warehouse, tmp_path / "lake")

    described = duckdb.sql(
        f"describe select * from read_parquet('{tmp_path / 'lake' / 'orphaned_reviews'}/**/*.parquet')"
    ).fetchall()
    assert [(column[0], column[1]) for column in described] == [("target_id", "VARCHAR"), ("delivered_on", "DATE")]


def test_a_new_export_replaces_the_previous_one(raw_warehouse: Path, tmp_path: Path) -> None:
    export_raw_tables(raw_warehouse, tmp_path / "lake")
    with duckdb.connect(str(raw_warehouse)) as connection:
        connection.execute("delete from raw.feed_contracts where delivered_on >= date '2025-02-01'")

    export_raw_tables(raw_warehouse, tmp_path / "lake")

    feed_folder = tmp_path / "lake" / "feed_contracts"
    assert [child.name for child in feed_folder.iterdir()] == ["delivery_month=2025-01"]
    assert not [child for child in (tmp_path / "lake").iterdir() if child.name.startswith(".")]


def test_a_warehouse_without_raw_tables_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(ValueError, match="materialize the warehouse first"):
        export_raw_tables(empty, tmp_path / "lake")


def test_duckdb_reads_the_landed_files_back_as_the_raw_tables(raw_warehouse: Path, tmp_path: Path) -> None:
    lake, database = tmp_path / "lake", tmp_path / "over_parquet.duckdb"
    export_raw_tables(raw_warehouse, lake)

    assert duckdb_over_parquet(lake, database) == ["feed_contracts", "org_units", "orphaned_reviews"]

    with duckdb.connect(str(database), read_only=True) as connection:
        contracts = connection.execute(
            "select contract_id, delivered_on, source_row, delivery_month from raw.feed_contracts order by all"
        ).fetchall()
        assert contracts == [
            ("a", date(2025, 1, 10), 1, "2025-01"),
            ("a", date(2025, 2, 10), 1, "2025-02"),
            ("b", date(2025, 1, 10), 2, "2025-01"),
        ]
        assert connection.execute("select * from raw.org_units").fetchall() == [("140000", "山西省")]
        assert connection.execute("select count(*) from raw.orphaned_reviews").fetchall() == [(0,)]
