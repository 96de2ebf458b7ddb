"""Indicator arithmetic on tiny hand-made tables, checked against hand computation."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from orchestration.feeds import indicators
from orchestration.feeds.reference import Reference, load_reference
from orchestration.settings import REFERENCE_DIR
from orchestration.feeds.specs import FAMILY_DOCTOR_CONTRACTS, KEY_POPULATION_COLUMNS


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference(REFERENCE_DIR)


@pytest.fixture(scope="module")
def two_townships(reference) -> pl.DataFrame:
    """The two townships of 思明区 with their population."""
    return reference.township_population.filter(pl.col("township_id").str.starts_with("350203")).sort("township_id").head(2)


def contracts(rows: list[tuple[str, str, str, bool]]) -> pl.DataFrame:
    """(resident, start, end, hypertensive) -> contract rows as loaded."""
    flags = {column.name: [False] * len(rows) for column in KEY_POPULATION_COLUMNS}
    flags["has_hypertension"] = [row[3] for row in rows]
    return pl.DataFrame({
        "contract_id": [f"QY{i}" for i in range(len(rows))],
        "resident_id": [row[0] for row in rows],
        "start_date": [date.fromisoformat(row[1]) for row in rows],
        "end_date": [date.fromisoformat(row[2]) for row in rows],
        **flags,
    }).cast({name: dtype for name, dtype in FAMILY_DOCTOR_CONTRACTS.accepted_schema.items() if name in ("start_date", "end_date")})


def test_signing_coverage_counts_residents_in_force_once(reference, two_townships):
    first, second = two_townships["township_id"].to_list()
    table = contracts([
        (first + "00000001", "2024-01-10", "2025-01-09", True),
        (first + "00000001", "2024-03-01", "2025-02-28", True),  # signed twice: still one resident
        (first + "00000002", "2024-06-01", "2025-05-31", False),
        (first + "00000003", "2023-01-01", "2023-12-31", False),  # lapsed, not renewed
        (first + "00000004", "2025-01-01", "2025-12-31", False),  # not yet in force
        (second + "00000001", "2024-02-01", "2025-01-31", True),
    ])
    as_of = date(2024, 12, 31)
    population = dict(two_townships.select("township_id", "resident_population").iter_rows())
    by_township = indicators.signing_coverage(table, reference, as_of, level="township").filter(
        pl.col("org_unit_id").is_in([first, second]))
    assert by_township.select("numerator", "denominator").rows() == [(2, population[first]), (1, population[second])]
    district = indicators.signing_coverage(table, reference, as_of, level="county").filter(pl.col("org_unit_id") == "350203")
    district_population = reference.township_population.filter(pl.col("township_id").str.starts_with("350203"))["resident_population"].sum()
    # Σ numerator ÷ Σ denominator over the district, not an average of township rates.
    assert district["value"].item() == pytest.approx(3 / district_population * 100)
    key = indicators.signing_coverage(table, reference, as_of, level="township", key_population=True).filter(
        pl.col("org_unit_id") == first)
    key_population = two_townships.filter(pl.col("township_id") == first)["key_population"].item()
    assert key.select("numerator", "denominator").row(0) == (1, key_population)


def test_mutual_recognition_counts_only_eligible_results(reference):
    hospital = reference.institutions.filter(pl.col("institution_type") == "三级医院")["org_unit_id"][0]
    events = pl.DataFrame({
        "institution_id": [hospital] * 6,
        "has_prior_result": [True, True, True, True, False, False],
        "recognition_result": ["互认", "互认", "互认", "重复检查", None, None],
    })
    result = indicators.mutual_recognition_rate(events, reference, level="institution")
    assert result.select("numerator", "denominator", "value").row(0) == (3, 4, 75.0)


def test_standard_share_counts_unassessed_centres_in_the_denominator(reference):
    county = reference.institutions.filter(pl.col("county_id") == "130633")
    centres = county.filter(pl.col("institution_type").is_in(["乡镇卫生院", "社区卫生服务中心"]))["org_unit_id"].to_list()
    assert len(centres) >= 3
    assessments = pl.DataFrame({
        "institution_id": centres[:3], "year": [2024, 2024, 2024], "rating": ["社区医院", "推荐标准", "基本标准"],
    })
    recommended = indicators.health_centre_standard_share(assessments, reference, 2024, level="county").filter(
        pl.col("org_unit_id") == "130633")
    assert recommended.select("numerator", "denominator").row(0) == (2, len(centres))
    basic = indicators.health_centre_standard_share(assessments, reference, 2024, level="county", at_least="基本标准")
    assert basic.filter(pl.col("org_unit_id") == "130633")["numerator"].item() == 3


def test_report_ratios(reference):
    thc = reference.institutions.filter(pl.col("institution_type") == "乡镇卫生院").row(0, named=True)
    lead = reference.institutions.filter(
        pl.col("is_consortium_lead") & (pl.col("county_id") == thc["county_id"])).row(0, named=True)
    reports = pl.DataFrame({
        "institution_id": [thc["org_unit_id"], lead["org_unit_id"]],
        "visits": [600, 400], "visits_county_residents": [590, 300], "visits_subordinate_units": [100, None],
        "visits_out_of_county": [None, 110], "opd_slots_total": [None, 1000], "opd_slots_to_members": [None, 250],
        "hypertension_registered": [300, None], "hypertension_managed": [210, None],
        "diabetes_registered": [100, None], "diabetes_managed": [50, None], "village_doctors": [7, None],
        "shared_lab_uses": [3, None], "shared_ecg_uses": [0, None], "shared_imaging_uses": [0, None],
    })
    def value(name: str) -> tuple:
        row = indicators.report_ratio(reports, reference, name, level="county").filter(pl.col("org_unit_id") == thc["county_id"])
        return row.select("numerator", "denominator").row(0)
    assert value("opd_slots_to_members_share") == (250, 1000)
    assert value("primary_visit_share") == (700, 1100)  # the centre's 600 plus its villages' 100, of all 1100
    assert value("county_visit_rate") == (990, 1100)
    assert value("chronic_mgmt_rate") == (260, 400)
    centres = reference.institutions.filter(
        (pl.col("county_id") == thc["county_id"]) & pl.col("institution_type").is_in(["乡镇卫生院", "社区卫生服务中心"]))
    assert value("shared_center_coverage") == (1, centres.height)  # centres that did not report count as not using
    rural = reference.township_population.filter(pl.col("township_id").str.starts_with(thc["county_id"]))["rural_population"].sum()
    assert value("village_doctor_density") == (7, rural)


def test_factors_match_the_indicator_catalogue():
    catalogue = pl.read_csv(REFERENCE_DIR / "indicators.csv")
    factors = dict(catalogue.select("indicator_code", "factor").iter_rows())
    assert factors["village_doctor_density"] == indicators.PER_THOUSAND
    assert {factor for code, factor in factors.items() if code != "village_doctor_density"} == {indicators.PERCENT}
