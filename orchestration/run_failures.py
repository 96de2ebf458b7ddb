"""Turn a run's event stream into plain sentences: which step or blocking check failed, and why."""

from __future__ import annotations

import re
from collections.abc import Iterable

import dagster as dg
from dagster_shared.error import SerializableErrorInfo

# dbt colours its log lines; the message ends up in a JSON file and on the dashboards.
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def describe_failures(events: Iterable[dg.DagsterEvent]) -> list[str]:
    failures = []
    for event in events:
        if event.is_step_failure:
            error = _user_error(event.step_failure_data.error)
            message = _ANSI_ESCAPE.sub("", error.message).strip() if error else "unknown error"
            failures.append(f"step {event.step_key} failed: {message}")
        elif event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.event_specific_data
            if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
                failures.append(f"check {evaluation.asset_key.to_user_string()}:{evaluation.check_name} failed")
    return failures


def _user_error(error: SerializableErrorInfo | None) -> SerializableErrorInfo | None:
    """Dagster wraps an exception raised in an asset in 'Error occurred while executing op';
    the cause is what a person needs to read."""
    while error is not None and error.cls_name == "DagsterExecutionStepExecutionError" and error.cause is not None:
        error = error.cause
    return error
