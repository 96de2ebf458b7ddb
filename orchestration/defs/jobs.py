"""Jobs: the full refresh, and the partial refreshes the file sensors start.

In-process execution keeps a single DuckDB writer and starts no subprocess per step,
which on a 2-core machine is faster than the multiprocess executor for this graph.
"""

import dagster as dg

refresh_warehouse = dg.define_asset_job(
    name="refresh_warehouse",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description="Ingest documents and feeds, build every dbt model, run every check, publish.",
)

refresh_documents = dg.define_asset_job(
    name="refresh_documents",
    selection=dg.AssetSelection.keys(["raw", "documents"]).downstream(),
    executor_def=dg.in_process_executor,
    description="Re-read raw/documents/ and rebuild what depends on it, then publish.",
)

refresh_feeds = dg.define_asset_job(
    name="refresh_feeds",
    selection=dg.AssetSelection.groups("feeds").downstream(),
    executor_def=dg.in_process_executor,
    description="Load new or changed files in raw/feeds/ and rebuild what depends on them, then publish.",
)
