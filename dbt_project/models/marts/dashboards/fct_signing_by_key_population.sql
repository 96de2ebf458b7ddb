{#- Family-doctor signing per key-population group (BRIEF §2): for every org unit from the
    township up, month and group, the residents of the group with a contract in force at the
    month's end (int_signed_residents) ÷ the group's population. Counted per township (a
    resident lives in one), then summed up the hierarchy — never an average of rates. A resident in several groups counts
    in each, so the groups do not add up to the key population. -#}
with

signed_residents as (

    select * from {{ ref('int_signed_residents') }}

),

months as (

    select * from {{ ref('int_feed_months') }}

),

population as (

    select * from {{ ref('stg_reference__township_population') }}

),

ancestors as (

    select * from {{ ref('int_org_unit_ancestors') }}

),

org_units as (

    select * from {{ ref('dim_org_units') }}

),

population_by_group as (

    {% for group_code, group_name, _, population_column in key_population_groups() %}
    select township_id, '{{ group_code }}' as population_group, '{{ group_name }}' as population_group_name,
        {{ loop.index }} as population_group_order, {{ population_column }} as group_population
    from population
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

township_months as (

    select
        population_by_group.township_id,
        months.period_month,
        population_by_group.population_group,
        population_by_group.population_group_name,
        population_by_group.population_group_order,
        coalesce(signed.signed_residents, 0) as signed_residents,
        population_by_group.group_population
    from population_by_group
    cross join months
    left join signed_residents as signed
        on population_by_group.township_id = signed.township_id
        and months.period_month = signed.period_month
        and population_by_group.population_group = signed.population_group

),

rolled_up as (

    select
        ancestors.ancestor_org_unit_id as org_unit_id,
        township_months.period_month,
        township_months.population_group,
        township_months.population_group_name,
        township_months.population_group_order,
        sum(township_months.signed_residents) as signed_residents,
        sum(township_months.group_population) as group_population
    from township_months
    inner join ancestors on township_months.township_id = ancestors.org_unit_id
    group by 1, 2, 3, 4, 5

),

final as (

    select
        rolled_up.org_unit_id,
        org_units.org_level,
        rolled_up.period_month,
        rolled_up.population_group,
        rolled_up.population_group_name,
        rolled_up.population_group_order,
        rolled_up.signed_residents,
        rolled_up.group_population,
        case when rolled_up.group_population > 0
            then 100.0 * rolled_up.signed_residents / rolled_up.group_population
        end as signing_rate_pct
    from rolled_up
    inner join org_units on rolled_up.org_unit_id = org_units.org_unit_id

)

select * from final
