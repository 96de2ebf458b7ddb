with

documents as (

    select * from {{ ref('stg_documents__documents') }}

),

final as (

    select
        document_id,
        file_name,
        sha256,
        size_bytes,
        detected_encoding,
        character_count,
        is_readable,
        read_error,
        ingested_at
    from documents

)

select * from final
