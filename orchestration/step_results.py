"""A step that streams results from another process fails when some of them never arrive.

dagster-dbt reads dbt's results from its JSON log lines. A line that something else wrote
into (Spark's console progress bar did; dbt_project/profiles.yml turns it off) is lost
without an error: the model or test is then neither materialized nor failed, and everything
downstream of it, publication included, is skipped while the run still counts as a success.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import dagster as dg


def fail_on_missing_results(context: dg.AssetExecutionContext, events: Iterable) -> Iterator:
    """Pass `events` on; then raise if a selected asset or check had no result among them."""
    reported: set[str] = set()
    for event in events:
        if isinstance(event, (dg.Output, dg.MaterializeResult)):
            key = context.asset_key_for_output(event.output_name) if isinstance(event, dg.Output) else event.asset_key
            reported.add(key.to_user_string())
        elif isinstance(event, dg.AssetCheckResult):
            reported.add(f"{event.asset_key.to_user_string()}:{event.check_name}")
        yield event
    expected = {key.to_user_string() for key in context.selected_asset_keys} | {
        f"{check.asset_key.to_user_string()}:{check.name}" for check in context.selected_asset_check_keys
    }
    missing = sorted(expected - reported)
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise dg.Failure(
            description=f"finished without a result for {len(missing)} selected assets or checks: {shown}; "
            "their results were lost on the way (a garbled log line?) — nothing downstream may trust them",
            metadata={"missing": missing},
        )
