{#- The evaluation schedule of each target × bound org unit (one row per row of
    int_target_bindings): when evaluation starts and ends, the deadline, the baseline,
    the value the path heads for, what decides which of several conflicting targets binds,
    and a fingerprint of everything a month's row depends on apart from that month's own
    data — the incremental build of fct_target_attainment recomputes a schedule's whole
    history when its fingerprint changes.

    A table on every engine, unlike most intermediate models: nine tests and
    fct_target_attainment read it, and as a view each of them computed it, and the bindings
    under it, again (province: ~0.12 s a read). -#}
{{ config(materialized='table') }}

with

bindings as (

    select * from {{ ref('int_target_bindings') }}

),

targets as (

    select * from {{ ref('fct_policy_targets') }}

),

documents as (

    select * from {{ ref('dim_documents') }}

),

indicators as (

    select * from {{ ref('dim_indicators') }}

),

actuals as (

    select * from {{ ref('fct_indicator_actuals') }}

),

calendar as (

    select
        {{ attainment_calendar_month('start') }} as first_month,
        {{ attainment_calendar_month('end') }} as last_month

),

latest_data as (

    select max(period_month) as latest_data_month
    from actuals
    where actual_value is not null

),

{# a document is superseded when another document lists its 文号 among those it replaces
    (supersedes_document_numbers is '；'-separated) #}
superseded_documents as (

    select distinct
        superseded.document_id
    from documents as superseded
    inner join documents as superseding
        on superseding.document_id <> superseded.document_id
        and superseded.document_number is not null
        and {{ dbt.position(
            dbt.concat(["'；'", "superseded.document_number", "'；'"]),
            dbt.concat(["'；'", "coalesce(superseding.supersedes_document_numbers, '')", "'；'"])
        ) }} > 0

),

targets_dated as (

    select
        targets.target_id,
        targets.document_id,
        targets.target_kind,
        targets.indicator_code,
        targets.is_monitored,
        targets.comparator,
        targets.target_value,
        targets.target_value_max,
        targets.unit,
        targets.is_aspirational,
        coalesce(targets.issued_date, documents.published_date) as issued_date,
        case
            when targets.issued_date is not null then 'issued_date'
            when documents.published_date is not null then 'published_date'
            else 'calendar_start'
        end as plan_start_source,
        case
            when targets.target_kind = 'standard' then null
            else coalesce(targets.deadline_year, documents.plan_end_year)
        end as deadline_year,
        case
            when targets.target_kind = 'standard' then null
            when targets.deadline_year is not null then 'statement'
            when documents.plan_end_year is not null then 'plan_end_year'
        end as deadline_basis,
        coalesce({{ attainment_level_rank('documents.issuing_region_level') }}, -1) as issuer_level_rank,
        superseded_documents.document_id is not null as is_superseded,
        case
            when indicators.direction = 'lower_is_better' then -1
            else 1
        end as indicator_direction
    from targets
    inner join documents on targets.document_id = documents.document_id
    left join superseded_documents on targets.document_id = superseded_documents.document_id
    left join indicators on targets.indicator_code = indicators.indicator_code

),

targets_scheduled as (

    select
        targets_dated.*,
        case
            when targets_dated.issued_date is null then calendar.first_month
            when {{ attainment_month_start('targets_dated.issued_date') }} < calendar.first_month then calendar.first_month
            when {{ attainment_month_start('targets_dated.issued_date') }} > calendar.last_month then calendar.last_month
            else {{ attainment_month_start('targets_dated.issued_date') }}
        end as plan_start_month,
        case
            when targets_dated.deadline_year is not null
                then {{ attainment_december_of('targets_dated.deadline_year') }}
        end as deadline_month
    from targets_dated
    cross join calendar

),

bound_schedules as (

    select
        bindings.target_binding_key,
        bindings.target_id,
        bindings.org_unit_id,
        bindings.is_bound,
        bindings.unbound_reason,
        bindings.binding_method,
        targets_scheduled.document_id,
        targets_scheduled.target_kind,
        targets_scheduled.indicator_code,
        targets_scheduled.is_monitored,
        targets_scheduled.comparator,
        targets_scheduled.target_value,
        targets_scheduled.target_value_max,
        targets_scheduled.unit,
        targets_scheduled.is_aspirational,
        targets_scheduled.issued_date,
        targets_scheduled.plan_start_source,
        targets_scheduled.deadline_year,
        targets_scheduled.deadline_basis,
        targets_scheduled.issuer_level_rank,
        targets_scheduled.is_superseded,
        targets_scheduled.indicator_direction,
        targets_scheduled.plan_start_month,
        targets_scheduled.deadline_month,
        bindings.is_bound and targets_scheduled.is_monitored as is_evaluated
    from bindings
    inner join targets_scheduled on bindings.target_id = targets_scheduled.target_id

),

{# the baseline: the first month with data from the plan's start month on #}
baseline_months as (

    select
        bound_schedules.target_binding_key,
        min(actuals.period_month) as baseline_month
    from bound_schedules
    cross join calendar
    inner join actuals
        on bound_schedules.org_unit_id = actuals.org_unit_id
        and bound_schedules.indicator_code = actuals.indicator_code
        and actuals.period_month >= bound_schedules.plan_start_month
        and actuals.period_month <= calendar.last_month
        and actuals.actual_value is not null
    where bound_schedules.is_evaluated
    group by bound_schedules.target_binding_key

),

baselines as (

    select
        baseline_months.target_binding_key,
        baseline_months.baseline_month,
        actuals.actual_value as baseline_value
    from baseline_months
    inner join bound_schedules on baseline_months.target_binding_key = bound_schedules.target_binding_key
    inner join actuals
        on bound_schedules.org_unit_id = actuals.org_unit_id
        and bound_schedules.indicator_code = actuals.indicator_code
        and baseline_months.baseline_month = actuals.period_month

),

{# the direction the path heads (+1 up, -1 down) and the value it heads for: >= and <=
    say it; '=' follows the indicator's direction; 'between' heads for the nearer bound
    (down to the upper bound only when the baseline is above the range) #}
goals as (

    select
        bound_schedules.*,
        baselines.baseline_month,
        baselines.baseline_value,
        case
            when bound_schedules.comparator = '>=' then 1
            when bound_schedules.comparator = '<=' then -1
            when bound_schedules.comparator = 'between'
                and baselines.baseline_value > bound_schedules.target_value_max then -1
            when bound_schedules.comparator = 'between' then 1
            else bound_schedules.indicator_direction
        end as goal_direction
    from bound_schedules
    left join baselines on bound_schedules.target_binding_key = baselines.target_binding_key

),

goal_values as (

    select
        goals.*,
        case
            when goals.comparator = 'between' and goals.goal_direction = -1 then goals.target_value_max
            else goals.target_value
        end as goal_value
    from goals

),

evaluation_windows as (

    select
        goal_values.*,
        latest_data.latest_data_month,
        goal_values.deadline_month is null as is_open_ended,
        goal_values.goal_direction * goal_values.goal_value as strictness_score,
        case
            when not goal_values.is_evaluated then goal_values.plan_start_month
            else least(
                calendar.last_month,
                greatest(
                    goal_values.plan_start_month,
                    coalesce(goal_values.deadline_month, goal_values.plan_start_month),
                    coalesce(latest_data.latest_data_month, goal_values.plan_start_month)
                )
            )
        end as evaluation_end_month
    from goal_values
    cross join latest_data
    cross join calendar

),

target_fingerprints as (

    select
        evaluation_windows.*,
        {{ attainment_fingerprint([
            'evaluation_windows.target_id',
            'evaluation_windows.org_unit_id',
            'evaluation_windows.document_id',
            'evaluation_windows.target_kind',
            'evaluation_windows.indicator_code',
            'evaluation_windows.is_evaluated',
            'evaluation_windows.unbound_reason',
            'evaluation_windows.comparator',
            fingerprint_number('evaluation_windows.target_value'),
            fingerprint_number('evaluation_windows.target_value_max'),
            'evaluation_windows.unit',
            'evaluation_windows.is_aspirational',
            'evaluation_windows.plan_start_month',
            'evaluation_windows.deadline_month',
            'evaluation_windows.goal_direction',
            fingerprint_number('evaluation_windows.goal_value'),
            'evaluation_windows.baseline_month',
            fingerprint_number('evaluation_windows.baseline_value'),
            'evaluation_windows.is_superseded',
            'evaluation_windows.issuer_level_rank',
            'evaluation_windows.issued_date',
        ]) }} as target_fingerprint
    from evaluation_windows

),

{# which target binds a unit depends on every target competing for it, so a change to
    any of them changes the fingerprint of all of them #}
competition_fingerprints as (

    select
        indicator_code,
        org_unit_id,
        {{ dbt.hash(attainment_sorted_list('target_fingerprint')) }} as competition_fingerprint
    from target_fingerprints
    where is_evaluated
    group by indicator_code, org_unit_id

),

final as (

    select
        target_fingerprints.target_binding_key,
        target_fingerprints.target_id,
        target_fingerprints.org_unit_id,
        target_fingerprints.is_bound,
        target_fingerprints.unbound_reason,
        target_fingerprints.binding_method,
        target_fingerprints.document_id,
        target_fingerprints.target_kind,
        target_fingerprints.indicator_code,
        target_fingerprints.is_monitored,
        target_fingerprints.is_evaluated,
        target_fingerprints.comparator,
        target_fingerprints.target_value,
        target_fingerprints.target_value_max,
        target_fingerprints.unit,
        target_fingerprints.is_aspirational,
        target_fingerprints.issued_date,
        target_fingerprints.plan_start_month,
        target_fingerprints.plan_start_source,
        target_fingerprints.deadline_year,
        target_fingerprints.deadline_basis,
        target_fingerprints.deadline_month,
        target_fingerprints.is_open_ended,
        target_fingerprints.evaluation_end_month,
        target_fingerprints.latest_data_month,
        target_fingerprints.baseline_month,
        target_fingerprints.baseline_value,
        target_fingerprints.goal_direction,
        target_fingerprints.goal_value,
        target_fingerprints.is_superseded,
        target_fingerprints.issuer_level_rank,
        target_fingerprints.strictness_score,
        {# the settings are part of the fingerprint: changing a band or the trend window
            recomputes every row #}
        {{ attainment_fingerprint([
            'target_fingerprints.target_fingerprint',
            'competition_fingerprints.competition_fingerprint',
            "'" ~ attainment_status_threshold('on_track_max_shortfall_pct') ~ "'",
            "'" ~ attainment_status_threshold('at_risk_max_shortfall_pct') ~ "'",
            "'" ~ attainment_setting('trend_window_months') ~ "'",
            "'" ~ attainment_setting('trend_min_points') ~ "'",
            "'" ~ attainment_setting('projection_horizon_months') ~ "'",
        ]) }} as schedule_fingerprint
    from target_fingerprints
    left join competition_fingerprints
        on target_fingerprints.indicator_code = competition_fingerprints.indicator_code
        and target_fingerprints.org_unit_id = competition_fingerprints.org_unit_id

)

select * from final
