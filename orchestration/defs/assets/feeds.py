"""Monitoring feeds: every file under raw/feeds/ read, validated and loaded, nothing lost.

Loading is incremental by file: a file whose content hash is already in the load audit
is not read again, a changed file replaces its own earlier rows, a removed file takes
its rows with it. The audit also keeps each file's size and mtime, so an unchanged file
is not even read to be hashed again (orchestration/file_changes.py): a nightly run over a
province's 14 GB of feeds stats its files instead of reading them. Accepted rows keep
every submission (corrections included); staging picks the latest per key, so replaced
versions stay in history. Rejected rows land in raw.quarantined_feed_rows with their
reason; raw.feed_load_audit reconciles each file.

Files are written in batches of whole files, each batch one transaction — the files'
accepted rows, quarantined rows and audit rows together — and then dropped from memory: a
province's 125 M contract rows never sit in memory at once, and a run killed half-way keeps
the batches it committed (their hashes are in the audit), so the next run loads only the
rest. One large insert per batch rather than one per file: DuckDB appends ~3× faster so.
While a batch is written, the next files are already being read and validated, two at a
time within a byte budget, and handed on in their order (orchestration/feeds/read_ahead.py;
polars and DuckDB both release the GIL).

Partitioned by reporting month (orchestration/defs/partitions.py): a run for a month range
adds, changes and removes only the files of those months; a run without a partition, all.
"""


import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from orchestration.defs.partitions import FEED_MONTHS, in_months, months_of_run
from orchestration.defs.pools import WAREHOUSE_WRITER_POOL
from orchestration.feeds.filenames import parse_file_name
from orchestration.feeds.generator import REFERENCE_FOLDER
from orchestration.feeds.loading import AUDIT_SCHEMA, FeedFileLoad, load_feed_file
from orchestration.feeds.read_ahead import read_ahead
from orchestration.feeds.reference import load_reference
from orchestration.feeds.specs import FEEDS, QUARANTINE_SCHEMA
from orchestration.file_changes import Fingerprint, fingerprint
from orchestration.quality import suite_process
from orchestration.settings import REFERENCE_DIR, feeds_dir

AUDIT_TABLE = "raw.feed_load_audit"
QUARANTINE_TABLE = "raw.quarantined_feed_rows"
LOAD_AUDIT_SCHEMA = {**AUDIT_SCHEMA, "sha256": pl.String(), "loaded_at": pl.Datetime("us", "UTC"),
                     "size_bytes": pl.Int64(), "modified_ns": pl.Int64()}
# Files read and validated at once ahead of the writer, one per core of the machines this
# runs on, and the bytes of files they may hold at once: a province's first-month contract
# files (100-400 MB) are read one at a time, or two readers take the full refresh's peak
# memory over its 6 GiB bar (6.13 GiB; docs/benchmarks.md).
READERS = 2
READ_AHEAD_BYTES = 128 * 2**20
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


def _period(source_file: str) -> str | None:
    name = parse_file_name(Path(source_file).name)
    return name.period if name else None


def _create_tables(connection) -> None:
    connection.execute("create schema if not exists raw")
    empty = {feed_table(name): pl.DataFrame(schema=spec.accepted_schema) for name, spec in FEEDS.items()}
    empty[QUARANTINE_TABLE] = pl.DataFrame(schema=QUARANTINE_SCHEMA)
    empty[AUDIT_TABLE] = pl.DataFrame(schema=LOAD_AUDIT_SCHEMA)
    for table, frame in empty.items():
        connection.register("_empty", frame)
        connection.execute(f"create table if not exists {table} as select * from _empty")
        connection.unregister("_empty")
    # Warehouses loaded before the audit kept size and mtime: their files are hashed once more.
    for column in ("size_bytes", "modified_ns"):
        connection.execute(f"alter table {AUDIT_TABLE} add column if not exists {column} bigint")


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


