"""great-expectations suites for the loaded feeds, run directly with GX 1.x.

Each suite takes a pandas DataFrame and returns a `SuiteOutcome`: whether it passed and,
for every failed expectation, a sentence and a few offending values, so an asset check
can say plainly what went wrong. The pipeline runs them in a worker process
(suite_process.py), so that importing great-expectations does not hold up the refresh.
"""

from __future__ import annotations

import great_expectations as gx
import pandas as pd
from great_expectations.data_context.types.base import ProgressBarsConfig

from orchestration.quality.outcome import SuiteOutcome


def _validate(name: str, frame: pd.DataFrame, expectations: list) -> SuiteOutcome:
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch = (
        context.data_sources.add_pandas(name)
        .add_dataframe_asset(name)
        .add_batch_definition_whole_dataframe(name)
        .get_batch(batch_parameters={"dataframe": frame})
    )
    suite = gx.ExpectationSuite(name=name, expectations=expectations)
    result = batch.validate(suite)
    failures = []
    for outcome in result.results:
        if not outcome.success:
            config = outcome.expectation_config
            sample = (outcome.result or {}).get("partial_unexpected_list", [])[:5]
            failures.append(f"{config.type} {config.kwargs.get('column') or config.kwargs.get('column_A', '')}: "
                            f"{(outcome.result or {}).get('unexpected_count', '?')} rows, e.g. {sample}")
    return SuiteOutcome(result.success, len(result.results), failures)


def load_audit_suite(audit: pd.DataFrame) -> SuiteOutcome:
    """Nothing lost: every file reconciles, received = accepted + quarantined."""
    reconciled = audit.assign(unreconciled=audit["rows_received"] - audit["rows_accepted"] - audit["rows_quarantined"])
    return _validate("feed_load_audit", reconciled, [
        gx.expectations.ExpectColumnValuesToNotBeNull(column="source_file"),
        gx.expectations.ExpectColumnValuesToBeUnique(column="source_file"),
        gx.expectations.ExpectColumnValuesToBeInSet(column="status", value_set=["loaded", "file_error"]),
        gx.expectations.ExpectColumnValuesToBeBetween(column="unreconciled", min_value=0, max_value=0),
        gx.expectations.ExpectColumnValuesToBeBetween(column="rows_received", min_value=0),
    ])


def monthly_report_suite(reports: pd.DataFrame) -> SuiteOutcome:
    """Accepted monthly reports are plausible: parts never exceed their wholes, counts are not negative."""
    return _validate("institution_monthly_reports", reports, [
        gx.expectations.ExpectColumnValuesToNotBeNull(column="institution_id"),
        gx.expectations.ExpectColumnValuesToMatchRegex(column="institution_id", regex=r"^\d{12}$"),
        gx.expectations.ExpectColumnValuesToBeBetween(column="visits", min_value=0),
        gx.expectations.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="opd_slots_total", column_B="opd_slots_to_members", or_equal=True, ignore_row_if="either_value_is_missing"),
        gx.expectations.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="hypertension_registered", column_B="hypertension_managed", or_equal=True, ignore_row_if="either_value_is_missing"),
        gx.expectations.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="diabetes_registered", column_B="diabetes_managed", or_equal=True, ignore_row_if="either_value_is_missing"),
    ])
