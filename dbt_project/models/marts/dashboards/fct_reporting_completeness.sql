{#- Reporting completeness of the monthly institution report, DHIS2-style: one row per
    institution expected to report and month the feeds cover, and whether its report (or a
    correction of it) is in the warehouse. Expected reporters are the institutions the
    template asks (docs/feeds/institution_monthly_reports.md): hospitals, 乡镇卫生院 and
    社区卫生服务中心; stations and village clinics report through their health centre.
    Reporting rate of a region = Σreceived ÷ Σexpected over its institutions. -#}
with

org_units as (

    select * from {{ ref('dim_org_units') }}

),

months as (

    select * from {{ ref('int_feed_months') }}

),

reports as (

    select distinct institution_id, report_month from {{ ref('stg_feeds__institution_monthly_reports') }}

),

expected_reporters as (

    select *
    from org_units
    where org_level = 'institution'
        and institution_type not in ('社区卫生服务站', '村卫生室')

),

final as (

    select
        expected_reporters.org_unit_id,
        expected_reporters.org_unit_name,
        expected_reporters.institution_type,
        expected_reporters.full_path,
        expected_reporters.province_id,
        expected_reporters.city_id,
        expected_reporters.county_id,
        expected_reporters.township_id,
        months.period_month,
        reports.institution_id is not null as is_received
    from expected_reporters
    cross join months
    left join reports
        on expected_reporters.org_unit_id = reports.institution_id
        and months.period_month = reports.report_month

)

select * from final
