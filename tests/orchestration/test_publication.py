"""The published copy of the marts equals the warehouse's after every publication, also when
it was updated from the previous one rather than copied whole."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest

from orchestration.publication import publish

NIGHT_1 = "2025-12-01 02:00:00"
NIGHT_2 = "2025-12-02 02:00:00"


@pytest.fixture
def warehouse(tmp_path):
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    connection.execute("create schema marts")
    connection.execute("create schema staging")
    connection.execute("create table staging.stg_private as select 1 as resident_id")
    connection.execute("create table marts.fct_gaps as select 'a' as org_unit_id, 10 as gap")
    connection.execute("create table marts.quarantined_feed_rows (source_file varchar, staged_at timestamp, raw_record varchar)")
    connection.execute(f"""insert into marts.quarantined_feed_rows values
        ('2025-10.csv', '{NIGHT_1}', 'oct row 1'), ('2025-10.csv', '{NIGHT_1}', 'oct row 2'),
        ('2025-11.csv', '{NIGHT_1}', 'nov row 1'), ('old.csv', null, 'kept before staged_at existed')""")
    yield connection
    connection.close()


def _publish(warehouse: duckdb.DuckDBPyConnection, published: Path, updated_by_file: list[str]) -> duckdb.DuckDBPyConnection:
    """Publish, check which marts were updated by file batch rather than copied whole, open the result."""
    publication = publish(warehouse, published, published_at=datetime(2025, 12, 2, tzinfo=timezone.utc))
    assert publication.updated_by_file == updated_by_file
    return duckdb.connect(str(published), read_only=True)


def _rows(connection: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    return sorted(connection.execute(f"select * from {table}").fetchall(), key=repr)


def _published_tables(connection: duckdb.DuckDBPyConnection) -> set[str]:
    return {f"{schema}.{table}" for schema, table in connection.execute("select schema_name, table_name from duckdb_tables()").fetchall()}


def test_the_first_publication_holds_the_marts_and_nothing_else(warehouse, tmp_path):
    published = _publish(warehouse, tmp_path / "published" / "warehouse.duckdb", updated_by_file=[])
    assert _published_tables(published) == {"marts.fct_gaps", "marts.quarantined_feed_rows", "main.warehouse_publication"}
    assert _rows(published, "marts.quarantined_feed_rows") == _rows(warehouse, "marts.quarantined_feed_rows")
    assert published.execute("select published_at from warehouse_publication").fetchone()[0] == datetime(2025, 12, 2, tzinfo=timezone.utc)


def test_the_next_publication_keeps_unchanged_files_rows_and_takes_every_change(warehouse, tmp_path):
    path = tmp_path / "published" / "warehouse.duckdb"
    _publish(warehouse, path, updated_by_file=[]).close()
    # The next night: November reloaded (its rows replaced), October removed, December new,
    # a mart's numbers changed, a mart no longer built and a new one.
    warehouse.execute("delete from marts.quarantined_feed_rows where source_file in ('2025-10.csv', '2025-11.csv')")
    warehouse.execute(f"""insert into marts.quarantined_feed_rows values
        ('2025-11.csv', '{NIGHT_2}', 'nov row 1 corrected'), ('2025-11.csv', '{NIGHT_2}', 'nov row 2'),
        ('2025-12.csv', '{NIGHT_2}', 'dec row 1')""")
    warehouse.execute("create or replace table marts.fct_gaps as select 'a' as org_unit_id, 4 as gap")
    warehouse.execute("create table marts.fct_new as select 1 as n")

    published = _publish(warehouse, path, updated_by_file=["marts.quarantined_feed_rows"])
    assert _published_tables(published) == {"marts.fct_gaps", "marts.fct_new", "marts.quarantined_feed_rows", "main.warehouse_publication"}
    assert _rows(published, "marts.quarantined_feed_rows") == _rows(warehouse, "marts.quarantined_feed_rows")
    assert _rows(published, "marts.fct_gaps") == [("a", 4)]
    published.close()

    warehouse.execute("drop table marts.fct_new")
    assert "marts.fct_new" not in _published_tables(_publish(warehouse, path, updated_by_file=["marts.quarantined_feed_rows"]))


def test_a_file_batch_changed_in_place_or_new_columns_are_copied_whole(warehouse, tmp_path):
    path = tmp_path / "published" / "warehouse.duckdb"
    _publish(warehouse, path, updated_by_file=[]).close()
    warehouse.execute("delete from marts.quarantined_feed_rows where raw_record = 'oct row 2'")  # same batch, one row fewer
    published = _publish(warehouse, path, updated_by_file=[])
    assert _rows(published, "marts.quarantined_feed_rows") == _rows(warehouse, "marts.quarantined_feed_rows")
    published.close()

    warehouse.execute("alter table marts.quarantined_feed_rows add column reason_code varchar default 'bad_date'")
    published = _publish(warehouse, path, updated_by_file=[])
    assert _rows(published, "marts.quarantined_feed_rows") == _rows(warehouse, "marts.quarantined_feed_rows")
    assert published.execute("select distinct reason_code from marts.quarantined_feed_rows").fetchall() == [("bad_date",)]


def test_an_unreadable_previous_publication_is_replaced_by_a_whole_copy(warehouse, tmp_path):
    path = tmp_path / "published" / "warehouse.duckdb"
    path.parent.mkdir()
    path.write_bytes(b"not a DuckDB file")
    published = _publish(warehouse, path, updated_by_file=[])
    assert _rows(published, "marts.quarantined_feed_rows") == _rows(warehouse, "marts.quarantined_feed_rows")
