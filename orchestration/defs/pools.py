"""DuckDB allows a single writer: every asset that writes the warehouse joins this pool,
whose limit is 1 (set in dagster.yaml), so runs, backfills and sensors never collide."""

WAREHOUSE_WRITER_POOL = "warehouse_writer"
