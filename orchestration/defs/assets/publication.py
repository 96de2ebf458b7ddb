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
    description="Atomic copy of the warehouse's marts that the dashboards read; replaced only when "
    "every upstream asset and blocking check of this run succeeded.",
)
def published_warehouse(warehouse: DuckDBResource) -> dg.MaterializeResult:
    destination = published_warehouse_path(Path(warehouse.database))
    with warehouse.get_connection() as connection:
        publication = publish(connection, destination, published_at=datetime.now(timezone.utc))
    return dg.MaterializeResult(metadata={"path": str(destination), "bytes": publication.size_bytes,
                                          "updated_by_file": ", ".join(publication.updated_by_file) or "none"})
