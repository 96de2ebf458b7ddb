"""Failures are told in plain sentences: the failing step, its message without terminal colours."""

import dagster as dg

from orchestration.run_failures import describe_failures


@dg.asset
def coloured_failure() -> None:
    # dbt's log lines carry ANSI colour codes into the exception message.
    raise RuntimeError("49 of 186 \x1b[31mFAIL 1\x1b[0m unique_org_unit_id")


def test_a_failed_step_is_named_with_its_message_and_no_colour_codes():
    result = dg.materialize([coloured_failure], raise_on_error=False)

    failures = describe_failures(result.all_events)

    assert len(failures) == 1
    assert failures[0].startswith("step coloured_failure failed: RuntimeError: ")
    assert "FAIL 1 unique_org_unit_id" in failures[0]
    assert "\x1b" not in failures[0]
