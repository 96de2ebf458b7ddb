with

source as (

    select * from {{ source('raw', 'cleaned_documents') }}

),

renamed as (

    select
        file_name as document_id,
        status as processing_status,
        message as processing_message,
        document_key,
        title as document_title,
        document_number,
        index_code,
        issuer,
        issuer_source,
        region as issuing_region,
        region_level as issuing_region_level,
        cast(issue_date as date) as issued_date,
        cast(publication_date as date) as published_date,
        document_type,
        is_report,
        {{ array_to_text('supersedes', "'；'") }} as supersedes_document_numbers,
        plan_end_year,
        plan_end_source,
        cleaned_chars as cleaned_character_count,
        cleaning_actions as cleaning_action_count,
        clauses as clause_count,
        targets as extracted_item_count
    from source

)

select * from renamed
