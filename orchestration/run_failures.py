"""Turn a run's event stream into plain sentences: which step or blocking check failed, and why."""

from __future__ import annotations

from collections.abc import Iterable

import dagster as dg


def describe_failures(events: Iterable[dg.DagsterEvent]) -> list[str]:
    failures = []
    for event in events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            message = error.message.strip() if error else "unknown error"
            failures.append(f"step {event.step_key} failed: {message}")
        elif event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.event_specific_data
            if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
                failures.append(f"check {evaluation.asset_key.to_user_string()}:{evaluation.check_name} failed")
    return failures
