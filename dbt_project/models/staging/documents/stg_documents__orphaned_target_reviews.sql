with

source as (

    select * from {{ source('raw', 'orphaned_target_reviews') }}

),

renamed as (

    select
        target_id,
        decision as review_decision,
        field as corrected_field,
        corrected_value,
        reviewer,
        reviewed_at,
        note as review_note,
        line as review_file_line
    from source

)

select * from renamed
