"""Blocking checks on the loaded feeds: a failure stops everything downstream, publication included.

The suites run in their worker process (orchestration/quality/suite_process.py)."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration.defs.assets.feeds import AUDIT_TABLE, feed_table
from orchestration.quality import suite_process
from orchestration.quality.outcome import SuiteOutcome


def _result(outcome: SuiteOutcome) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=outcome.passed,
        severity=dg.AssetCheckSeverity.ERROR,
        description="; ".join(outcome.failures) or None,
        metadata={"expectations": outcome.evaluated, "failed": len(outcome.failures)},
    )


@dg.asset_check(asset=["raw", "feed_load_audit"], blocking=True,
                description="great-expectations: every file reconciles (received = accepted + quarantined).")
def feed_files_reconcile(warehouse: DuckDBResource) -> dg.AssetCheckResult:
    with warehouse.get_connection() as connection:
        audit = connection.execute(f"select * from {AUDIT_TABLE}").df()
    return _result(suite_process.run("load_audit_suite", audit))


@dg.asset_check(asset=["raw", "feed_institution_monthly_reports"], blocking=True,
                description="great-expectations: accepted monthly reports are plausible (parts ≤ wholes, no negatives).")
def monthly_reports_are_plausible(warehouse: DuckDBResource) -> dg.AssetCheckResult:
    with warehouse.get_connection() as connection:
        reports = connection.execute(f"select * from {feed_table('institution_monthly_reports')}").df()
    return _result(suite_process.run("monthly_report_suite", reports))
