with

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

final as (

    select
        indicator_code,
        indicator_name_zh,
        indicator_name_en,
        indicator_family,
        numerator_definition,
        denominator_definition,
        factor,
        unit,
        direction,
        aggregation
    from indicators

)

select * from final
