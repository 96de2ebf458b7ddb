{#- A table, unlike most staging models: the latest-submission window over every
    contract (125 M rows at province scale) would otherwise be computed again by each reader
    and each of its tests. Incremental by file (macros/feeds/restage_by_file.sql): a nightly
    build ranks only the contracts of files loaded, reloaded or removed since the last one. -#}
{%- set raw_contracts = source('feeds', 'feed_family_doctor_contracts') -%}
{{ config(**restage_by_file_config(
    post_hook="{{ delete_restaged_rows(source('feeds', 'feed_family_doctor_contracts'), 'family_doctor_contracts', 'contract_id') }}"
)) }}

with

current_contracts as (

    {{ staged_latest_submissions(raw_contracts, 'family_doctor_contracts', 'contract_id') }}

),

renamed as (

    select
        contract_id,
        -- Staged keys are looked up, and the ids checked unique, by this number.
        contract_id_hash,
        resident_id,
        -- Residents are grouped and matched by this number (int_signed_residents): a
        -- fixed-size number sorts and joins faster than the text.
        {{ key_hash(['resident_id']) }} as resident_id_hash,
        -- The 健康档案号 starts with the resident's township code.
        substr(resident_id, 1, 9) as resident_township_id,
        institution_id,
        team_id,
        start_date as contract_start_date,
        end_date as contract_end_date,
        -- The month ends the contract is in force at, as month indexes (month_index): from
        -- its first month's to its last month's, or the month before if it ends before that
        -- month's last day. Computed once here, where a nightly build derives them for the new
        -- contracts only, rather than by each count over every contract in force.
        {{ month_index('start_date') }} as first_covered_month_index,
        {{ month_index('end_date') }}
            - case when end_date < {{ dbt.last_day('end_date', 'month') }} then 1 else 0 end as last_covered_month_index,
        -- The groups themselves feed the key-population breakdown (fct_signing_by_key_population).
        is_elderly_65,
        has_hypertension,
        has_type2_diabetes,
        is_maternal,
        is_child_0_6,
        is_disabled,
        has_severe_mental_disorder,
        has_tuberculosis,
        is_elderly_65 or has_hypertension or has_type2_diabetes or is_maternal or is_child_0_6
            or is_disabled or has_severe_mental_disorder or has_tuberculosis as is_key_population,
        source_file,
        delivered_on,
        -- Which version of its file a row came from, and which build staged it.
        file_loaded_at,
        staged_at
    from current_contracts

)

select * from renamed
