{#- Each org unit paired with itself and every ancestor: the bridge along which
    numerators and denominators are summed up the hierarchy. -#}
with

org_units as (

    select * from {{ ref('dim_org_units') }}

),

pairs as (

    select org_unit_id, org_unit_id as ancestor_org_unit_id from org_units
    union all
    select org_unit_id, township_id from org_units where township_id is not null and township_id <> org_unit_id
    union all
    select org_unit_id, county_id from org_units where county_id is not null and county_id <> org_unit_id
    union all
    select org_unit_id, city_id from org_units where city_id is not null and city_id <> org_unit_id
    union all
    select org_unit_id, province_id from org_units where province_id is not null and province_id <> org_unit_id

),

final as (

    select distinct org_unit_id, ancestor_org_unit_id from pairs

)

select * from final
