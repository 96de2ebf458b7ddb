"""The warehouse on Apache Spark (README "Scaling out"), plain Python without Dagster.

- `settings`: where Spark keeps its tables and metastore, and where the raw Parquet lands;
- `raw_export`: the raw tables the Python assets wrote into DuckDB, landed as Parquet
  (feeds partitioned by delivery month) for Spark to read;
- `dbt_builds`: a timed `dbt build` on either target;
- `serving`: Spark's marts loaded into a DuckDB file the dashboards can read;
- `parity`: every mart of the DuckDB build compared with the Spark build;
- `cli`: `python -m orchestration.spark build|parity` (`make spark-build`, `make spark-parity`).

Nothing here imports pyspark: Spark runs inside dbt (dbt-spark's session method), and its
marts are read back as Parquet files.
"""
