"""Monitoring feeds: every file under raw/feeds/ read, validated and loaded, nothing lost.

Loading is incremental by file: a file whose content hash is already in the load audit
is not read again, a changed file replaces its own earlier rows, a removed file takes
its rows with it. Accepted rows keep every submission (corrections included); staging
picks the latest per key, so replaced versions stay in history. Rejected rows land in
raw.quarantined_feed_rows with their reason; raw.feed_load_audit reconciles each file.
"""


import hashlib
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from orchestration.defs.pools import WAREHOUSE_WRITER_POOL
from orchestration.feeds.generator import REFERENCE_FOLDER
from orchestration.feeds.loading import AUDIT_SCHEMA, load_feed_file
from orchestration.feeds.reference import load_reference
from orchestration.feeds.specs import FEEDS, QUARANTINE_SCHEMA
from orchestration.settings import REFERENCE_DIR, feeds_dir

AUDIT_TABLE = "raw.feed_load_audit"
QUARANTINE_TABLE = "raw.quarantined_feed_rows"
LOAD_AUDIT_SCHEMA = {**AUDIT_SCHEMA, "sha256": pl.String(), "loaded_at": pl.Datetime("us", "UTC")}
# The generator's ground truth and its copy of the reference data are not feeds.
_NOT_FEEDS = {"manifest.json"}


def feed_table(feed: str) -> str:
    return f"raw.feed_{feed}"


def feed_files(folder: Path) -> dict[str, Path]:
    """Every delivered file, keyed by its path relative to the feeds folder."""
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and not path.name.startswith(".")
        and path.name not in _NOT_FEEDS
        and path.relative_to(folder).parts[0] != REFERENCE_FOLDER
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _create_tables(connection) -> None:
    connection.execute("create schema if not exists raw")
    empty = {feed_table(name): pl.DataFrame(schema=spec.accepted_schema) for name, spec in FEEDS.items()}
    empty[QUARANTINE_TABLE] = pl.DataFrame(schema=QUARANTINE_SCHEMA)
    empty[AUDIT_TABLE] = pl.DataFrame(schema=LOAD_AUDIT_SCHEMA)
    for table, frame in empty.items():
        connection.register("_empty", frame)
        connection.execute(f"create table if not exists {table} as select * from _empty")
        connection.unregister("_empty")


def _delete_files(connection, source_files: list[str]) -> None:
    if not source_files:
        return
    connection.register("_gone", pl.DataFrame({"source_file": source_files}))
    for table in [*(feed_table(name) for name in FEEDS), QUARANTINE_TABLE, AUDIT_TABLE]:
        connection.execute(f"delete from {table} where source_file in (select source_file from _gone)")
    connection.unregister("_gone")


def _append(connection, table: str, frame: pl.DataFrame) -> None:
    if frame.height:
        connection.register("_rows", frame)
        connection.execute(f"insert into {table} by name select * from _rows")
        connection.unregister("_rows")


@dg.multi_asset(
    specs=[
        *(
            dg.AssetSpec(["raw", f"feed_{name}"], group_name="feeds", deps=[["raw", "org_units"], ["raw", "institution_aliases"]],
                         description=f"Accepted rows of the {spec.title} feed, every submission kept.")
            for name, spec in FEEDS.items()
        ),
        dg.AssetSpec(["raw", "quarantined_feed_rows"], group_name="feeds",
                     description="Every rejected feed row: file, row, raw content, reason code and message."),
        dg.AssetSpec(["raw", "feed_load_audit"], group_name="feeds",
                     description="One row per feed file: received = accepted + quarantined, replaced, file errors."),
    ],
    pool=WAREHOUSE_WRITER_POOL,
)
def feed_ingestion(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    folder = feeds_dir()
    files = feed_files(folder)
    with warehouse.get_connection() as connection:
        _create_tables(connection)
        known = dict(connection.execute(f"select source_file, sha256 from {AUDIT_TABLE}").fetchall())

    hashes = {name: _sha256(path) for name, path in files.items()}
    to_load = [name for name in files if known.get(name) != hashes[name]]
    removed = [name for name in known if name not in files]
    reference = load_reference(REFERENCE_DIR)
    loaded_at = datetime.now(timezone.utc)

    loads = []
    for name in to_load:
        load = load_feed_file(files[name], reference, root=folder)
        audit = {**load.audit, "sha256": hashes[name], "loaded_at": loaded_at}
        loads.append((name, load, audit))
        if audit["status"] != "loaded":
            context.log.warning(f"{name}: {audit['error_code']} — {audit['error_message']}")

    with warehouse.get_connection() as connection:
        connection.execute("begin transaction")
        _delete_files(connection, [*removed, *(name for name in to_load if name in known)])
        for name, load, audit in loads:
            if load.accepted.height:
                _append(connection, feed_table(load.accepted["feed"][0]), load.accepted)
            _append(connection, QUARANTINE_TABLE, load.quarantined)
        _append(connection, AUDIT_TABLE, pl.DataFrame([audit for _, _, audit in loads], schema=LOAD_AUDIT_SCHEMA))
        connection.execute("commit")
        totals = dict(zip(
            ["files", "received", "accepted", "quarantined", "file_errors"],
            connection.execute(
                f"select count(*), sum(rows_received), sum(rows_accepted), sum(rows_quarantined), "
                f"count(*) filter (where status <> 'loaded') from {AUDIT_TABLE}"
            ).fetchone(),
        ))

    run = {"files_loaded_this_run": len(loads), "files_removed_this_run": len(removed)}
    for name, spec in FEEDS.items():
        yield dg.MaterializeResult(asset_key=["raw", f"feed_{name}"], metadata={
            **run, "rows_accepted_this_run": sum(load.accepted.height for _, load, _ in loads
                                                 if load.accepted.height and load.accepted["feed"][0] == name),
        })
    yield dg.MaterializeResult(asset_key=["raw", "quarantined_feed_rows"], metadata={
        **run, "rows_quarantined_this_run": sum(load.quarantined.height for _, load, _ in loads),
    })
    yield dg.MaterializeResult(asset_key=["raw", "feed_load_audit"], metadata={
        **run, **{key: int(value or 0) for key, value in totals.items()},
    })
