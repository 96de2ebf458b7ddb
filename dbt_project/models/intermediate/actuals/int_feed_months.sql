{#- The months the feeds cover: any month some institution reported or ordered a test. -#}
with

report_months as (

    select distinct report_month as period_month from {{ ref('stg_feeds__institution_monthly_reports') }}

),

event_months as (

    select distinct event_month as period_month from {{ ref('stg_feeds__mutual_recognition_events') }}

),

months as (

    select period_month from report_months
    union
    select period_month from event_months

),

final as (

    select
        period_month,
        {{ dbt.last_day('period_month', 'month') }} as period_end_date,
        extract(year from period_month) as period_year
    from months

)

select * from final
