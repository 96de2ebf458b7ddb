{#- The 优质服务基层行 rating in force for every 乡镇卫生院 / 社区卫生服务中心 and year the
    feeds cover: the latest rating given in or before that year, or none (未评价) — the same
    rule the standard-share indicators use. One row per centre and year, carrying its place
    in the hierarchy so a region's centres below standard can be listed. -#}
with

org_units as (

    select * from {{ ref('dim_org_units') }}

),

assessments as (

    select * from {{ ref('stg_feeds__service_capacity_assessments') }}

),

years as (

    select distinct period_year as rating_year from {{ ref('int_feed_months') }}

),

health_centres as (

    select *
    from org_units
    where institution_type in ('乡镇卫生院', '社区卫生服务中心')

),

latest_assessment_year as (

    select
        health_centres.org_unit_id,
        years.rating_year,
        max(assessments.assessment_year) as assessment_year
    from health_centres
    cross join years
    left join assessments
        on health_centres.org_unit_id = assessments.institution_id
        and assessments.assessment_year <= years.rating_year
    group by 1, 2

),

final as (

    select
        health_centres.org_unit_id,
        health_centres.org_unit_name,
        health_centres.institution_type,
        health_centres.full_path,
        health_centres.province_id,
        health_centres.city_id,
        health_centres.county_id,
        health_centres.township_id,
        latest_assessment_year.rating_year,
        latest_assessment_year.assessment_year,
        coalesce(assessments.rating, '未评价') as rating,
        assessments.rating_rank,
        assessments.basic_standard_score,
        assessments.recommended_standard_score,
        coalesce(assessments.rating_rank, 0) < 1 as is_below_basic_standard,
        coalesce(assessments.rating_rank, 0) < 2 as is_below_recommended_standard
    from health_centres
    inner join latest_assessment_year on health_centres.org_unit_id = latest_assessment_year.org_unit_id
    left join assessments
        on latest_assessment_year.org_unit_id = assessments.institution_id
        and latest_assessment_year.assessment_year = assessments.assessment_year

)

select * from final
