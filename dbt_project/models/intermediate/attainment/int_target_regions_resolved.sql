{#- Locates each target statement's region (target_region, e.g. 厦门市, 易县, 山西省) in the
    org hierarchy. Only provinces, cities and counties are candidates. An exact name match
    beats a match without the administrative suffix (保定 ~ 保定市); among equals, a unit
    inside the issuing document's region wins; a tie that remains is reported as
    ambiguous and binds nothing. Rejected statements are left out. -#}
with

targets as (

    select * from {{ ref('fct_policy_targets') }}

),

org_units as (

    select * from {{ ref('dim_org_units') }}

),

live_targets as (

    select
        target_id,
        target_kind,
        target_region,
        issuing_region
    from targets
    where coalesce(review_status, 'unreviewed') <> 'rejected'

),

regions as (

    select
        org_unit_id,
        org_unit_name,
        org_level,
        org_level_rank,
        province_name,
        city_name,
        county_name,
        {{ attainment_region_stem('org_unit_name') }} as name_stem
    from org_units
    where org_level in ('province', 'city', 'county')

),

candidates as (

    select
        live_targets.target_id,
        regions.org_unit_id,
        regions.org_level,
        regions.org_level_rank,
        case when regions.org_unit_name = live_targets.target_region then 2 else 1 end as match_quality,
        case
            when live_targets.issuing_region in (
                regions.org_unit_name, regions.province_name, regions.city_name, regions.county_name
            ) then 1
            else 0
        end as is_inside_issuing_region
    from live_targets
    {# equal names have equal stems, so one equi-join finds both kinds of match #}
    inner join regions
        on regions.name_stem = {{ attainment_region_stem('live_targets.target_region') }}

),

ranked_candidates as (

    select
        candidates.*,
        rank() over (
            partition by candidates.target_id
            order by candidates.match_quality desc, candidates.is_inside_issuing_region desc
        ) as candidate_rank
    from candidates

),

best_candidates as (

    select
        target_id,
        count(*) as best_candidate_count,
        max(match_quality) as match_quality,
        max(org_unit_id) as org_unit_id,
        max(org_level) as org_level,
        max(org_level_rank) as org_level_rank
    from ranked_candidates
    where candidate_rank = 1
    group by target_id

),

final as (

    select
        live_targets.target_id,
        live_targets.target_kind,
        live_targets.target_region,
        case
            when best_candidates.target_id is null then 'not_found'
            when best_candidates.best_candidate_count > 1 then 'ambiguous'
            when best_candidates.match_quality = 2 then 'exact_name'
            else 'name_without_suffix'
        end as region_match,
        case when best_candidates.best_candidate_count = 1 then best_candidates.org_unit_id end as region_org_unit_id,
        case when best_candidates.best_candidate_count = 1 then best_candidates.org_level end as region_org_level,
        case when best_candidates.best_candidate_count = 1 then best_candidates.org_level_rank end as region_org_level_rank
    from live_targets
    left join best_candidates on live_targets.target_id = best_candidates.target_id

)

select * from final
