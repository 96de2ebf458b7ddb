"""The dashboards' data access: one read-only connection per page run, none left open after it."""

import os
from pathlib import Path

import duckdb
import pytest

from dashboards import warehouse
from orchestration.settings import published_warehouse_path


def _publish(path: Path, label: str) -> None:
    """Write a one-row publication to `path` the way the refresh does: a new file, then os.replace."""
    incoming = path.with_name(path.name + ".incoming")
    incoming.unlink(missing_ok=True)
    with duckdb.connect(str(incoming)) as connection:
        connection.execute("create table publication as select ? as label", [label])
    os.replace(incoming, path)


def _open_handles(path: Path) -> int:
    """File descriptors of this process on `path`, including one whose file was since replaced."""
    handles = 0
    for descriptor in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(descriptor)
        except OSError:
            continue
        if target.removesuffix(" (deleted)") == str(path):
            handles += 1
    return handles


@pytest.fixture
def published(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "warehouse.duckdb"))
    path = published_warehouse_path()
    path.parent.mkdir(parents=True)
    _publish(path, "first")
    warehouse._cached_query.clear()
    return path


def test_a_page_runs_queries_share_one_connection_closed_when_the_run_ends(published):
    with warehouse.page_run():
        assert warehouse.query("select label from publication")["label"].tolist() == ["first"]
        assert warehouse.query("select count(*) as n from publication")["n"].tolist() == [1]
        assert _open_handles(published) == 1
    assert _open_handles(published) == 0


def test_a_publication_replaced_during_a_run_is_read_at_once_and_both_are_closed(published):
    with warehouse.page_run():
        assert warehouse.query("select label from publication")["label"].tolist() == ["first"]
        _publish(published, "second")
        assert warehouse.query("select label from publication")["label"].tolist() == ["second"]
    assert _open_handles(published) == 0


def test_a_run_that_stops_with_an_error_closes_its_connection(published):
    with pytest.raises(duckdb.CatalogException):
        with warehouse.page_run():
            warehouse.query("select label from publication")
            warehouse.query("select * from no_such_table")
    assert _open_handles(published) == 0


def test_a_query_outside_a_page_run_keeps_no_connection(published):
    assert warehouse.query("select label from publication")["label"].tolist() == ["first"]
    assert _open_handles(published) == 0
