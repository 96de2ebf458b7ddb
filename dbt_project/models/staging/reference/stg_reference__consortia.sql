with

source as (

    select * from {{ source('reference', 'consortia') }}

),

renamed as (

    select
        consortium_id,
        consortium_name,
        consortium_type,
        lead_org_unit_id,
        county_id
    from source

)

select * from renamed
