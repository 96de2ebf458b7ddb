{#- Residents with a family-doctor contract in force at each month's end, per township and
    population group: every resident ('all_residents'), the key population as a whole
    ('key_population'), and each key-population group. Read by int_indicator_parts (the two
    signing indicators) and fct_signing_by_key_population, so the contracts — the largest
    feed, 125 M rows at province scale — are scanned once per refresh, in one pass.

    Pairing every contract with every month it spans grows as contracts × months (1.4 billion
    pairs at province scale); instead each contract covers a run of month ends, each
    resident's overlapping runs are merged (gaps and islands), and +1 / -1 at each island's
    first month and after its last, summed up to a month, count the residents covered then.
    Same numbers as count(distinct resident) per month end, linear cost.

    A table: both readers use it, and a view would compute it twice. -#}
{{ config(materialized='table') }}

{%- set groups = key_population_groups() -%}

with

contracts as (

    select * from {{ ref('stg_feeds__family_doctor_contracts') }}

),

months as (

    select * from {{ ref('int_feed_months') }}

),

contract_month_runs as (

    select
        *,
        extract(year from contract_start_date) * 12 + extract(month from contract_start_date) - 1 as first_month_index,
        -- A contract ending before its month's last day does not cover that month's end.
        extract(year from contract_end_date) * 12 + extract(month from contract_end_date) - 1
            - case when contract_end_date < {{ dbt.last_day('contract_end_date', 'month') }} then 1 else 0 end as last_month_index
    from contracts

),

covered_runs as (

    select resident_id, resident_township_id, first_month_index, last_month_index, 'all_residents' as population_group
    from contract_month_runs
    where first_month_index <= last_month_index
    union all
    select resident_id, resident_township_id, first_month_index, last_month_index, 'key_population'
    from contract_month_runs
    where first_month_index <= last_month_index and is_key_population
    {%- for group_code, _, flag_column, _ in groups %}
    union all
    select resident_id, resident_township_id, first_month_index, last_month_index, '{{ group_code }}'
    from contract_month_runs
    where first_month_index <= last_month_index and {{ flag_column }}
    {%- endfor %}

),

island_starts as (

    select
        covered_runs.*,
        case
            when first_month_index <= max(last_month_index) over (
                partition by population_group, resident_id
                order by first_month_index, last_month_index
                rows between unbounded preceding and 1 preceding
            ) then 0
            else 1
        end as starts_island
    from covered_runs

),

islands as (

    select
        island_starts.*,
        sum(starts_island) over (
            partition by population_group, resident_id
            order by first_month_index, last_month_index
            rows unbounded preceding
        ) as island_number
    from island_starts

),

island_bounds as (

    select
        population_group,
        resident_township_id,
        min(first_month_index) as first_month_index,
        max(last_month_index) as last_month_index
    from islands
    group by population_group, resident_id, resident_township_id, island_number

),

coverage_changes as (

    select population_group, resident_township_id, first_month_index as month_index, 1 as residents_change
    from island_bounds
    union all
    select population_group, resident_township_id, last_month_index + 1, -1
    from island_bounds

),

coverage_changes_by_month as (

    select population_group, resident_township_id, month_index, sum(residents_change) as residents_change
    from coverage_changes
    group by population_group, resident_township_id, month_index

),

signed_at_month_end as (

    select
        coverage_changes_by_month.resident_township_id as township_id,
        months.period_month,
        coverage_changes_by_month.population_group,
        sum(coverage_changes_by_month.residents_change) as signed_residents
    from coverage_changes_by_month
    inner join months
        on coverage_changes_by_month.month_index
            <= extract(year from months.period_month) * 12 + extract(month from months.period_month) - 1
    group by 1, 2, 3

)

select * from signed_at_month_end
