with

source as (

    select * from {{ source('reference', 'institution_aliases') }}

),

renamed as (

    select
        alias as institution_alias,
        org_unit_id,
        alias_kind
    from source

)

select * from renamed
