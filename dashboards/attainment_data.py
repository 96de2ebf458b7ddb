"""Queries behind the scorecard, the drill-down and the indicator pages' headline figures.

Plain functions of (region, month, indicator) returning DataFrames, so the pages and the
benchmark (dashboards/page_data.py) fetch the same data. Callers pass only regions already
checked against the session's scope (dashboards/context.py); every value is a bound
parameter. Rates come from fct_indicator_actuals (Σnumerator ÷ Σdenominator), never averaged.
"""

from __future__ import annotations

import pandas as pd

from dashboards import warehouse
from dashboards.regions import in_subtree
from dashboards.status import NO_TARGET, NOT_ASSESSED, SEVERITY

# The binding target's row for every unit of the region's subtree bound to one this month.
_BINDING_ROWS = f"""
    select attainment.*, units.org_unit_name, units.org_level, units.full_path,
           attainment.org_unit_id = ? as is_region_itself,
           case attainment.status_code when 'off_track' then 0 when 'at_risk' then 1 when 'no_data' then 2
               when 'on_track' then 3 else 4 end as severity,
           100.0 * attainment.gap_to_expected / nullif(abs(attainment.expected_value), 0) as shortfall_pct
    from marts.fct_target_attainment as attainment
    inner join marts.dim_org_units as units on attainment.org_unit_id = units.org_unit_id
    where {in_subtree('units')} and attainment.period_month = ?
        and attainment.is_binding and attainment.is_monitored
"""


def previous_month(period_month) -> pd.Timestamp:
    return pd.Timestamp(period_month) - pd.DateOffset(months=1)


def indicators() -> pd.DataFrame:
    return warehouse.query(
        """
        select indicator_code, indicator_name_zh, indicator_family, unit, direction, aggregation,
               numerator_definition, denominator_definition
        from marts.dim_indicators order by indicator_family, indicator_code
        """
    )


def scorecard(region_id: str, period_month) -> pd.DataFrame:
    """One row per indicator: the region's actual and trend, the binding target, its status, n of N bound units on track.

    The headline target and status are the region's own binding target when it has one;
    otherwise the worst bound unit below it (a 每个县 target bound to each county), so a
    lagging county is never hidden behind a city with no target of its own.
    """
    period = pd.Timestamp(period_month).date()
    frame = warehouse.query(
        f"""
        with binding as ({_BINDING_ROWS}),
        counts as (
            select indicator_code, count(*) as bound_units,
                   sum(case when status_code in ('met', 'on_track') then 1 else 0 end) as units_on_track,
                   sum(case when status_code = 'no_data' then 1 else 0 end) as units_without_data
            from binding group by indicator_code
        ),
        headline as (
            select *, row_number() over (
                partition by indicator_code
                order by is_region_itself desc, severity, shortfall_pct desc nulls last, org_unit_id, target_id
            ) as headline_rank
            from binding
        ),
        actuals as (
            select indicator_code,
                   max(case when period_month = ? then actual_value end) as region_actual,
                   max(case when period_month = ? then actual_value end) as previous_actual
            from marts.fct_indicator_actuals
            where org_unit_id = ? and period_month in (?, ?)
            group by indicator_code
        )
        select indicators.indicator_code, indicators.indicator_name_zh, indicators.indicator_family,
               indicators.unit as indicator_unit, indicators.direction,
               actuals.region_actual, actuals.previous_actual,
               coalesce(counts.bound_units, 0) as bound_units, coalesce(counts.units_on_track, 0) as units_on_track,
               coalesce(counts.units_without_data, 0) as units_without_data,
               headline.is_region_itself, headline.org_unit_id as headline_org_unit_id,
               headline.org_unit_name as headline_org_unit_name, headline.target_id, headline.comparator,
               headline.target_value, headline.target_value_max, headline.unit as target_unit, headline.goal_value,
               headline.deadline_month, headline.actual_value as headline_actual, headline.expected_value,
               headline.gap_to_target, headline.gap_to_expected, headline.shortfall_pct, headline.attainment_pct,
               headline.months_behind, headline.status, headline.status_since_month, headline.is_aspirational,
               targets.document_id, coalesce(targets.document_number, documents.document_title, targets.document_id) as document_label,
               targets.issuer, targets.quote
        from marts.dim_indicators as indicators
        left join counts on indicators.indicator_code = counts.indicator_code
        left join headline on indicators.indicator_code = headline.indicator_code and headline.headline_rank = 1
        left join actuals on indicators.indicator_code = actuals.indicator_code
        left join marts.fct_policy_targets as targets on headline.target_id = targets.target_id
        left join marts.dim_documents as documents on targets.document_id = documents.document_id
        """,
        (region_id, region_id, period, period, previous_month(period).date(), region_id, period, previous_month(period).date()),
    )
    frame["status"] = frame["status"].fillna(NO_TARGET)
    frame["severity"] = frame["status"].map(SEVERITY)
    # Worst gaps first: by band, then by how far behind the path (in % of where it should be).
    return frame.sort_values(["severity", "shortfall_pct", "indicator_code"], ascending=[True, False, True], na_position="last").reset_index(drop=True)


