"""Hand-kept reference data (raw/reference/*.csv) loaded as raw tables, one asset per file.

Loaded as text (`all_varchar`): codes such as 130000 must stay strings, and typing is the
staging layer's job. Reloaded whole on each run; the files are small and hand-edited.
"""

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration.defs.pools import WAREHOUSE_WRITER_POOL
from orchestration.settings import REFERENCE_DIR

REFERENCE_TABLES = {
    "indicators": "The indicator catalogue: code, names, numerator/denominator, factor, unit, direction.",
    "org_units": "Province → city → county → township → institution, with types and consortium membership.",
    "consortia": "医联体 / 医共体 and their lead institutions.",
    "township_population": "Resident population per township: rural share and key populations.",
    "institution_aliases": "Names that feeds use instead of institution codes.",
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", table], description=description, group_name="reference")
        for table, description in REFERENCE_TABLES.items()
    ],
    pool=WAREHOUSE_WRITER_POOL,
)
def reference_tables(warehouse: DuckDBResource):
    with warehouse.get_connection() as connection:
        connection.execute("create schema if not exists raw")
        for table in REFERENCE_TABLES:
            path = REFERENCE_DIR / f"{table}.csv"
            connection.execute(
                f"create or replace table raw.{table} as "
                "select * from read_csv(?, header = true, all_varchar = true)",
                [str(path)],
            )
            rows = connection.execute(f"select count(*) from raw.{table}").fetchone()[0]
            yield dg.MaterializeResult(asset_key=["raw", table], metadata={"rows": rows, "file": str(path)})
