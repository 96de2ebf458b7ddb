with

source as (

    select * from {{ source('reference', 'org_units') }}

),

typed as (

    select
        org_unit_id,
        nullif(parent_id, '') as parent_org_unit_id,
        level as org_level,
        name as org_unit_name,
        division_type,
        institution_type,
        province_id,
        city_id,
        county_id,
        township_id,
        consortium_id,
        coalesce(is_consortium_lead = 'true', false) as is_consortium_lead,
        cluster_name,
        coalesce(is_cluster_lead = 'true', false) as is_cluster_lead
    from source

)

select * from typed
