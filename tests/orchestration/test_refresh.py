"""A real refresh into a temporary DuckDB file: documents in, dbt marts built, copy published."""

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.settings import DOCUMENTS_DIR, published_warehouse_path
from tests.conftest import materialize_all

SEED_FILES = sorted(path.name for path in DOCUMENTS_DIR.iterdir())


def _rows(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_the_mart_holds_every_seed_document(built_warehouse):
    rows = _rows(built_warehouse, "select file_name, is_readable, detected_encoding from marts.dim_documents order by 1")
    assert [name for name, _, _ in rows] == SEED_FILES
    assert all(readable for _, readable, _ in rows)
    assert {encoding for _, _, encoding in rows} == {"utf-8"}


_TABLES = "select schema_name, table_name from duckdb_tables() where database_name = current_database() order by all"


def test_the_dashboards_copy_is_published_with_the_same_rows(built_warehouse):
    published = published_warehouse_path(built_warehouse)
    assert _rows(published, "select count(*) from marts.dim_documents") == [(len(SEED_FILES),)]
    assert _rows(published, "select count(*) from main.warehouse_publication") == [(1,)]
    marts = [table for schema, table in _rows(built_warehouse, _TABLES) if schema == "marts"]
    assert len(marts) > 10
    for mart in marts:
        content = f"select count(*), sum(hash(columns(*))) from (select * from marts.{mart})"
        assert _rows(published, content) == _rows(built_warehouse, content), mart


def test_the_copy_holds_only_what_the_dashboards_read(built_warehouse):
    # Raw feeds (resident-level rows), staging and intermediate stay with the pipeline.
    schemas = {schema for schema, _ in _rows(published_warehouse_path(built_warehouse), _TABLES)}
    assert schemas == {"marts", "main"}
    assert {"raw", "staging"} <= {schema for schema, _ in _rows(built_warehouse, "select schema_name, 1 from duckdb_schemas()")}


def test_reingesting_unchanged_files_changes_nothing(built_warehouse, tmp_path):
    database = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse, database)
    before = _rows(database, "select file_name, sha256, ingested_at from raw.documents order by 1")

    result = materialize_all(database)

    assert result.success
    assert _rows(database, "select file_name, sha256, ingested_at from raw.documents order by 1") == before
    (ingestion,) = [
        event.materialization
        for event in result.get_asset_materialization_events()
        if event.asset_key == dg.AssetKey(["raw", "documents"])
    ]
    assert ingestion.metadata["new_or_changed"].value == 0


@pytest.fixture
def corpus_with_bad_files(tmp_path, monkeypatch):
    corpus = tmp_path / "documents"
    shutil.copytree(DOCUMENTS_DIR, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    monkeypatch.setattr("orchestration.defs.assets.documents.DOCUMENTS_DIR", corpus)
    return corpus


def test_unreadable_files_are_recorded_and_the_rest_still_load(corpus_with_bad_files, tmp_path):
    database = tmp_path / "warehouse.duckdb"

    result = materialize_all(database)

    assert result.success
    rows = dict(_rows(database, "select file_name, read_error from marts.dim_documents"))
    assert len(rows) == len(SEED_FILES) + 2
    assert rows["empty.txt"].startswith("empty")
    assert rows["image.bin"].startswith("binary")
    assert all(rows[name] is None for name in SEED_FILES)
