{#- How far each target is from being met: one row per target × bound org unit × month,
    from the plan's start month through the deadline and on to the latest month with data
    (standards and open-ended targets: to the latest month with data). Targets that bind
    nothing or map to no monitored indicator keep one row (their plan's start month) with
    status 无数据. Rules, bands and the incremental design: docs/attainment.md.

    Incremental: the pre-hook deletes the rows to recompute (changed schedules; the months
    from the lookback on) and this query appends, per schedule, every month after the last
    stored row, chaining status_since_month from that row. A full build runs the same query
    with nothing stored. -#}
{#- incremental, delete+insert on attainment_key with the pre-hook
    attainment_delete_rows_to_recompute() on DuckDB; rebuilt as a table on Spark, whose
    Parquet tables cannot delete rows (macros/cross_db/incremental_configs.sql). -#}
{{ config(**attainment_incremental_config()) }}

{%- set trend_window = attainment_setting('trend_window_months') | int -%}
{%- set trend_min_points = attainment_setting('trend_min_points') | int -%}
{%- set projection_horizon = attainment_setting('projection_horizon_months') | int %}

with

schedules as (

    select * from {{ ref('int_attainment_schedules') }}

),

periods as (

    select * from {{ ref('dim_periods') }}

),

actuals as (

    select * from {{ ref('fct_indicator_actuals') }}

),

{% if is_incremental() -%}
stored_rows as (

    select * from {{ this }}

),

{# only rows of schedules whose fingerprint is still current count as stored (the
   pre-hook has deleted the others already; this keeps the query right on its own) #}
stored_progress as (

    select
        stored_rows.target_id,
        coalesce(stored_rows.org_unit_id, '-') as org_unit_key,
        stored_rows.schedule_fingerprint,
        max(stored_rows.period_month) as last_stored_month
    from stored_rows
    inner join schedules
        on stored_rows.target_id = schedules.target_id
        and coalesce(stored_rows.org_unit_id, '-') = coalesce(schedules.org_unit_id, '-')
        and stored_rows.schedule_fingerprint = schedules.schedule_fingerprint
    group by
        stored_rows.target_id,
        coalesce(stored_rows.org_unit_id, '-'),
        stored_rows.schedule_fingerprint

),

stored_last_rows as (

    select
        stored_rows.target_id,
        stored_progress.org_unit_key,
        stored_rows.period_month,
        stored_rows.status_code,
        stored_rows.status_since_month
    from stored_rows
    inner join stored_progress
        on stored_rows.target_id = stored_progress.target_id
        and coalesce(stored_rows.org_unit_id, '-') = stored_progress.org_unit_key
        and stored_rows.schedule_fingerprint = stored_progress.schedule_fingerprint
        and stored_rows.period_month = stored_progress.last_stored_month

),

{% endif -%}

schedules_to_compute as (

    select
        schedules.*,
        coalesce(schedules.org_unit_id, '-') as org_unit_key,
        {% if is_incremental() -%}
        stored_progress.last_stored_month
        {%- else -%}
        cast(null as date) as last_stored_month
        {%- endif %}
    from schedules
    {% if is_incremental() -%}
    left join stored_progress
        on schedules.target_id = stored_progress.target_id
        and coalesce(schedules.org_unit_id, '-') = stored_progress.org_unit_key
        and schedules.schedule_fingerprint = stored_progress.schedule_fingerprint
    {%- endif %}

),

schedule_months as (

    select
        schedules_to_compute.*,
        periods.period_month
    from schedules_to_compute
    inner join periods
        on periods.period_month >= schedules_to_compute.plan_start_month
        and periods.period_month <= schedules_to_compute.evaluation_end_month
    where schedules_to_compute.last_stored_month is null
        or periods.period_month > schedules_to_compute.last_stored_month

),

measured as (

    select
        schedule_months.*,
        actuals.numerator,
        actuals.denominator,
        actuals.actual_value
    from schedule_months
    left join actuals
        on schedule_months.is_evaluated
        and schedule_months.org_unit_id = actuals.org_unit_id
        and schedule_months.indicator_code = actuals.indicator_code
        and schedule_months.period_month = actuals.period_month

),

{# the trend: least-squares slope of the actual over the window ending with the month,
    x = months relative to the month (-5 … 0), computed once per unit × indicator × month #}
trend_months as (

    select distinct
        measured.org_unit_id,
        measured.indicator_code,
        measured.period_month
    from measured
    where measured.actual_value is not null

),

trend_points as (

    select
        trend_months.org_unit_id,
        trend_months.indicator_code,
        trend_months.period_month,
        {{ attainment_months_between('trend_months.period_month', 'actuals.period_month') }} as x,
        {# exact decimals, so the sums do not depend on the order the engine adds them
           in and a full and an incremental build give the very same slope #}
        cast(actuals.actual_value as {{ dbt.type_numeric() }}) as y
    from trend_months
    inner join actuals
        on trend_months.org_unit_id = actuals.org_unit_id
        and trend_months.indicator_code = actuals.indicator_code
        and actuals.period_month <= trend_months.period_month
        and actuals.period_month > {{ attainment_add_months(-trend_window, 'trend_months.period_month') }}
        and actuals.actual_value is not null

),

trend_sums as (

    select
        org_unit_id,
        indicator_code,
        period_month,
        count(*) as point_count,
        sum(x) as sum_x,
        sum(y) as sum_y,
        sum(x * y) as sum_xy,
        sum(x * x) as sum_xx
    from trend_points
    group by org_unit_id, indicator_code, period_month

),

trends as (

    select
        org_unit_id,
        indicator_code,
        period_month,
        point_count,
        case
            when point_count >= {{ trend_min_points }}
                and point_count * sum_xx - sum_x * sum_x <> 0
                then cast(point_count * sum_xy - sum_x * sum_y as {{ attainment_type_double() }})
                    / cast(point_count * sum_xx - sum_x * sum_x as {{ attainment_type_double() }})
        end as trend_per_month
    from trend_sums

),

with_trend as (

    select
        measured.*,
        trends.point_count as trend_point_count,
        trends.trend_per_month
    from measured
    left join trends
        on measured.org_unit_id = trends.org_unit_id
        and measured.indicator_code = trends.indicator_code
        and measured.period_month = trends.period_month

),

{# the straight path runs from the baseline (at the baseline month) to the goal (at the
    deadline month); it exists when there is a baseline before the deadline that does not
    already meet the goal #}
paths as (

    select
        with_trend.*,
        with_trend.deadline_month is not null
            and with_trend.baseline_month is not null
            and with_trend.baseline_month < with_trend.deadline_month
            and with_trend.goal_direction * (with_trend.goal_value - with_trend.baseline_value) > 0
            as has_path,
        {{ attainment_months_between('with_trend.baseline_month', 'with_trend.deadline_month') }} as path_months,
        {{ attainment_months_between('with_trend.baseline_month', 'with_trend.period_month') }} as months_since_baseline,
        {{ attainment_months_between('with_trend.period_month', 'with_trend.deadline_month') }} as months_to_deadline,
        with_trend.deadline_month is not null
            and with_trend.period_month > with_trend.deadline_month as is_past_deadline
    from with_trend

),

expectations as (

    select
        paths.*,
        case
            when not paths.is_evaluated then null
            when paths.is_open_ended then paths.goal_value
            when paths.baseline_month is null or paths.period_month < paths.baseline_month then null
            when not paths.has_path or paths.period_month >= paths.deadline_month then paths.goal_value
            else paths.baseline_value
                + (paths.goal_value - paths.baseline_value) * paths.months_since_baseline
                / cast(paths.path_months as {{ attainment_type_double() }})
        end as expected_value,
        case
            when paths.comparator = 'between'
                then greatest(paths.target_value - paths.actual_value, paths.actual_value - paths.target_value_max)
            else paths.goal_direction * (paths.goal_value - paths.actual_value)
        end as gap_to_target
    from paths

),

measures as (

    select
        expectations.*,
        expectations.goal_direction * (expectations.expected_value - expectations.actual_value) as gap_to_expected,
        expectations.gap_to_target <= 0 as is_met,
        case
            when expectations.actual_value is null then null
            when expectations.goal_direction = 1
                then 100 * expectations.actual_value / nullif(expectations.goal_value, 0)
            else 100 * expectations.goal_value / nullif(expectations.actual_value, 0)
        end as attainment_pct,
        case
            when expectations.actual_value is not null
                then expectations.trend_per_month
        end as current_trend_per_month,
        case
            when expectations.actual_value is not null and expectations.has_path
                then expectations.months_since_baseline
                    - least(
                        (expectations.actual_value - expectations.baseline_value) * expectations.path_months
                        / (expectations.goal_value - expectations.baseline_value),
                        expectations.path_months
                    )
        end as months_of_path_behind,
        case
            when expectations.actual_value is not null and expectations.trend_per_month <> 0
                then (expectations.goal_value - expectations.actual_value) / expectations.trend_per_month
        end as months_to_goal_at_trend
    from expectations

),

projections as (

    select
        measures.*,
        case
            when measures.actual_value is null or measures.is_met then null
            when measures.months_to_goal_at_trend is null or measures.months_to_goal_at_trend <= 0 then null
            when measures.months_to_goal_at_trend > {{ projection_horizon }} then null
            else {{ attainment_add_months(
                'cast(ceil(measures.months_to_goal_at_trend) as ' ~ dbt.type_int() ~ ')',
                'measures.period_month'
            ) }}
        end as projected_attainment_month,
        case
            when measures.actual_value is null then null
            when measures.is_met then 0
            when measures.deadline_month is null or measures.months_to_deadline <= 0 then null
            else (measures.goal_value - measures.actual_value)
                / cast(measures.months_to_deadline as {{ attainment_type_double() }})
        end as required_change_per_month,
        {# months of planned progress the actual is short of: months elapsed since the
            baseline minus the months of path the actual has covered (at most the whole
            path, so a target met early counts as ahead by the months left to the
            deadline); never positive once the target is met #}
        case
            when measures.actual_value is null or not measures.has_path then null
            when measures.is_met then least(0, measures.months_of_path_behind)
            else measures.months_of_path_behind
        end as months_behind
    from measures

),

statuses as (

    select
        projections.*,
        {{ attainment_status_code(
            actual='projections.actual_value',
            gap_to_target='projections.gap_to_target',
            gap_to_expected='projections.gap_to_expected',
            expected='projections.expected_value',
            goal='projections.goal_value',
            is_open_ended='projections.is_open_ended',
            is_past_deadline='projections.is_past_deadline',
        ) }} as status_code
    from projections

),

{# which of the targets competing for an indicator at a unit binds in a month: never a
    superseded one; then one not yet past its deadline; then the issuer closest to the
    unit; then the stricter target; then the later issued; then target_id #}
binding_ranks as (

    select
        statuses.target_id,
        statuses.org_unit_key,
        statuses.period_month,
        row_number() over (
            partition by statuses.indicator_code, statuses.org_unit_id, statuses.period_month
            order by
                case when statuses.is_past_deadline then 1 else 0 end,
                statuses.issuer_level_rank desc,
                statuses.strictness_score desc,
                coalesce(statuses.issued_date, cast('1900-01-01' as date)) desc,
                statuses.target_id
        ) as binding_rank
    from statuses
    where statuses.is_evaluated
        and not statuses.is_superseded

),

run_sequence as (

    select
        statuses.target_id,
        statuses.org_unit_key,
        statuses.period_month,
        statuses.status_code,
        cast(null as date) as stored_status_since_month,
        0 as is_stored
    from statuses
    {% if is_incremental() -%}
    union all
    select
        stored_last_rows.target_id,
        stored_last_rows.org_unit_key,
        stored_last_rows.period_month,
        stored_last_rows.status_code,
        stored_last_rows.status_since_month as stored_status_since_month,
        1 as is_stored
    from stored_last_rows
    {%- endif %}

),

run_starts as (

    select
        run_sequence.*,
        case
            when run_sequence.is_stored = 1 then run_sequence.stored_status_since_month
            when lag(run_sequence.status_code) over (
                partition by run_sequence.target_id, run_sequence.org_unit_key
                order by run_sequence.period_month
            ) is null then run_sequence.period_month
            when lag(run_sequence.status_code) over (
                partition by run_sequence.target_id, run_sequence.org_unit_key
                order by run_sequence.period_month
            ) <> run_sequence.status_code then run_sequence.period_month
        end as run_start_month
    from run_sequence

),

runs as (

    select
        run_starts.target_id,
        run_starts.org_unit_key,
        run_starts.period_month,
        run_starts.is_stored,
        max(run_starts.run_start_month) over (
            partition by run_starts.target_id, run_starts.org_unit_key
            order by run_starts.period_month
            rows between unbounded preceding and current row
        ) as status_since_month
    from run_starts

),

computed_runs as (

    select
        runs.target_id,
        runs.org_unit_key,
        runs.period_month,
        runs.status_since_month
    from runs
    where runs.is_stored = 0

),

final as (

    select
        {{ dbt.concat([
            'statuses.target_id', "'|'", 'statuses.org_unit_key', "'|'",
            'cast(statuses.period_month as ' ~ dbt.type_string() ~ ')'
        ]) }} as attainment_key,
        statuses.target_id,
        statuses.org_unit_id,
        statuses.period_month,
        statuses.document_id,
        statuses.target_kind,
        statuses.indicator_code,
        statuses.is_monitored,
        statuses.is_bound,
        statuses.unbound_reason,
        statuses.binding_method,
        statuses.is_aspirational,
        statuses.is_superseded,
        case
            when not statuses.is_bound or statuses.is_superseded then false
            when not statuses.is_monitored then true
            else coalesce(binding_ranks.binding_rank = 1, false)
        end as is_binding,
        binding_ranks.binding_rank,
        statuses.comparator,
        statuses.target_value,
        statuses.target_value_max,
        statuses.unit,
        statuses.goal_value,
        statuses.plan_start_month,
        statuses.deadline_month,
        statuses.is_past_deadline,
        statuses.latest_data_month is null
            or statuses.period_month > statuses.latest_data_month as is_after_latest_data,
        statuses.actual_value,
        statuses.numerator,
        statuses.denominator,
        statuses.baseline_value,
        statuses.baseline_month,
        statuses.expected_value,
        statuses.gap_to_target,
        statuses.gap_to_expected,
        statuses.attainment_pct,
        statuses.current_trend_per_month as trend_per_month,
        statuses.trend_point_count,
        statuses.projected_attainment_month,
        statuses.required_change_per_month,
        statuses.months_behind,
        statuses.status_code,
        {{ attainment_status_label('statuses.status_code') }} as status,
        computed_runs.status_since_month,
        statuses.schedule_fingerprint
    from statuses
    inner join computed_runs
        on statuses.target_id = computed_runs.target_id
        and statuses.org_unit_key = computed_runs.org_unit_key
        and statuses.period_month = computed_runs.period_month
    left join binding_ranks
        on statuses.target_id = binding_ranks.target_id
        and statuses.org_unit_key = binding_ranks.org_unit_key
        and statuses.period_month = binding_ranks.period_month

)

select * from final
