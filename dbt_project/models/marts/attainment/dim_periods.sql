{#- The monthly calendar of the attainment marts: one row per month between the vars
    attainment_calendar_start_month and attainment_calendar_end_month. Months come from a
    numbers CTE built by cross joins (up to 1,000 months), not generate_series, so any
    adapter runs it. -#}
with

digits as (

    select 0 as digit union all
    select 1 as digit union all
    select 2 as digit union all
    select 3 as digit union all
    select 4 as digit union all
    select 5 as digit union all
    select 6 as digit union all
    select 7 as digit union all
    select 8 as digit union all
    select 9 as digit

),

numbers as (

    select
        hundreds.digit * 100 + tens.digit * 10 + ones.digit as month_index
    from digits as hundreds
    cross join digits as tens
    cross join digits as ones

),

bounds as (

    select
        {{ attainment_calendar_month('start') }} as first_month,
        {{ attainment_calendar_month('end') }} as last_month

),

months as (

    select
        numbers.month_index,
        {{ attainment_add_months('numbers.month_index', 'bounds.first_month') }} as period_month
    from numbers
    cross join bounds
    where numbers.month_index <= {{ attainment_months_between('bounds.first_month', 'bounds.last_month') }}

),

final as (

    select
        period_month,
        month_index,
        extract(year from period_month) as year,
        extract(month from period_month) as month,
        extract(quarter from period_month) as quarter,
        cast({{ dbt.last_day('period_month', 'month') }} as date) as period_end_date,
        extract(month from period_month) in (3, 6, 9, 12) as is_quarter_end,
        extract(month from period_month) = 12 as is_year_end
    from months

)

select * from final
