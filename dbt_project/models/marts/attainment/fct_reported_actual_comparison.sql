{#- Figures that documents report as achieved ("基层诊疗人次占比提升至72.1%") beside what the
    feeds measure for the same region and period, one row per reported figure (rejected
    ones left out). The region is located as for targets (int_target_regions_resolved);
    the feed value is the region's own Σnumerator ÷ Σdenominator row, never an average.
    Periods compared: the reference month (December of the year the sentence states, else
    the month the document was issued or, failing that, published) and the last year-end
    before the document appeared. -#}
with

targets as (

    select * from {{ ref('fct_policy_targets') }}

),

regions_resolved as (

    select * from {{ ref('int_target_regions_resolved') }}

),

documents as (

    select * from {{ ref('dim_documents') }}

),

actuals as (

    select * from {{ ref('fct_indicator_actuals') }}

),

reported as (

    select
        targets.target_id,
        targets.document_id,
        targets.document_number,
        targets.issuer,
        targets.indicator_code,
        targets.indicator_name_zh,
        targets.indicator_phrase,
        targets.is_monitored,
        targets.comparator,
        targets.target_value as reported_value,
        targets.target_value_max as reported_value_max,
        targets.unit,
        targets.deadline_year as stated_year,
        targets.target_region,
        targets.quote,
        coalesce(targets.issued_date, documents.published_date) as document_date,
        regions_resolved.region_match,
        regions_resolved.region_org_unit_id
    from targets
    inner join regions_resolved on targets.target_id = regions_resolved.target_id
    inner join documents on targets.document_id = documents.document_id
    where targets.target_kind = 'reported_actual'

),

reference_periods as (

    select
        reported.*,
        case
            when reported.stated_year is not null then {{ attainment_december_of('reported.stated_year') }}
            when reported.document_date is not null then {{ attainment_month_start('reported.document_date') }}
        end as reference_month,
        case
            when reported.stated_year is not null then 'stated_year_end'
            when reported.document_date is not null then 'document_month'
        end as reference_basis,
        case
            when reported.document_date is not null
                then {{ attainment_december_of('extract(year from reported.document_date) - 1') }}
        end as previous_year_end_month
    from reported

),

final as (

    select
        reference_periods.target_id as reported_actual_id,
        reference_periods.document_id,
        reference_periods.document_number,
        reference_periods.issuer,
        reference_periods.indicator_code,
        reference_periods.indicator_name_zh,
        reference_periods.indicator_phrase,
        reference_periods.is_monitored,
        reference_periods.comparator,
        reference_periods.reported_value,
        reference_periods.reported_value_max,
        reference_periods.unit,
        reference_periods.target_region,
        reference_periods.region_match,
        reference_periods.region_org_unit_id as org_unit_id,
        reference_periods.reference_month,
        reference_periods.reference_basis,
        reference_actuals.numerator as measured_numerator,
        reference_actuals.denominator as measured_denominator,
        reference_actuals.actual_value as measured_value,
        reference_periods.reported_value - reference_actuals.actual_value as reported_minus_measured,
        reference_periods.previous_year_end_month,
        year_end_actuals.actual_value as measured_value_previous_year_end,
        reference_periods.reported_value - year_end_actuals.actual_value as reported_minus_measured_previous_year_end,
        case
            when not reference_periods.is_monitored then 'not_monitored'
            when reference_periods.region_org_unit_id is null then {{ dbt.concat(["'region_'", 'reference_periods.region_match']) }}
            when reference_periods.reference_month is null then 'no_reference_month'
            when reference_actuals.actual_value is null and year_end_actuals.actual_value is null then 'no_measured_value'
            else 'compared'
        end as comparison_status,
        reference_periods.quote
    from reference_periods
    left join actuals as reference_actuals
        on reference_periods.region_org_unit_id = reference_actuals.org_unit_id
        and reference_periods.indicator_code = reference_actuals.indicator_code
        and reference_periods.reference_month = reference_actuals.period_month
    left join actuals as year_end_actuals
        on reference_periods.region_org_unit_id = year_end_actuals.org_unit_id
        and reference_periods.indicator_code = year_end_actuals.indicator_code
        and reference_periods.previous_year_end_month = year_end_actuals.period_month

)

select * from final
