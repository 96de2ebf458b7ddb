"""The last step of a refresh: publish the warehouse for the dashboards."""

from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration.defs.assets.dbt import warehouse_models
from orchestration.defs.pools import WAREHOUSE_WRITER_POOL
from orchestration.publication import publish
from orchestration.settings import published_warehouse_path

# Every mart must be built (and its blocking dbt tests passed) before publication.
_MARTS = [key for key in warehouse_models.keys if key.path[0] == "marts"]


@dg.asset(
    key=["published_warehouse"],
    group_name="publication",
    deps=_MARTS,
    pool=WAREHOUSE_WRITER_POOL,
    backfill_policy=dg.BackfillPolicy.single_run(),  # once per month-range backfill, like the dbt build
    description="Atomic copy of the warehouse that the dashboards read; replaced only when every "
    "upstream asset and blocking check of this run succeeded.",
)
def published_warehouse(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as connection:
        # Fold the write-ahead log into the file so the copy is complete on its own.
        connection.execute("checkpoint")
        connection.execute(
            "create or replace table main.warehouse_publication as select ?::timestamptz as published_at",
            [datetime.now(timezone.utc)],
        )
        connection.execute("checkpoint")
        destination = published_warehouse_path(Path(warehouse.database))
        size = publish(Path(warehouse.database), destination)
    return dg.MaterializeResult(metadata={"path": str(destination), "bytes": size})
