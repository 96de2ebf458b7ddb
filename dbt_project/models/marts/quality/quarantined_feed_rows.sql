with

quarantined as (

    select * from {{ ref('stg_feeds__quarantined_feed_rows') }}

),

final as (

    select
        feed_name,
        source_file,
        source_row,
        delivered_on,
        file_period,
        reason_code,
        column_name,
        message,
        raw_record
    from quarantined

)

select * from final
