with

source as (

    select * from {{ source('raw', 'policy_targets') }}

),

renamed as (

    select
        target_id,
        doc as document_id,
        kind as target_kind,
        indicator_code,
        indicator_name as indicator_phrase,
        comparator,
        value as target_value,
        value_max as target_value_max,
        unit,
        deadline_year,
        deadline_source,
        scope,
        evaluation_level,
        is_aspirational,
        region as target_region,
        quote,
        mention,
        paragraph,
        quote_start_in_paragraph,
        source_start,
        source_end,
        clause_id,
        {{ array_to_text('responsible_units', "'、'") }} as responsible_units,
        review_status,
        review_note
    from source

)

select * from renamed
