with

source as (

    select * from {{ source('reference', 'township_population') }}

),

typed as (

    select
        township_id,
        cast(resident_population as bigint) as resident_population,
        cast(rural_population as bigint) as rural_population,
        cast(rural_share as double) as rural_share,
        cast(population_65_plus as bigint) as population_65_plus,
        cast(hypertension_patients as bigint) as hypertension_patients,
        cast(type2_diabetes_patients as bigint) as type2_diabetes_patients,
        cast(maternal as bigint) as maternal_population,
        cast(children_0_6 as bigint) as children_0_6_population,
        cast(disabled as bigint) as disabled_population,
        cast(severe_mental_disorder as bigint) as severe_mental_disorder_patients,
        cast(tuberculosis as bigint) as tuberculosis_patients,
        cast(key_population as bigint) as key_population
    from source

)

select * from typed
