{#- Every indicator's numerator and denominator at the level it is measured (township
    for population-based indicators, institution otherwise), per month. One definition
    per indicator (BRIEF §3); the roll-up happens in fct_indicator_actuals. Snapshots are
    taken at the month's end; flows count the month's events. -#}
with

months as (

    select * from {{ ref('int_feed_months') }}

),

org_units as (

    select * from {{ ref('dim_org_units') }}

),

population as (

    select * from {{ ref('stg_reference__township_population') }}

),

signed_residents as (

    select * from {{ ref('int_signed_residents') }}

),

events as (

    select * from {{ ref('stg_feeds__mutual_recognition_events') }}

),

reports as (

    select * from {{ ref('stg_feeds__institution_monthly_reports') }}

),

assessments as (

    select * from {{ ref('stg_feeds__service_capacity_assessments') }}

),

health_centres as (

    select org_unit_id, consortium_id
    from org_units
    where institution_type in ('乡镇卫生院', '社区卫生服务中心')

),

signed_at_month_end as (

    select
        township_id as org_unit_id,
        period_month,
        sum(case when population_group = 'all_residents' then signed_residents else 0 end) as signed_residents,
        sum(case when population_group = 'key_population' then signed_residents else 0 end) as signed_key_residents
    from signed_residents
    where population_group in ('all_residents', 'key_population')
    group by 1, 2

),

signing as (

    select
        population.township_id as org_unit_id,
        months.period_month,
        'fd_signing_rate' as indicator_code,
        coalesce(signed.signed_residents, 0) as numerator,
        population.resident_population as denominator
    from population
    cross join months
    left join signed_at_month_end as signed
        on population.township_id = signed.org_unit_id and months.period_month = signed.period_month

    union all

    select
        population.township_id,
        months.period_month,
        'fd_key_pop_signing_rate',
        coalesce(signed.signed_key_residents, 0),
        population.key_population
    from population
    cross join months
    left join signed_at_month_end as signed
        on population.township_id = signed.org_unit_id and months.period_month = signed.period_month

),

mutual_recognition as (

    select
        institution_id as org_unit_id,
        event_month as period_month,
        'mutual_recognition_rate' as indicator_code,
        sum(case when is_recognised then 1 else 0 end) as numerator,
        count(*) as denominator
    from events
    where is_eligible_for_recognition
    group by 1, 2

),

latest_assessment_year as (

    -- The rating in force in a month is the latest one given in or before its year.
    select
        health_centres.org_unit_id,
        months.period_month,
        max(assessments.assessment_year) as assessment_year
    from health_centres
    cross join months
    left join assessments
        on health_centres.org_unit_id = assessments.institution_id
        and assessments.assessment_year <= months.period_year
    group by 1, 2

),

rating_in_force as (

    select
        latest_assessment_year.org_unit_id,
        latest_assessment_year.period_month,
        assessments.rating_rank
    from latest_assessment_year
    left join assessments
        on latest_assessment_year.org_unit_id = assessments.institution_id
        and latest_assessment_year.assessment_year = assessments.assessment_year

),

standard_shares as (

    select org_unit_id, period_month, 'thc_basic_standard_share' as indicator_code,
        case when rating_rank >= 1 then 1 else 0 end as numerator, 1 as denominator
    from rating_in_force
    union all
    select org_unit_id, period_month, 'thc_recommended_standard_share',
        case when rating_rank >= 2 then 1 else 0 end, 1
    from rating_in_force

),

reports_typed as (

    select reports.*, org_units.institution_type, org_units.township_id
    from reports
    inner join org_units on reports.institution_id = org_units.org_unit_id

),

report_ratios as (

    select institution_id as org_unit_id, report_month as period_month, 'opd_slots_to_members_share' as indicator_code,
        opd_slots_to_members as numerator, opd_slots_total as denominator
    from reports_typed where opd_slots_total is not null and opd_slots_to_members is not null

    union all
    -- Village clinics and community stations report through their health centre.
    select institution_id, report_month, 'primary_visit_share',
        case when institution_type in ('乡镇卫生院', '社区卫生服务中心', '社区卫生服务站', '村卫生室') then visits else 0 end
            + coalesce(visits_subordinate_units, 0),
        visits + coalesce(visits_subordinate_units, 0)
    from reports_typed where visits is not null

    union all
    select institution_id, report_month, 'county_visit_rate',
        visits_county_residents + coalesce(visits_subordinate_units, 0),
        visits_county_residents + coalesce(visits_subordinate_units, 0) + coalesce(visits_out_of_county, 0)
    from reports_typed where visits_county_residents is not null

    union all
    select institution_id, report_month, 'chronic_mgmt_rate',
        hypertension_managed + diabetes_managed,
        hypertension_registered + diabetes_registered
    from reports_typed
    where hypertension_managed is not null and diabetes_managed is not null
        and hypertension_registered is not null and diabetes_registered is not null

),

village_doctors as (

    select
        population.township_id as org_unit_id,
        months.period_month,
        'village_doctor_density' as indicator_code,
        coalesce(sum(reports_typed.village_doctors), 0) as numerator,
        max(population.rural_population) as denominator
    from population
    cross join months
    left join reports_typed
        on population.township_id = reports_typed.township_id and months.period_month = reports_typed.report_month
    group by 1, 2

),

shared_centres as (

    select
        health_centres.org_unit_id,
        months.period_month,
        'shared_center_coverage' as indicator_code,
        case when coalesce(reports.shared_lab_uses, 0) + coalesce(reports.shared_ecg_uses, 0)
            + coalesce(reports.shared_imaging_uses, 0) > 0 then 1 else 0 end as numerator,
        1 as denominator
    from health_centres
    cross join months
    left join reports
        on health_centres.org_unit_id = reports.institution_id and months.period_month = reports.report_month
    where health_centres.consortium_id is not null

),

final as (

    select org_unit_id, period_month, indicator_code, cast(numerator as double) as numerator, cast(denominator as double) as denominator from signing
    union all
    select org_unit_id, period_month, indicator_code, numerator, denominator from mutual_recognition
    union all
    select org_unit_id, period_month, indicator_code, numerator, denominator from standard_shares
    union all
    select org_unit_id, period_month, indicator_code, numerator, denominator from report_ratios
    union all
    select org_unit_id, period_month, indicator_code, numerator, denominator from village_doctors
    union all
    select org_unit_id, period_month, indicator_code, numerator, denominator from shared_centres

)

select * from final
