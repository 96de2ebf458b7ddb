{#- A table, as the contracts are, and restaged by file the same way
    (macros/feeds/restage_by_file.sql): as a view, the latest-submission window over every
    event (2.9 M rows at province scale, ~0.45 s) was computed again by each of its ~10
    readers and tests, int_feed_months among them; as a table rebuilt each night, writing it
    took ~2 s. -#}
{%- set raw_events = source('feeds', 'feed_mutual_recognition_events') -%}
{{ config(**restage_by_file_config(
    post_hook="{{ delete_restaged_rows(source('feeds', 'feed_mutual_recognition_events'), 'mutual_recognition_events', 'event_id') }}"
)) }}

with

current_events as (

    {{ staged_latest_submissions(raw_events, 'mutual_recognition_events', 'event_id') }}

),

renamed as (

    select
        event_id,
        event_id_hash,
        institution_id,
        patient_id,
        item_class,
        item_name,
        ordered_at,
        cast(date_trunc('month', ordered_at) as date) as event_month,
        has_prior_result as is_eligible_for_recognition,
        prior_institution_id,
        recognition_result,
        recognition_result = '互认' as is_recognised,
        source_file,
        delivered_on,
        file_loaded_at,
        staged_at
    from current_events

)

select * from renamed
