"""Queries behind the indicator families' breakdowns and the reporting completeness.

Like dashboards/attainment_data.py: plain functions of an already scope-checked region and
a month, every value bound as a parameter, reading the marts built for them
(dbt_project/models/marts/dashboards).
"""

from __future__ import annotations

import pandas as pd

from dashboards import warehouse
from dashboards.regions import in_subtree


def _month(period_month):
    return pd.Timestamp(period_month).date()


def signing_by_key_population(region_id: str, period_month) -> pd.DataFrame:
    return warehouse.query(
        """
        select population_group_name, signed_residents, group_population, signing_rate_pct
        from marts.fct_signing_by_key_population
        where org_unit_id = ? and period_month = ?
        order by population_group_order
        """,
        (region_id, _month(period_month)),
    )


def recognition_by_item_class(region_id: str, period_month) -> pd.DataFrame:
    return warehouse.query(
        """
        select item_class, eligible_results, recognised_results, repeated_results, recognition_rate_pct
        from marts.fct_mutual_recognition_by_item_class
        where org_unit_id = ? and period_month = ?
        order by eligible_results desc
        """,
        (region_id, _month(period_month)),
    )


def recognition_trend_by_item_class(region_id: str) -> pd.DataFrame:
    return warehouse.query(
        """
        select period_month, item_class, recognition_rate_pct
        from marts.fct_mutual_recognition_by_item_class
        where org_unit_id = ? order by period_month, item_class
        """,
        (region_id,),
    )


def rating_levels(region_id: str, rating_year: int) -> pd.DataFrame:
    """How many 乡镇卫生院 / 社区卫生服务中心 of the region are at each 优质服务基层行 level."""
    return warehouse.query(
        f"""
        select ratings.rating, ratings.institution_type, count(*) as institutions
        from marts.fct_health_centre_ratings as ratings
        where {in_subtree('ratings')} and ratings.rating_year = ?
        group by ratings.rating, ratings.institution_type
        """,
        (region_id, rating_year),
    )


def centres_below_standard(region_id: str, rating_year: int) -> pd.DataFrame:
    return warehouse.query(
        f"""
        select ratings.full_path, ratings.org_unit_name, ratings.institution_type, ratings.rating,
               ratings.assessment_year, ratings.basic_standard_score, ratings.recommended_standard_score
        from marts.fct_health_centre_ratings as ratings
        where {in_subtree('ratings')} and ratings.rating_year = ? and ratings.is_below_basic_standard
        order by ratings.full_path
        """,
        (region_id, rating_year),
    )


def reporting_by_child(region_id: str, period_from, period_to) -> pd.DataFrame:
    """Expected vs received monthly reports per child unit of the region over a span of months."""
    return warehouse.query(
        """
        with region as (select org_level_rank from marts.dim_org_units where org_unit_id = ?),
        children as (
            select units.org_unit_id, units.org_unit_name, units.org_level
            from marts.dim_org_units as units where units.parent_org_unit_id = ?
        )
        select children.org_unit_name, children.org_level,
               count(*) as reports_expected,
               sum(case when completeness.is_received then 1 else 0 end) as reports_received
        from marts.fct_reporting_completeness as completeness
        inner join children
            on children.org_unit_id in (completeness.org_unit_id, completeness.township_id, completeness.county_id,
                                        completeness.city_id, completeness.province_id)
        where completeness.period_month between ? and ?
        group by children.org_unit_name, children.org_level
        order by sum(case when completeness.is_received then 1 else 0 end) * 1.0 / count(*), children.org_unit_name
        """,
        (region_id, region_id, _month(period_from), _month(period_to)),
    )


def missing_reports(region_id: str, period_from, period_to) -> pd.DataFrame:
    """Institution × month reports expected but not received, most gaps first."""
    return warehouse.query(
        f"""
        select completeness.full_path, completeness.org_unit_name, completeness.institution_type,
               count(*) as months_missing,
               string_agg(strftime(completeness.period_month, '%Y-%m'), '、' order by completeness.period_month) as missing_months
        from marts.fct_reporting_completeness as completeness
        where {in_subtree('completeness')} and completeness.period_month between ? and ? and not completeness.is_received
        group by completeness.full_path, completeness.org_unit_name, completeness.institution_type
        order by months_missing desc, completeness.full_path
        """,
        (region_id, _month(period_from), _month(period_to)),
    )


def reporting_totals(region_id: str, period_from, period_to) -> pd.Series:
    return warehouse.query(
        f"""
        select count(*) as reports_expected,
               coalesce(sum(case when completeness.is_received then 1 else 0 end), 0) as reports_received
        from marts.fct_reporting_completeness as completeness
        where {in_subtree('completeness')} and completeness.period_month between ? and ?
        """,
        (region_id, _month(period_from), _month(period_to)),
    ).iloc[0]


def latest_month_per_feed() -> pd.DataFrame:
    """Freshness: the newest month each feed has accepted rows for."""
    return warehouse.query(
        """
        select feed_name, max(file_period) as latest_period, max(delivered_on) as latest_delivery
        from marts.feed_load_audit where rows_accepted > 0
        group by feed_name order by feed_name
        """
    )
