"""Sensors: start a refresh when files land in raw/, and record every run's outcome."""

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import dagster as dg

from orchestration import file_changes, refresh_status
from orchestration.defs.jobs import refresh_documents, refresh_feeds, refresh_warehouse
from orchestration.run_failures import describe_failures
from orchestration.settings import DOCUMENTS_DIR, feeds_dir


def _folder_sensor(name: str, folder: Callable[[], Path], job, what: str) -> dg.SensorDefinition:
    """A sensor that starts `job` when a file under `folder()` is added, changed or removed."""

    @dg.sensor(
        name=name,
        job=job,
        minimum_interval_seconds=30,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description=f"{what} added, changed or removed (by content hash).",
    )
    def folder_changed(context: dg.SensorEvaluationContext):
        previous = file_changes.decode(json.loads(context.cursor)) if context.cursor else {}
        current = file_changes.fingerprint_folder(folder(), previous)
        changed = file_changes.changed_files(previous, current)
        context.update_cursor(json.dumps(file_changes.encode(current)))
        if not changed:
            return dg.SkipReason(f"no {what} added, changed or removed")
        # The run key names the change, from the folder's previous content to its current:
        # a tick evaluated twice starts one run, while a file removed and later put back
        # (the folder returns to an earlier content) still starts a run that reloads it.
        transition = f"{_content_digest(previous)}->{_content_digest(current)}"
        return dg.RunRequest(run_key=transition, tags={"changed_files": ", ".join(changed)[:1000]})

    return folder_changed


def _content_digest(fingerprints: dict) -> str:
    return hashlib.sha256("|".join(f"{name}:{fingerprints[name].sha256}" for name in sorted(fingerprints)).encode()).hexdigest()


documents_changed = _folder_sensor("documents_changed", lambda: DOCUMENTS_DIR, refresh_documents, "document in raw/documents/")
feeds_changed = _folder_sensor("feeds_changed", feeds_dir, refresh_feeds, "feed file in raw/feeds/")


_REFRESH_JOBS = [refresh_warehouse, refresh_documents, refresh_feeds]


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
