with

source as (

    select * from {{ source('reference', 'indicators') }}

),

typed as (

    select
        indicator_code,
        name_zh as indicator_name_zh,
        name_en as indicator_name_en,
        numerator_definition,
        denominator_definition,
        cast(factor as double) as factor,
        unit,
        direction,
        aggregation,
        family as indicator_family
    from source

)

select * from typed
