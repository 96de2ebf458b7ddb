with

audit as (

    select * from {{ ref('stg_feeds__feed_load_audit') }}

),

final as (

    select
        source_file,
        feed_name,
        delivered_on,
        file_period,
        load_status,
        error_code,
        error_message,
        rows_received,
        rows_accepted,
        rows_quarantined,
        rows_replaced,
        rows_received = rows_accepted + rows_quarantined as is_reconciled,
        quarantined_by_reason,
        columns_reordered,
        full_width_values,
        percent_text_values,
        institutions_by_alias,
        total_rows_skipped,
        blank_rows_skipped,
        loaded_at
    from audit

)

select * from final
