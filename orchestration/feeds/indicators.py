"""Indicator arithmetic on loaded feeds: the executable definition the dbt marts must match.

Each function takes current (correction-resolved) accepted rows and returns, per org unit
of the requested level, `numerator`, `denominator` and `value` = numerator ÷ denominator ×
factor (factors as in raw/reference/indicators.csv). Rates go up the hierarchy as Σ numerator
÷ Σ denominator, never as an average of rates; denominators that come from reference data
(population, all health centres) count every unit, reported or not.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from orchestration.feeds.reference import HEALTH_CENTRE_TYPES, PRIMARY_CARE_TYPES, Reference
from orchestration.feeds.specs import KEY_POPULATION_COLUMNS, RATINGS

LEVELS = ("institution", "township", "county", "city", "province")
PERCENT = 100
PER_THOUSAND = 1000


def signing_coverage(contracts: pl.DataFrame, reference: Reference, as_of: date, level: str = "county",
                     *, key_population: bool = False) -> pl.DataFrame:
    """fd_signing_rate (or fd_key_pop_signing_rate): residents with a contract in force on
    `as_of` ÷ residents. A resident holding two contracts counts once; a resident belongs to
    the township the first 9 digits of the 健康档案号 name."""
    active = contracts.filter((pl.col("start_date") <= as_of) & (pl.col("end_date") >= as_of))
    if key_population:
        active = active.filter(pl.any_horizontal(column.name for column in KEY_POPULATION_COLUMNS))
    signed = active.group_by(pl.col("resident_id").str.slice(0, 9).alias("org_unit_id")).agg(
        pl.col("resident_id").n_unique().alias("numerator")
    )
    population = reference.township_population.select(
        pl.col("township_id").alias("org_unit_id"),
        pl.col("key_population" if key_population else "resident_population").alias("denominator"),
    )
    parts = population.join(signed, on="org_unit_id", how="left").with_columns(pl.col("numerator").fill_null(0))
    return _aggregate(parts, reference, level, PERCENT)


def mutual_recognition_rate(events: pl.DataFrame, reference: Reference, level: str = "county") -> pl.DataFrame:
    """mutual_recognition_rate over the rows given (a flow: filter the period first):
    results recognised ÷ results for which another institution's earlier result existed."""
    eligible = events.filter(pl.col("has_prior_result"))
    parts = eligible.group_by(pl.col("institution_id").alias("org_unit_id")).agg(
        (pl.col("recognition_result") == "互认").sum().alias("numerator"), pl.len().alias("denominator")
    )
    return _aggregate(parts, reference, level, PERCENT)


def health_centre_standard_share(assessments: pl.DataFrame, reference: Reference, year: int, level: str = "county",
                                 *, at_least: str = "推荐标准") -> pl.DataFrame:
    """thc_basic_standard_share / thc_recommended_standard_share: 乡镇卫生院 and 社区卫生服务中心
    rated `at_least` or better in `year` ÷ all of them (unassessed ones count as not meeting it)."""
    centres = reference.institutions.filter(pl.col("institution_type").is_in(HEALTH_CENTRE_TYPES)).select("org_unit_id")
    rank = {rating: position for position, rating in enumerate(RATINGS)}
    meeting = assessments.filter(
        (pl.col("year") == year) & (pl.col("rating").replace_strict(rank, default=-1) >= rank[at_least])
    ).select(pl.col("institution_id").alias("org_unit_id"), pl.lit(1).alias("numerator"))
    parts = centres.join(meeting.unique(), on="org_unit_id", how="left").select(
        "org_unit_id", pl.col("numerator").fill_null(0), pl.lit(1).alias("denominator")
    )
    return _aggregate(parts, reference, level, PERCENT)


