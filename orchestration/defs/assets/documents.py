"""Policy documents: files in raw/documents/ become rows of raw.documents."""

from datetime import datetime, timezone

import dagster as dg
import pyarrow as pa
from dagster_duckdb import DuckDBResource

from orchestration.defs.pools import WAREHOUSE_WRITER_POOL
from orchestration.documents.reading import read_document
from orchestration.settings import DOCUMENTS_DIR

_DOCUMENTS_DDL = """
create schema if not exists raw;
create table if not exists raw.documents (
    file_name   varchar primary key,
    sha256      varchar not null,
    size_bytes  bigint not null,
    encoding    varchar,
    text        varchar,
    read_error  varchar,
    ingested_at timestamp with time zone not null
)
"""


@dg.asset(
    key=["raw", "documents"],
    group_name="documents",
    pool=WAREHOUSE_WRITER_POOL,
    description="Every file in raw/documents/, decoded, with its sha256 and any read error. "
    "Unchanged files keep their row (and ingested_at); removed files are dropped.",
)
def raw_documents(context: dg.AssetExecutionContext, warehouse: DuckDBResource) -> dg.MaterializeResult:
    if not DOCUMENTS_DIR.is_dir():
        raise FileNotFoundError(f"the documents folder {DOCUMENTS_DIR} does not exist (is RAW_DIR right?)")
    files = sorted(path for path in DOCUMENTS_DIR.iterdir() if path.is_file() and not path.name.startswith("."))
    reads = [read_document(path) for path in files]
    now = datetime.now(timezone.utc)
    incoming = pa.table(
        {
            "file_name": [r.file_name for r in reads],
            "sha256": [r.sha256 for r in reads],
            "size_bytes": pa.array([r.size_bytes for r in reads], pa.int64()),
            "encoding": pa.array([r.encoding for r in reads], pa.string()),
            "text": pa.array([r.text for r in reads], pa.string()),
            "read_error": pa.array([r.error for r in reads], pa.string()),
            "ingested_at": pa.array([now] * len(reads), pa.timestamp("us", tz="UTC")),
        }
    )

    with warehouse.get_connection() as connection:
        connection.execute(_DOCUMENTS_DDL)
        connection.register("incoming", incoming)
        connection.execute("begin transaction")
        removed = connection.execute(
            "delete from raw.documents where file_name not in (select file_name from incoming) returning file_name"
        ).fetchall()
        changed = connection.execute(
            """
            insert or replace into raw.documents
            select incoming.* from incoming
            left join raw.documents as existing using (file_name)
            where existing.sha256 is distinct from incoming.sha256
            returning file_name
            """
        ).fetchall()
        connection.execute("commit")

    unreadable = {r.file_name: r.error for r in reads if not r.ok}
    for file_name, error in unreadable.items():
        context.log.warning(f"{file_name}: {error}")
    return dg.MaterializeResult(
        metadata={
            "files": len(reads),
            "new_or_changed": len(changed),
            "removed": len(removed),
            "unreadable": dg.MetadataValue.json(unreadable),
        }
    )
