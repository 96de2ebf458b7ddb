{#- The path is assembled from the ancestor ids each row carries, not by recursion,
    so the model runs on adapters without recursive CTEs. -#}
with

org_units as (

    select * from {{ ref('stg_reference__org_units') }}

),

consortia as (

    select * from {{ ref('stg_reference__consortia') }}

),

with_ancestors as (

    select
        org_units.*,
        province.org_unit_name as province_name,
        city.org_unit_name as city_name,
        county.org_unit_name as county_name,
        township.org_unit_name as township_name
    from org_units
    left join org_units as province on org_units.province_id = province.org_unit_id
    left join org_units as city on org_units.city_id = city.org_unit_id
    left join org_units as county on org_units.county_id = county.org_unit_id
    left join org_units as township on org_units.township_id = township.org_unit_id

),

final as (

    select
        with_ancestors.org_unit_id,
        with_ancestors.parent_org_unit_id,
        with_ancestors.org_level,
        case with_ancestors.org_level
            when 'province' then 1
            when 'city' then 2
            when 'county' then 3
            when 'township' then 4
            when 'institution' then 5
        end as org_level_rank,
        with_ancestors.org_unit_name,
        concat_ws(' / ',
            with_ancestors.province_name,
            case when with_ancestors.org_level <> 'province' then with_ancestors.city_name end,
            case when with_ancestors.org_level not in ('province', 'city') then with_ancestors.county_name end,
            case when with_ancestors.org_level in ('township', 'institution') then with_ancestors.township_name end,
            case when with_ancestors.org_level = 'institution' then with_ancestors.org_unit_name end
        ) as full_path,
        with_ancestors.division_type,
        with_ancestors.institution_type,
        with_ancestors.province_id,
        with_ancestors.province_name,
        with_ancestors.city_id,
        with_ancestors.city_name,
        with_ancestors.county_id,
        with_ancestors.county_name,
        with_ancestors.township_id,
        with_ancestors.township_name,
        with_ancestors.consortium_id,
        consortia.consortium_name,
        consortia.consortium_type,
        with_ancestors.is_consortium_lead,
        with_ancestors.cluster_name,
        with_ancestors.is_cluster_lead
    from with_ancestors
    left join consortia on with_ancestors.consortium_id = consortia.consortium_id

)

select * from final
