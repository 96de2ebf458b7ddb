with

source as (

    select * from {{ source('feeds', 'feed_load_audit') }}

),

renamed as (

    select
        source_file,
        feed as feed_name,
        delivered_on,
        period as file_period,
        status as load_status,
        error_code,
        error_message,
        rows_received,
        rows_accepted,
        rows_quarantined,
        rows_replaced,
        quarantined_by_reason,
        columns_reordered,
        full_width_values,
        percent_text_values,
        institutions_by_alias,
        total_rows_skipped,
        blank_rows_skipped,
        sha256,
        loaded_at
    from source

)

select * from renamed
