"""Headless refresh (`make materialize`): run the refresh job once and say plainly what failed.

The same job the nightly schedule runs. With DAGSTER_HOME set the run is recorded in that
instance, so it shows in the Dagster UI; without it, an ephemeral instance is used.
Exit status 0 means every asset materialized and every blocking check passed. Either way
the outcome is recorded for the dashboards and as a log file under data/logs/.
"""

from __future__ import annotations

import os
import sys

import dagster as dg

from orchestration import refresh_status
from orchestration.definitions import defs
from orchestration.run_failures import describe_failures

JOB_NAME = "refresh_warehouse"


def _instance() -> dg.DagsterInstance:
    return dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()


def main() -> int:
    job = defs().resolve_job_def(JOB_NAME)
    with _instance() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False)
    failures = describe_failures(result.all_events)
    succeeded = result.success and not failures
    if not succeeded and not failures:
        failures = ["the run failed without a step failure event; see the Dagster UI"]
    log_file = refresh_status.record(refresh_status.RefreshOutcome(result.run_id, JOB_NAME, succeeded, failures=tuple(failures)))

    if succeeded:
        print(f"{JOB_NAME} succeeded (run {result.run_id}); log: {log_file}")
        return 0
    print(f"{JOB_NAME} FAILED (run {result.run_id}); log: {log_file}", file=sys.stderr)
    for failure in failures:
        print(f"  - {failure}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
