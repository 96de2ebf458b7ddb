"""Monthly partitions of the feed assets: a month range loads only its files, an
unpartitioned run loads the rest and re-reads nothing already loaded."""

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.defs.assets.feeds import AUDIT_TABLE, feed_ingestion
from orchestration.defs.partitions import FEED_MONTHS, dbt_build_args, in_months, months_of_run, reporting_month
from orchestration.defs.resources import build_resources

RANGE_TAGS = {"dagster/asset_partition_range_start": "2025-08-01", "dagster/asset_partition_range_end": "2025-09-01"}


def test_partition_keys_are_the_monitoring_months():
    keys = FEED_MONTHS.get_partition_keys()
    assert (keys[0], keys[-1], len(keys)) == ("2023-01-01", "2025-12-01", 36)


@pytest.mark.parametrize(("period", "month"), [("2024-03", "2024-03"), ("2024", "2024-12"), ("2024-13", None), ("三月", None), (None, None)])
def test_a_file_reports_on_its_month_and_a_yearly_file_on_december(period, month):
    assert reporting_month(period) == month


def test_a_run_targets_the_months_of_its_partition_tags():
    assert months_of_run({}) is None
    assert months_of_run({"dagster/partition": "2024-03-01"}) == ("2024-03", "2024-03")
    assert months_of_run(RANGE_TAGS) == ("2025-08", "2025-09")
    assert in_months("2025-09", ("2025-08", "2025-09")) and not in_months("2025-10", ("2025-08", "2025-09"))
    assert in_months("2025", ("2025-12", "2025-12")) and not in_months("garbled", ("2025-08", "2025-09"))
    assert in_months("garbled", None)


def test_only_a_backfill_rebuilds_the_incremental_models_in_full():
    assert "--full-refresh" not in dbt_build_args({})
    assert dbt_build_args(RANGE_TAGS)[-1] == "--full-refresh"
    # From the UI the dbt models run apart from the partitioned feed assets, tagged only by the backfill.
    assert dbt_build_args({"dagster/backfill": "qhgrdowg"})[-1] == "--full-refresh"


def _loaded(database: Path) -> dict[str, object]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return dict(connection.execute(f"select source_file, loaded_at from {AUDIT_TABLE}").fetchall())


def test_a_month_range_loads_its_files_and_a_full_run_adds_only_the_rest(tmp_path, test_feeds):
    database = tmp_path / "warehouse.duckdb"
    resources = build_resources(str(database))
    with dg.instance_for_test() as instance:
        ranged = dg.materialize([feed_ingestion], resources=resources, instance=instance, tags=RANGE_TAGS)
        assert ranged.success
        materialized = {event.partition for event in ranged.get_asset_materialization_events()}
        assert materialized == {"2025-08-01", "2025-09-01"}
        first = _loaded(database)
        assert first and all(Path(name).stem.split("_")[2] in ("2025-08", "2025-09") for name in first)

        assert dg.materialize([feed_ingestion], resources=resources, instance=instance).success
    everything = _loaded(database)
    assert len(everything) > len(first)
    # Files the month range loaded were not read again (their load time is unchanged).
    assert {name: everything[name] for name in first} == first
