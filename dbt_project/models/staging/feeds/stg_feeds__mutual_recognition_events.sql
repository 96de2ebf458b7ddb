with

current_events as (

    {{ latest_submission(source('feeds', 'feed_mutual_recognition_events'), ['event_id']) }}

),

renamed as (

    select
        event_id,
        institution_id,
        patient_id,
        item_class,
        item_name,
        ordered_at,
        cast(date_trunc('month', ordered_at) as date) as event_month,
        has_prior_result as is_eligible_for_recognition,
        prior_institution_id,
        recognition_result,
        recognition_result = '互认' as is_recognised
    from current_events

)

select * from renamed
