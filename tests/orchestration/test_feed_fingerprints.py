"""Feed ingestion reads a file again only when it may have changed: the load audit keeps
each file's size and mtime, and only a file whose size or mtime moved is hashed; only a
file whose hash moved is loaded again."""

import os
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration import file_changes
from orchestration.defs.assets.feeds import AUDIT_TABLE, feed_ingestion
from orchestration.defs.resources import build_resources


@pytest.fixture
def feeds(tmp_path, test_feeds, monkeypatch) -> Path:
    """Three contract files (CSV) of the generated test feeds, in a folder of their own."""
    folder = tmp_path / "feeds"
    for source in sorted(test_feeds.glob("family_doctor_contracts/*/*.csv"))[:3]:
        target = folder / source.relative_to(test_feeds)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    monkeypatch.setenv("FEEDS_DIR", str(folder))
    return folder


@pytest.fixture
def hashed(monkeypatch) -> list[Path]:
    """The files hashed during the test, in order (the real hash runs)."""
    calls: list[Path] = []
    real_sha256 = file_changes._sha256

    def counting_sha256(path: Path) -> str:
        calls.append(path)
        return real_sha256(path)

    monkeypatch.setattr(file_changes, "_sha256", counting_sha256)
    return calls


def _ingest(database: Path) -> int:
    """Runs feed ingestion; returns how many files it loaded."""
    with dg.instance_for_test() as instance:
        result = dg.materialize([feed_ingestion], resources=build_resources(str(database)), instance=instance)
    assert result.success
    audit = next(event for event in result.get_asset_materialization_events()
                 if event.asset_key == dg.AssetKey(["raw", "feed_load_audit"]))
    return audit.materialization.metadata["files_loaded_this_run"].value


def _audit(database: Path) -> dict[str, tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(f"select source_file, size_bytes, modified_ns, sha256, loaded_at from {AUDIT_TABLE}").fetchall()
    return {name: rest for name, *rest in rows}


def test_unchanged_files_are_not_read_again(tmp_path, feeds, hashed):
    database = tmp_path / "warehouse.duckdb"
    assert _ingest(database) == 3 and len(hashed) == 3
    audit = _audit(database)
    for name, (size, modified_ns, _, _) in audit.items():
        stat = (feeds / name).stat()
        assert (size, modified_ns) == (stat.st_size, stat.st_mtime_ns)

    hashed.clear()
    assert _ingest(database) == 0
    assert hashed == []
    assert _audit(database) == audit


def test_a_touched_file_is_hashed_once_and_not_reloaded(tmp_path, feeds, hashed):
    database = tmp_path / "warehouse.duckdb"
    _ingest(database)
    touched = sorted(feeds.rglob("*.csv"))[0]
    os.utime(touched, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    before = _audit(database)

    hashed.clear()
    assert _ingest(database) == 0
    assert hashed == [touched]
    name = touched.relative_to(feeds).as_posix()
    after = _audit(database)
    assert after[name][1] == 1_700_000_000_000_000_000
    assert after[name][3] == before[name][3]  # loaded_at: the rows were not reloaded

    hashed.clear()
    _ingest(database)
    assert hashed == []


def test_a_rewritten_file_of_the_same_size_is_reloaded(tmp_path, feeds, hashed):
    database = tmp_path / "warehouse.duckdb"
    _ingest(database)
    rewritten = sorted(feeds.rglob("*.csv"))[1]
    content = rewritten.read_bytes()
    last_line = content.rstrip(b"\r\n").rsplit(b"\n", 1)[1]
    # Same length, other bytes: one digit of the last row changed.
    digit = next(index for index, byte in enumerate(last_line) if chr(byte).isdigit())
    changed_line = last_line[:digit] + (b"1" if last_line[digit:digit + 1] != b"1" else b"2") + last_line[digit + 1:]
    rewritten.write_bytes(content.replace(last_line, changed_line))
    assert rewritten.stat().st_size == len(content)

    hashed.clear()
    assert _ingest(database) == 1
    assert hashed == [rewritten]


def test_files_loaded_before_fingerprints_were_kept_are_hashed_once(tmp_path, feeds, hashed):
    database = tmp_path / "warehouse.duckdb"
    _ingest(database)
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"alter table {AUDIT_TABLE} drop column size_bytes")
        connection.execute(f"alter table {AUDIT_TABLE} drop column modified_ns")
    hashed.clear()
    assert _ingest(database) == 0
    assert len(hashed) == 3
    assert all(size is not None for size, *_ in _audit(database).values())

    hashed.clear()
    _ingest(database)
    assert hashed == []
