"""The dbt models as Dagster assets; dbt tests become asset checks."""

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, dbt_assets

from orchestration.defs.partitions import dbt_build_args
from orchestration.defs.pools import WAREHOUSE_WRITER_POOL
from orchestration.defs.project import dbt_project
from orchestration.defs.resources import InstalledDbtCliResource, dbt_file_log_args
from orchestration.settings import warehouse_path
from orchestration.spark.engine import land_raw_tables_for, serve_marts_from
from orchestration.step_results import fail_on_missing_results


class WarehouseTranslator(DagsterDbtTranslator):
    """dbt sources are the raw/<table> assets the Python ingestion writes; models are grouped
    by their layer folder (staging / intermediate / marts)."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] != "model":
            return super().get_group_name(dbt_resource_props)
        return dbt_resource_props["fqn"][1]


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=WarehouseTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
    pool=WAREHOUSE_WRITER_POOL,
    # Built once in a run that backfills a month range (orchestration/defs/partitions.py).
    backfill_policy=dg.BackfillPolicy.single_run(),
)
def warehouse_models(context: dg.AssetExecutionContext, dbt: InstalledDbtCliResource):
    # Unit tests pin the SQL logic, not the night's data: they run in the test suite
    # (tests/dbt), and an incremental-mode unit test needs the model to exist already.
    # On Spark (WAREHOUSE_ENGINE=spark) the raw tables go out as Parquet first and the marts
    # come back into the warehouse file after, for publication (orchestration/spark/engine.py).
    engine = dbt.target or "duckdb"
    land_raw_tables_for(engine, warehouse_path())
    build = dbt.cli([*dbt_build_args(context.run.tags), *dbt_file_log_args()], context=context)
    yield from fail_on_missing_results(context, build.stream())
    dbt.keep_parse_state(build)
    serve_marts_from(engine, warehouse_path())
