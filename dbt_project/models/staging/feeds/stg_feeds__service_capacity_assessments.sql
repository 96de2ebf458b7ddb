with

current_assessments as (

    {{ latest_submission(source('feeds', 'feed_service_capacity_assessments'), ['institution_id', 'year']) }}

),

renamed as (

    select
        institution_id,
        cast(year as integer) as assessment_year,
        rating,
        case rating
            when '未达标' then 0
            when '基本标准' then 1
            when '推荐标准' then 2
            when '社区医院' then 3
        end as rating_rank,
        basic_standard_score,
        recommended_standard_score
    from current_assessments

)

select * from renamed
