{#- A table, unlike the other staging models: the latest-submission window over every
    contract (125 M rows at province scale) would otherwise be computed again by each reader
    and each of its tests. -#}
{{ config(materialized='table') }}

with

current_contracts as (

    {{ latest_submission(source('feeds', 'feed_family_doctor_contracts'), ['contract_id']) }}

),

renamed as (

    select
        contract_id,
        resident_id,
        -- The 健康档案号 starts with the resident's township code.
        substr(resident_id, 1, 9) as resident_township_id,
        institution_id,
        team_id,
        start_date as contract_start_date,
        end_date as contract_end_date,
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
        delivered_on
    from current_contracts

)

select * from renamed
