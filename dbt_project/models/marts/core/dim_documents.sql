with

documents as (

    select * from {{ ref('stg_documents__documents') }}

),

cleaned as (

    select * from {{ ref('stg_documents__cleaned_documents') }}

),

final as (

    select
        documents.document_id,
        documents.file_name,
        documents.sha256,
        documents.size_bytes,
        documents.detected_encoding,
        documents.character_count,
        documents.is_readable,
        documents.read_error,
        documents.ingested_at,
        cleaned.processing_status,
        cleaned.processing_message,
        cleaned.document_title,
        cleaned.document_number,
        cleaned.index_code,
        cleaned.issuer,
        cleaned.issuer_source,
        cleaned.issuing_region,
        cleaned.issuing_region_level,
        cleaned.issued_date,
        cleaned.published_date,
        cleaned.document_type,
        cleaned.is_report,
        cleaned.supersedes_document_numbers,
        cleaned.plan_end_year,
        cleaned.cleaning_action_count,
        cleaned.clause_count,
        cleaned.extracted_item_count
    from documents
    left join cleaned on documents.document_id = cleaned.document_id

)

select * from final
