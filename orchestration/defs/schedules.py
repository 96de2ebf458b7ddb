"""The nightly refresh: 02:00 Beijing time, on as soon as the Dagster daemon runs."""

import dagster as dg

from orchestration.defs.jobs import refresh_warehouse

nightly_refresh = dg.ScheduleDefinition(
    name="nightly_refresh",
    job=refresh_warehouse,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Full refresh every night at 02:00 Asia/Shanghai.",
)
