"""Headless refresh (`make materialize`): run the refresh job once and say plainly what failed.

The same job the nightly schedule runs. With DAGSTER_HOME set the run is recorded in that
instance, so it shows in the Dagster UI; without it, an ephemeral instance is used.
Exit status 0 means every asset materialized and every blocking check passed. Either way
the outcome is recorded for the dashboards and as a log file under data/logs/. A run that
a killed refresh left marked as running is closed first (orchestration/abandoned_runs.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

from orchestration.quality import suite_process

# Before the imports below (Dagster, dagster-dbt, the definitions: ~4 s), so that the
# great-expectations worker imports its suites meanwhile, on the other core.
suite_process.start()

import dagster as dg  # noqa: E402

from orchestration import abandoned_runs, refresh_status  # noqa: E402
from orchestration.definitions import defs  # noqa: E402
from orchestration.process_exit import exit_skipping_teardown  # noqa: E402
from orchestration.run_failures import describe_failures  # noqa: E402

JOB_NAME = "refresh_warehouse"


def _execute(job: dg.JobDefinition) -> dg.ExecuteInProcessResult:
    dagster_home = os.environ.get("DAGSTER_HOME")
    if not dagster_home:
        with dg.DagsterInstance.ephemeral() as instance:
            return job.execute_in_process(instance=instance, raise_on_error=False)
    with abandoned_runs.headless_refresh_lock(Path(dagster_home)), dg.DagsterInstance.get() as instance:
        for run_id in abandoned_runs.close_abandoned_headless_runs(instance):
            print(f"closed run {run_id}, left running by a killed refresh", file=sys.stderr)
        return job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            tags={abandoned_runs.LAUNCHED_BY_TAG: abandoned_runs.HEADLESS_REFRESH},
        )


def main() -> int:
    job = defs().resolve_job_def(JOB_NAME)
    try:
        result = _execute(job)
    except abandoned_runs.RefreshAlreadyRunning as error:
        print(f"{JOB_NAME} not started: {error}", file=sys.stderr)
        return 1
    finally:
        suite_process.stop()
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


def run() -> NoReturn:
    """The command: main's exit status, without the ~1.8 s interpreter teardown (process_exit.py)."""
    exit_skipping_teardown(main())


if __name__ == "__main__":
    run()
