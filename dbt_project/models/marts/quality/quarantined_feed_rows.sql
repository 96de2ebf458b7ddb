{#- Incremental by file, as the staged feeds are (macros/feeds/restage_by_file.sql): raw
    replaces a file's rejected rows whenever it loads the file, so a build copies the rows of
    files loaded, reloaded or removed since the last one and its post-hook deletes those the
    files had before (province: ~1 M rows, copied whole every night in 1.4 s). -#}
{{ config(**restage_by_file_config(
    post_hook="{{ delete_rows_of_changed_files(none, 'rows_quarantined') }}",
    on_schema_change='append_new_columns'
)) }}

{#- A mart built before it kept file_loaded_at and staged_at has no record of its files'
    versions: the build copies every file's rows, gets the two columns added, and the
    post-hook deletes the old rows (no staged_at), so no full refresh is needed. -#}
{%- set copies_changed_files = execute and is_incremental()
    and 'staged_at' in adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}

with

quarantined as (

    select * from {{ ref('stg_feeds__quarantined_feed_rows') }}
    {%- if copies_changed_files %}
    {%- set changed = changed_files(none, 'rows_quarantined') %}
    where {{ changed.delivered }} and source_file in {{ changed.files }}
    {%- endif %}

),

audited_files as (

    select source_file, loaded_at
    from {{ source('feeds', 'feed_load_audit') }}

),

final as (

    select
        quarantined.feed_name,
        quarantined.source_file,
        quarantined.source_row,
        quarantined.delivered_on,
        quarantined.file_period,
        quarantined.reason_code,
        quarantined.column_name,
        quarantined.message,
        quarantined.raw_record,
        -- Which version of its file a row came from, and which build copied it.
        audited_files.loaded_at as file_loaded_at,
        {{ this_build_started_at() }} as staged_at
    from quarantined
    left join audited_files on quarantined.source_file = audited_files.source_file

)

select * from final
