"""Feeds in the warehouse: nothing lost, history kept, and indicators equal to their definition.

The Python functions in orchestration/feeds/indicators.py are the executable definition of
each indicator (BRIEF §3); the dbt roll-up in fct_indicator_actuals must give the same
numerators and denominators.
"""

from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

from orchestration.feeds import indicators
from orchestration.feeds.loading import load_feed
from orchestration.feeds.reference import load_reference
from orchestration.settings import REFERENCE_DIR

LAST_MONTH = date(2025, 12, 1)


def _frame(database: Path, sql: str) -> pl.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).pl()


@pytest.fixture(scope="module")
def python_loads(test_feeds):
    reference = load_reference(REFERENCE_DIR)
    return reference, {feed: load_feed(test_feeds / feed, reference, root=test_feeds) for feed in (
        "family_doctor_contracts", "mutual_recognition_events", "institution_monthly_reports", "service_capacity_assessments")}


def test_every_file_reconciles_and_every_rejected_row_is_kept(built_warehouse):
    audit = _frame(built_warehouse, "select * from marts.feed_load_audit")
    assert audit.height > 300
    assert (audit["rows_received"] == audit["rows_accepted"] + audit["rows_quarantined"]).all()
    quarantined = _frame(built_warehouse, "select count(*) as rows from marts.quarantined_feed_rows")["rows"][0]
    assert quarantined == audit["rows_quarantined"].sum() > 0
    file_errors = audit.filter(pl.col("load_status") == "file_error")
    assert file_errors.height > 0 and file_errors["error_message"].is_not_null().all()
    assert file_errors["rows_accepted"].sum() == 0


def test_corrections_replace_earlier_rows_and_the_replaced_versions_stay(built_warehouse, python_loads):
    _, loads = python_loads
    contracts = loads["family_doctor_contracts"]
    kept = _frame(built_warehouse, "select count(*) as rows from raw.feed_family_doctor_contracts")["rows"][0]
    current = _frame(built_warehouse, "select count(*) as rows from staging.stg_feeds__family_doctor_contracts")["rows"][0]
    assert current == contracts.current.height
    assert kept == contracts.current.height + contracts.history.height > current


@pytest.mark.parametrize("indicator_code", ["fd_signing_rate", "fd_key_pop_signing_rate", "mutual_recognition_rate",
                                            "thc_recommended_standard_share", "opd_slots_to_members_share",
                                            "village_doctor_density", "chronic_mgmt_rate"])
def test_county_actuals_match_the_indicator_definition(built_warehouse, python_loads, indicator_code):
    reference, loads = python_loads
    month_end = date(2025, 12, 31)
    december = lambda frame, column: frame.filter(pl.col(column).cast(pl.Date).dt.truncate("1mo") == LAST_MONTH)  # noqa: E731
    expected = {
        "fd_signing_rate": lambda: indicators.signing_coverage(loads["family_doctor_contracts"].current, reference, month_end),
        "fd_key_pop_signing_rate": lambda: indicators.signing_coverage(
            loads["family_doctor_contracts"].current, reference, month_end, key_population=True),
        "mutual_recognition_rate": lambda: indicators.mutual_recognition_rate(
            december(loads["mutual_recognition_events"].current, "ordered_at"), reference),
        "thc_recommended_standard_share": lambda: indicators.health_centre_standard_share(
            loads["service_capacity_assessments"].current, reference, 2025),
        "opd_slots_to_members_share": lambda: indicators.report_ratio(
            december(loads["institution_monthly_reports"].current, "month"), reference, "opd_slots_to_members_share"),
        "village_doctor_density": lambda: indicators.report_ratio(
            december(loads["institution_monthly_reports"].current, "month"), reference, "village_doctor_density"),
        "chronic_mgmt_rate": lambda: indicators.report_ratio(
            december(loads["institution_monthly_reports"].current, "month"), reference, "chronic_mgmt_rate"),
    }[indicator_code]().select("org_unit_id", pl.col("numerator").cast(pl.Float64), pl.col("denominator").cast(pl.Float64))

    actual = _frame(built_warehouse, f"""
        select org_unit_id, numerator, denominator from marts.fct_indicator_actuals
        where indicator_code = '{indicator_code}' and org_level = 'county' and period_month = '{LAST_MONTH}'
    """)

    joined = expected.join(actual, on="org_unit_id", how="full", suffix="_warehouse")
    assert joined.height == expected.height > 0
    assert (joined["numerator"] - joined["numerator_warehouse"]).abs().max() < 1e-9
    assert (joined["denominator"] - joined["denominator_warehouse"]).abs().max() < 1e-9