def bound_units(region_id: str, period_month, indicator_code: str) -> pd.DataFrame:
    """Every unit of the region bound to a target of the indicator this month, worst first."""
    period = pd.Timestamp(period_month).date()
    return warehouse.query(
        f"""
        with binding as ({_BINDING_ROWS})
        select org_unit_id, org_unit_name, org_level, full_path, target_id, comparator, target_value, target_value_max,
               unit, deadline_month, actual_value, expected_value, gap_to_target, gap_to_expected, shortfall_pct,
               months_behind, status, status_since_month
        from binding where indicator_code = ?
        order by severity, shortfall_pct desc nulls last, org_unit_id
        """,
        (region_id, region_id, period, indicator_code),
    )


def applicable_target(unit_id: str, period_month, indicator_code: str) -> pd.Series | None:
    """The binding target of the unit itself, else of its nearest ancestor: the yardstick for its children."""
    frame = warehouse.query(
        """
        select attainment.org_unit_id, units.org_unit_name, attainment.target_id, attainment.comparator,
               attainment.goal_value, attainment.target_value, attainment.target_value_max, attainment.unit,
               attainment.deadline_month
        from marts.fct_target_attainment as attainment
        inner join marts.dim_org_units as units on attainment.org_unit_id = units.org_unit_id
        inner join marts.dim_org_units as unit on unit.org_unit_id = ?
        where attainment.period_month = ? and attainment.indicator_code = ? and attainment.is_binding
            and attainment.is_monitored
            and attainment.org_unit_id in (unit.org_unit_id, unit.township_id, unit.county_id, unit.city_id, unit.province_id)
        order by units.org_level_rank desc
        limit 1
        """,
        (unit_id, pd.Timestamp(period_month).date(), indicator_code),
    )
    return None if frame.empty else frame.iloc[0]


