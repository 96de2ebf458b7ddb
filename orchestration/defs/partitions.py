"""Monthly partitions of the feed assets, keyed by reporting month (the month a file reports on).

A partitioned run (a backfill of a month range, from the UI or `dagster asset materialize
--partition-range`) loads only the files of those months, still skipping any whose content
hash is already loaded. A run without a partition (`make materialize`, the nightly schedule,
the feeds sensor) loads every new or changed file, whatever its month. A yearly file (优质服务
基层行 assessments) reports on its year's December.

Downstream dbt models are not partitioned: they are built once per run, whatever the range.
Their incremental models only recompute the last few months (the lookback in
dbt_project.yml), so a run that reloads chosen months rebuilds them in full instead
(`dbt_build_args`): a backfill of old months is rare, and must not leave stale marts.
"""

from __future__ import annotations

from collections.abc import Mapping

import dagster as dg

from orchestration.feeds.periods import MONITORING_WINDOW, add_months, month_index

FEED_MONTHS = dg.MonthlyPartitionsDefinition(
    start_date=f"{MONITORING_WINDOW.first}-01",
    end_date=f"{add_months(MONITORING_WINDOW.last, 1)}-01",  # exclusive: the window's last month is the last partition
)

# Tags Dagster puts on a run that targets one partition or a range of them.
_PARTITION_TAG = "dagster/partition"
_RANGE_START_TAG = "dagster/asset_partition_range_start"
_RANGE_END_TAG = "dagster/asset_partition_range_end"
_BACKFILL_TAG = "dagster/backfill"  # on every run a backfill launches
_DBT_BUILD = ["build", "--exclude", "test_type:unit"]


def month_of_partition(partition_key: str) -> str:
    """`2024-03-01` (the partition key) -> `2024-03`."""
    return partition_key[:7]


def reporting_month(period: str | None) -> str | None:
    """The partition month of a file's period: `2024-03` for a month, `2024-12` for the year
    `2024`; None for a period that is neither (such a file is loaded only by unpartitioned runs)."""
    if period is None:
        return None
    if len(period) == 4 and period.isdigit():
        return f"{period}-12"
    try:
        month_index(period)
    except ValueError:
        return None
    return period


def months_of_run(tags: Mapping[str, str]) -> tuple[str, str] | None:
    """(first, last) reporting month a run targets, from its tags; None for an unpartitioned run."""
    if _RANGE_START_TAG in tags and _RANGE_END_TAG in tags:
        return month_of_partition(tags[_RANGE_START_TAG]), month_of_partition(tags[_RANGE_END_TAG])
    if _PARTITION_TAG in tags:
        month = month_of_partition(tags[_PARTITION_TAG])
        return month, month
    return None


def in_months(period: str | None, months: tuple[str, str] | None) -> bool:
    """Whether a file of `period` belongs to a run targeting `months` (None: every file does)."""
    if months is None:
        return True
    month = reporting_month(period)
    return month is not None and month_index(months[0]) <= month_index(month) <= month_index(months[1])


def dbt_build_args(tags: Mapping[str, str]) -> list[str]:
    """The dbt command of a run: incremental as usual, or a full rebuild when the run reloaded
    chosen months, which may lie before the incremental models' lookback. A backfill launched
    from the UI loads the months in one run and builds the (unpartitioned) dbt models in
    another, which carries only the backfill's tag."""
    backfill = months_of_run(tags) is not None or _BACKFILL_TAG in tags
    return [*_DBT_BUILD, "--full-refresh"] if backfill else list(_DBT_BUILD)
