{#- Mutual recognition per item class (检验 / 影像 / 超声 / 心电): for every org unit and month,
    the results eligible for recognition (an earlier valid result existed), how many were
    recognised and how many repeated. Counted at the ordering institution, summed up the
    hierarchy; the rate is Σrecognised ÷ Σeligible, like mutual_recognition_rate. -#}
with

events as (

    select * from {{ ref('stg_feeds__mutual_recognition_events') }}

),

ancestors as (

    select * from {{ ref('int_org_unit_ancestors') }}

),

org_units as (

    select * from {{ ref('dim_org_units') }}

),

per_institution as (

    select
        institution_id,
        event_month as period_month,
        item_class,
        count(*) as eligible_results,
        sum(case when is_recognised then 1 else 0 end) as recognised_results,
        sum(case when recognition_result = '重复检查' then 1 else 0 end) as repeated_results
    from events
    where is_eligible_for_recognition
    group by 1, 2, 3

),

rolled_up as (

    select
        ancestors.ancestor_org_unit_id as org_unit_id,
        per_institution.period_month,
        per_institution.item_class,
        sum(per_institution.eligible_results) as eligible_results,
        sum(per_institution.recognised_results) as recognised_results,
        sum(per_institution.repeated_results) as repeated_results
    from per_institution
    inner join ancestors on per_institution.institution_id = ancestors.org_unit_id
    group by 1, 2, 3

),

final as (

    select
        rolled_up.org_unit_id,
        org_units.org_level,
        rolled_up.period_month,
        rolled_up.item_class,
        rolled_up.eligible_results,
        rolled_up.recognised_results,
        rolled_up.repeated_results,
        case when rolled_up.eligible_results > 0
            then 100.0 * rolled_up.recognised_results / rolled_up.eligible_results
        end as recognition_rate_pct
    from rolled_up
    inner join org_units on rolled_up.org_unit_id = org_units.org_unit_id

)

select * from final