def child_ranking(unit_id: str, period_month, indicator_code: str) -> pd.DataFrame:
    """The unit's children, lagging first: actual, status, gap, months behind, n of N bound units on track.

    A child's status is its own binding target's, else that of the worst bound unit inside
    it (a city whose counties each carry a target). Its gap is measured against its own
    target, else against the target that applies to the unit (`applicable_target`), so a
    manager still sees which child drags a 全市 target down.
    """
    period = pd.Timestamp(period_month).date()
    frame = warehouse.query(
        """
        with children as (
            select org_unit_id, org_unit_name, org_level, institution_type
            from marts.dim_org_units where parent_org_unit_id = ?
        ),
        binding as (
            select children.org_unit_id as child_id, attainment.org_unit_id = children.org_unit_id as is_child_itself,
                   units.org_unit_name as bound_unit_name, attainment.target_id, attainment.comparator,
                   attainment.goal_value, attainment.gap_to_target, attainment.months_behind, attainment.status,
                   attainment.status_code, attainment.status_since_month,
                   case attainment.status_code when 'off_track' then 0 when 'at_risk' then 1 when 'no_data' then 2
                       when 'on_track' then 3 else 4 end as severity,
                   attainment.gap_to_expected / nullif(abs(attainment.expected_value), 0) as shortfall
            from marts.fct_target_attainment as attainment
            inner join marts.dim_org_units as units on attainment.org_unit_id = units.org_unit_id
            inner join children
                on children.org_unit_id in (units.org_unit_id, units.province_id, units.city_id, units.county_id, units.township_id)
            where attainment.period_month = ? and attainment.indicator_code = ? and attainment.is_binding and attainment.is_monitored
        ),
        ranked as (
            select *,
                   row_number() over (partition by child_id order by is_child_itself desc, severity, shortfall desc nulls last, target_id) as child_rank,
                   count(*) over (partition by child_id) as bound_units,
                   sum(case when status_code in ('met', 'on_track') then 1 else 0 end) over (partition by child_id) as units_on_track
            from binding
        )
        select children.org_unit_id, children.org_unit_name, children.org_level, children.institution_type,
               actuals.actual_value, actuals.numerator, actuals.denominator, previous.actual_value as previous_actual,
               ranked.is_child_itself, ranked.bound_unit_name, ranked.target_id, ranked.comparator as own_comparator,
               ranked.goal_value as own_goal_value, ranked.gap_to_target as own_gap_to_target,
               ranked.months_behind, ranked.status, ranked.status_since_month,
               coalesce(ranked.bound_units, 0) as bound_units, coalesce(ranked.units_on_track, 0) as units_on_track
        from children
        left join marts.fct_indicator_actuals as actuals
            on actuals.org_unit_id = children.org_unit_id and actuals.period_month = ? and actuals.indicator_code = ?
        left join marts.fct_indicator_actuals as previous
            on previous.org_unit_id = children.org_unit_id and previous.period_month = ? and previous.indicator_code = ?
        left join ranked on ranked.child_id = children.org_unit_id and ranked.child_rank = 1
        """,
        (unit_id, period, indicator_code, period, indicator_code, previous_month(period).date(), indicator_code),
    )
    # Only units that measure the indicator or are bound to it (a village clinic has no recognition events).
    frame = frame[frame["actual_value"].notna() | frame["target_id"].notna()].copy()
    own = frame["is_child_itself"].fillna(False).astype(bool)
    yardstick = applicable_target(unit_id, period, indicator_code)
    goal = frame["own_goal_value"].where(own)
    comparator = frame["own_comparator"].where(own)
    if yardstick is not None:
        goal = goal.fillna(yardstick["goal_value"])
        comparator = comparator.fillna(yardstick["comparator"])
    heading_down = comparator == "<="
    frame["goal_value"] = goal
    measured_gap = (goal - frame["actual_value"]).where(~heading_down, frame["actual_value"] - goal)
    frame["gap_to_target"] = frame["own_gap_to_target"].where(own, measured_gap)
    frame["months_behind"] = frame["months_behind"].where(own)
    frame["assessed_as"] = [
        "本级目标" if is_own else (f"下级最差：{name}" if isinstance(name, str) else ("上级目标" if yardstick is not None else ""))
        for is_own, name in zip(own, frame["bound_unit_name"])
    ]
    fallback = pd.Series(NOT_ASSESSED if yardstick is not None else NO_TARGET, index=frame.index)
    frame["status"] = frame["status"].fillna(fallback.where(frame["actual_value"].notna(), "无数据"))
    frame["severity"] = frame["status"].map(SEVERITY)
    return frame.sort_values(["severity", "gap_to_target", "org_unit_id"], ascending=[True, False, True], na_position="last").reset_index(drop=True)


def actual_series(unit_id: str, indicator_code: str) -> pd.DataFrame:
    return warehouse.query(
        """
        select period_month, actual_value, numerator, denominator
        from marts.fct_indicator_actuals where org_unit_id = ? and indicator_code = ? order by period_month
        """,
        (unit_id, indicator_code),
    )


def target_path(unit_id: str, indicator_code: str, period_month) -> pd.DataFrame:
    """The planned path of the target binding the unit in the chosen month, to its deadline."""
    return warehouse.query(
        """
        with chosen as (
            select target_id from marts.fct_target_attainment
            where org_unit_id = ? and indicator_code = ? and period_month = ? and is_binding and is_monitored
        )
        select attainment.period_month, attainment.expected_value, attainment.goal_value, attainment.deadline_month,
               attainment.target_id, attainment.status
        from marts.fct_target_attainment as attainment
        inner join chosen on attainment.target_id = chosen.target_id
        where attainment.org_unit_id = ?
        order by attainment.period_month
        """,
        (unit_id, indicator_code, pd.Timestamp(period_month).date(), unit_id),
    )


def status_counts(region_id: str, period_month) -> pd.DataFrame:
    """Per indicator and status, how many bound units of the region are in it this month."""
    return warehouse.query(
        f"""
        with binding as ({_BINDING_ROWS})
        select indicator_code, status, count(*) as units from binding group by indicator_code, status
        """,
        (region_id, region_id, pd.Timestamp(period_month).date()),
    )
