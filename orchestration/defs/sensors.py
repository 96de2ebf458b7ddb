"""Sensors: start a refresh when files land in raw/, and record every run's outcome."""

import json

import dagster as dg

from orchestration import file_changes, refresh_status
from orchestration.defs.jobs import refresh_documents, refresh_warehouse
from orchestration.run_failures import describe_failures
from orchestration.settings import DOCUMENTS_DIR


@dg.sensor(
    name="documents_changed",
    job=refresh_documents,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="A document added, changed or removed in raw/documents/ (by content hash).",
)
def documents_changed(context: dg.SensorEvaluationContext):
    previous = file_changes.decode(json.loads(context.cursor)) if context.cursor else {}
    current = file_changes.fingerprint_folder(DOCUMENTS_DIR, previous)
    changed = file_changes.changed_files(previous, current)
    context.update_cursor(json.dumps(file_changes.encode(current)))
    if not changed:
        return dg.SkipReason("no document added, changed or removed")
    # The run key is the folder's content: the same state never starts two runs.
    state = "|".join(f"{name}:{current[name].sha256}" for name in sorted(current))
    return dg.RunRequest(run_key=state, tags={"changed_files": ", ".join(changed)[:1000]})


_REFRESH_JOBS = [refresh_warehouse, refresh_documents]


def _record(context: dg.RunStatusSensorContext, succeeded: bool) -> None:
    run = context.dagster_run
    events = [entry.dagster_event for entry in context.instance.all_logs(run.run_id) if entry.dagster_event]
    failures = tuple(describe_failures(events)) if not succeeded else ()
    log_file = refresh_status.record(refresh_status.RefreshOutcome(run.run_id, run.job_name, succeeded, failures=failures))
    context.log.info(f"recorded the outcome of {run.job_name} in {log_file}")


@dg.run_status_sensor(
    name="record_refresh_success",
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=_REFRESH_JOBS,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def record_refresh_success(context: dg.RunStatusSensorContext):
    _record(context, succeeded=True)


@dg.run_failure_sensor(
    name="record_refresh_failure",
    monitored_jobs=_REFRESH_JOBS,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def record_refresh_failure(context: dg.RunFailureSensorContext):
    _record(context, succeeded=False)
