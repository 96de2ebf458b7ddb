with

source as (

    select * from {{ source('raw', 'documents') }}

),

renamed as (

    select
        file_name as document_id,
        file_name,
        sha256,
        size_bytes,
        encoding as detected_encoding,
        length(text) as character_count,
        read_error,
        read_error is null as is_readable,
        ingested_at
    from source

)

select * from renamed
