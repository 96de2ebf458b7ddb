with

current_reports as (

    {{ latest_submission(source('feeds', 'feed_institution_monthly_reports'), ['institution_id', 'month']) }}

),

renamed as (

    select
        institution_id,
        cast(date_trunc('month', month) as date) as report_month,
        visits,
        visits_county_residents,
        visits_subordinate_units,
        visits_out_of_county,
        opd_slots_total,
        opd_slots_to_members,
        referrals_up,
        referrals_down,
        remote_consultations,
        hypertension_registered,
        hypertension_managed,
        diabetes_registered,
        diabetes_managed,
        village_doctors,
        shared_lab_uses,
        shared_ecg_uses,
        shared_imaging_uses
    from current_reports

)

select * from renamed
