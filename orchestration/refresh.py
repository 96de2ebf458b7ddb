"""Headless refresh (`make materialize`): run the refresh job once and say plainly what failed.

The same job the nightly schedule runs. With DAGSTER_HOME set the run is recorded in that
instance, so it shows in the Dagster UI; without it, an ephemeral instance is used.
Exit status 0 means every asset materialized and every blocking check passed.
"""

from __future__ import annotations

import os
import sys

import dagster as dg

from orchestration.definitions import defs


def _instance() -> dg.DagsterInstance:
    return dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()


def _failures(result: dg.ExecuteInProcessResult) -> list[str]:
    failures = []
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            failures.append(f"step {event.step_key} failed: {error.message.strip() if error else 'unknown error'}")
        elif event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.event_specific_data
            if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
                failures.append(f"check {evaluation.asset_key.to_user_string()}:{evaluation.check_name} failed")
    return failures


def main() -> int:
    job = defs().resolve_job_def("refresh_warehouse")
    with _instance() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False)
    failures = _failures(result)
    if result.success and not failures:
        print(f"refresh_warehouse succeeded (run {result.run_id})")
        return 0
    print(f"refresh_warehouse FAILED (run {result.run_id}):", file=sys.stderr)
    for failure in failures or ["the run failed without a step failure event; see the Dagster UI"]:
        print(f"  - {failure}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
