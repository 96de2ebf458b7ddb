with

orphans as (

    select * from {{ ref('stg_documents__orphaned_target_reviews') }}

),

final as (

    select
        target_id,
        review_decision,
        corrected_field,
        corrected_value,
        reviewer,
        reviewed_at,
        review_note,
        review_file_line
    from orphans

)

select * from final
