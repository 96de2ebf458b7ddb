with

source as (

    select * from {{ source('feeds', 'quarantined_feed_rows') }}

),

renamed as (

    select
        feed as feed_name,
        source_file,
        source_row,
        delivered_on,
        period as file_period,
        reason as reason_code,
        {{ adapter.quote('column') }} as column_name,
        message,
        raw_record
    from source

)

select * from renamed