def report_ratio(reports: pl.DataFrame, reference: Reference, indicator: str, level: str = "county") -> pl.DataFrame:
    """The indicators of the monthly institution report, over the rows given. Flows (slots,
    visits) should be given the months of the period, snapshots (village doctors, chronic
    disease, shared centres) only its last month."""
    types = reference.institutions.select(pl.col("org_unit_id").alias("institution_id"), "institution_type")
    rows = reports.join(types, on="institution_id", how="left")
    primary = pl.col("institution_type").is_in(PRIMARY_CARE_TYPES)
    subordinate = pl.col("visits_subordinate_units").fill_null(0)
    match indicator:
        case "opd_slots_to_members_share":
            numerator, denominator = pl.col("opd_slots_to_members"), pl.col("opd_slots_total")
        case "primary_visit_share":
            # Village clinics and community stations report through their health centre.
            numerator = pl.when(primary).then(pl.col("visits")).otherwise(0) + subordinate
            denominator = pl.col("visits") + subordinate
        case "county_visit_rate":
            numerator = pl.col("visits_county_residents") + subordinate
            denominator = numerator + pl.col("visits_out_of_county").fill_null(0)
        case "village_doctor_density":
            return _village_doctor_density(rows, reference, level)
        case "chronic_mgmt_rate":
            numerator = pl.col("hypertension_managed") + pl.col("diabetes_managed")
            denominator = pl.col("hypertension_registered") + pl.col("diabetes_registered")
        case "shared_center_coverage":
            return _shared_center_coverage(rows, reference, level)
        case _:
            raise ValueError(f"not an indicator of the monthly report: {indicator}")
    parts = rows.select(
        pl.col("institution_id").alias("org_unit_id"), numerator.alias("numerator"), denominator.alias("denominator")
    ).drop_nulls()
    return _aggregate(parts, reference, level, PERCENT)


def _shared_center_coverage(rows: pl.DataFrame, reference: Reference, level: str) -> pl.DataFrame:
    """shared_center_coverage: member health centres that used a shared lab, ECG or imaging
    centre in the rows given ÷ all member health centres (reported or not)."""
    members = reference.institutions.filter(
        pl.col("institution_type").is_in(HEALTH_CENTRE_TYPES) & pl.col("consortium_id").is_not_null()
    ).select("org_unit_id")
    used = rows.filter(pl.sum_horizontal("shared_lab_uses", "shared_ecg_uses", "shared_imaging_uses") > 0).select(
        pl.col("institution_id").alias("org_unit_id"), pl.lit(1).alias("numerator")
    ).unique()
    parts = members.join(used, on="org_unit_id", how="left").select(
        "org_unit_id", pl.col("numerator").fill_null(0), pl.lit(1).alias("denominator")
    )
    return _aggregate(parts, reference, level, PERCENT)


def _village_doctor_density(rows: pl.DataFrame, reference: Reference, level: str) -> pl.DataFrame:
    """village_doctor_density: village doctors ÷ rural residents × 1000 (rural residents of
    every township, reported or not)."""
    doctors = rows.join(
        reference.institutions.select(pl.col("org_unit_id").alias("institution_id"), "township_id"), on="institution_id"
    ).group_by(pl.col("township_id").alias("org_unit_id")).agg(pl.col("village_doctors").sum().alias("numerator"))
    rural = reference.township_population.select(pl.col("township_id").alias("org_unit_id"), pl.col("rural_population").alias("denominator"))
    parts = rural.join(doctors, on="org_unit_id", how="left").with_columns(pl.col("numerator").fill_null(0))
    return _aggregate(parts, reference, level, PER_THOUSAND)


def _aggregate(parts: pl.DataFrame, reference: Reference, level: str, factor: int) -> pl.DataFrame:
    """Sum numerators and denominators of institutions or townships up to `level`."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    target = "org_unit_id" if level == "institution" else f"{level}_id"
    path = reference.org_units.select("org_unit_id", pl.col(target).alias("unit"))
    return (
        parts.join(path, on="org_unit_id")
        .group_by(pl.col("unit").alias("org_unit_id"))
        .agg(pl.col("numerator").sum(), pl.col("denominator").sum())
        .with_columns((pl.col("numerator") / pl.col("denominator") * factor).alias("value"))
        .sort("org_unit_id")
    )