class _BatchWriter:
    """Collects loaded files and writes them, whole files per transaction, once `max_rows`
    accepted rows are waiting (and at `flush`)."""

    def __init__(self, connection, replaces: set[str], max_rows: int = 2_000_000):
        self.connection, self.replaces, self.max_rows = connection, replaces, max_rows
        self._accepted: dict[str, list[pl.DataFrame]] = defaultdict(list)
        self._quarantined: list[pl.DataFrame] = []
        self._audits: list[dict] = []
        self._rows = 0

    def add(self, load: FeedFileLoad, audit: dict) -> None:
        if load.accepted.height:
            self._accepted[audit["feed"]].append(load.accepted)
        if load.quarantined.height:
            self._quarantined.append(load.quarantined)
        self._audits.append(audit)
        self._rows += load.accepted.height
        if self._rows >= self.max_rows:
            self.flush()

    def flush(self) -> None:
        if not self._audits:
            return
        self.connection.execute("begin transaction")
        # A changed file's earlier rows go in the same transaction that adds its new ones.
        _delete_files(self.connection, [audit["source_file"] for audit in self._audits if audit["source_file"] in self.replaces])
        for feed, frames in self._accepted.items():
            _append(self.connection, feed_table(feed), pl.concat(frames))
        if self._quarantined:
            _append(self.connection, QUARANTINE_TABLE, pl.concat(self._quarantined))
        _append(self.connection, AUDIT_TABLE, pl.DataFrame(self._audits, schema=LOAD_AUDIT_SCHEMA))
        self.connection.execute("commit")
        self._accepted.clear()
        self._quarantined.clear()
        self._audits.clear()
        self._rows = 0


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
    partitions_def=FEED_MONTHS,
    # A month range is one run: one DuckDB writer, one dbt build after it.
    backfill_policy=dg.BackfillPolicy.single_run(),
)
def feed_ingestion(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    # This asset's checks come next: their worker imports great-expectations meanwhile, if
    # the run's process has not started it already (as `make materialize` does).
    suite_process.start()
    folder = feeds_dir()
    months = months_of_run(context.run.tags)
    files = {name: path for name, path in feed_files(folder).items() if in_months(_period(name), months)}
    with warehouse.get_connection() as connection:
        _create_tables(connection)
        known = {name: Fingerprint(size, modified_ns, sha256) for name, size, modified_ns, sha256
                 in connection.execute(f"select source_file, size_bytes, modified_ns, sha256 from {AUDIT_TABLE}").fetchall()
                 if in_months(_period(name), months)}
    if months:
        context.log.info(f"reporting months {months[0]} to {months[1]}: {len(files)} files")

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as hashers:  # hashlib releases the GIL on large blocks
        fingerprints = dict(zip(files, hashers.map(lambda name: fingerprint(files[name], known.get(name)), files)))
    hashing = time.perf_counter() - began
    to_load = [name for name in files if name not in known or known[name].sha256 != fingerprints[name].sha256]
    # Same bytes under a new mtime (touched, copied again): not reloaded, but remembered,
    # so they are not hashed again every run.
    restamped = [name for name in files.keys() - set(to_load) if known[name] != fingerprints[name]]
    removed = [name for name in known if name not in files]
    reference = load_reference(REFERENCE_DIR)
    loaded_at = datetime.now(timezone.utc)

    seconds = Counter(hashing=hashing)
    accepted_rows, quarantined_rows, file_errors = Counter(), 0, 0

    def read(name: str) -> tuple[str, FeedFileLoad, Counter]:
        timings = Counter()  # one per read: two readers must not add to one counter at once
        return name, load_feed_file(files[name], reference, root=folder, timings=timings), timings

    with warehouse.get_connection() as connection:
        if removed:
            connection.execute("begin transaction")
            _delete_files(connection, removed)
            connection.execute("commit")
        if restamped:
            connection.executemany(f"update {AUDIT_TABLE} set size_bytes = ?, modified_ns = ? where source_file = ?",
                                   [[fingerprints[name].size, fingerprints[name].modified_ns, name] for name in restamped])
        writer = _BatchWriter(connection, replaces=set(known))
        loads = read_ahead(to_load, read, size=lambda name: fingerprints[name].size,
                           readers=READERS, max_bytes=READ_AHEAD_BYTES)
        for name, load, read_seconds in loads:
            seconds.update(read_seconds)
            audit = {**load.audit, "sha256": fingerprints[name].sha256, "loaded_at": loaded_at,
                     "size_bytes": fingerprints[name].size, "modified_ns": fingerprints[name].modified_ns}
            if audit["status"] != "loaded":
                file_errors += 1
                context.log.warning(f"{name}: {audit['error_code']} — {audit['error_message']}")
            accepted_rows[audit["feed"]] += load.accepted.height
            quarantined_rows += load.quarantined.height
            began = time.perf_counter()
            writer.add(load, audit)
            seconds["writing"] += time.perf_counter() - began
        began = time.perf_counter()
        writer.flush()
        seconds["writing"] += time.perf_counter() - began
        totals = dict(zip(
            ["files", "received", "accepted", "quarantined", "file_errors"],
            connection.execute(
                f"select count(*), sum(rows_received), sum(rows_accepted), sum(rows_quarantined), "
                f"count(*) filter (where status <> 'loaded') from {AUDIT_TABLE}"
            ).fetchone(),
        ))

    run = {"files_loaded_this_run": len(to_load), "files_removed_this_run": len(removed)}
    for name in FEEDS:
        yield dg.MaterializeResult(asset_key=["raw", f"feed_{name}"], metadata={
            **run, "rows_accepted_this_run": accepted_rows[name],
        })
    yield dg.MaterializeResult(asset_key=["raw", "quarantined_feed_rows"], metadata={
        **run, "rows_quarantined_this_run": quarantined_rows,
    })
    # Where the time went (make bench splits a refresh by stage with these). Reading and
    # validating are summed over the readers and overlap writing, so the four can add up to
    # more than the step took.
    timings = {f"seconds_{stage}": round(seconds[stage], 2) for stage in ("hashing", "reading", "validating", "writing")}
    yield dg.MaterializeResult(asset_key=["raw", "feed_load_audit"], metadata={
        **run, "file_errors_this_run": file_errors, **timings, **{key: int(value or 0) for key, value in totals.items()},
    })
