{#- Which org units each target (and standard) binds: one row per target × bound org unit,
    and one row with a null org_unit_id for a target that binds nothing, so no target is
    lost. Rules (also in _attainment__intermediate.yml and docs/attainment.md):
      1. the target's region is located by int_target_regions_resolved;
      2. evaluation level at or above the region's own level (or unknown) → the region as
         a whole (region_as_whole);
      3. evaluation level city / county / township below the region ("每个县", "各区") →
         each descendant unit at that level separately (each_unit_at_level);
      4. evaluation level institution → the institutions under the region that the scope
         names, through attainment_scope_keywords() (institutions_named_by_scope).
    Only target_kind target / standard; rejected statements are already gone upstream. -#}
with

targets as (

    select * from {{ ref('fct_policy_targets') }}

),

regions_resolved as (

    select * from {{ ref('int_target_regions_resolved') }}

),

org_units as (

    select * from {{ ref('dim_org_units') }}

),

scope_institution_types as (

    {{ attainment_scope_institution_types_relation() }}

),

evaluated_targets as (

    select
        targets.target_id,
        targets.scope,
        targets.evaluation_level,
        {{ attainment_level_rank('targets.evaluation_level') }} as evaluation_level_rank,
        regions_resolved.region_match,
        regions_resolved.region_org_unit_id,
        regions_resolved.region_org_level_rank
    from targets
    inner join regions_resolved on targets.target_id = regions_resolved.target_id
    where targets.target_kind in ('target', 'standard')

),

binding_methods as (

    select
        evaluated_targets.*,
        case
            when evaluated_targets.region_org_unit_id is null then null
            when evaluated_targets.evaluation_level_rank is null
                or evaluated_targets.evaluation_level_rank <= evaluated_targets.region_org_level_rank
                then 'region_as_whole'
            when evaluated_targets.evaluation_level_rank between 2 and 4 then 'each_unit_at_level'
            when evaluated_targets.evaluation_level_rank = 5 then 'institutions_named_by_scope'
        end as binding_method
    from evaluated_targets

),

{# every unit paired with itself and each of its ancestors, so "units under a region" is
    an equi-join on the region's id whatever the region's level #}
unit_ancestors as (

    select org_unit_id as ancestor_org_unit_id, org_unit_id from org_units
    union all
    select province_id as ancestor_org_unit_id, org_unit_id from org_units
    where province_id is not null and province_id <> org_unit_id
    union all
    select city_id as ancestor_org_unit_id, org_unit_id from org_units
    where city_id is not null and city_id <> org_unit_id
    union all
    select county_id as ancestor_org_unit_id, org_unit_id from org_units
    where county_id is not null and county_id <> org_unit_id
    union all
    select township_id as ancestor_org_unit_id, org_unit_id from org_units
    where township_id is not null and township_id <> org_unit_id

),

region_as_whole_bindings as (

    select
        binding_methods.target_id,
        binding_methods.region_org_unit_id as org_unit_id
    from binding_methods
    where binding_methods.binding_method = 'region_as_whole'

),

each_unit_bindings as (

    select
        binding_methods.target_id,
        org_units.org_unit_id
    from binding_methods
    inner join unit_ancestors
        on binding_methods.region_org_unit_id = unit_ancestors.ancestor_org_unit_id
    inner join org_units
        on unit_ancestors.org_unit_id = org_units.org_unit_id
        and org_units.org_level_rank = binding_methods.evaluation_level_rank
    where binding_methods.binding_method = 'each_unit_at_level'

),

scope_matches as (

    select distinct
        binding_methods.target_id,
        binding_methods.region_org_unit_id,
        scope_institution_types.institution_type,
        scope_institution_types.is_consortium_lead_only
    from binding_methods
    inner join scope_institution_types
        on {{ dbt.position('scope_institution_types.scope_keyword', 'binding_methods.scope') }} > 0
    where binding_methods.binding_method = 'institutions_named_by_scope'

),

institution_bindings as (

    select distinct
        scope_matches.target_id,
        org_units.org_unit_id
    from scope_matches
    inner join unit_ancestors
        on scope_matches.region_org_unit_id = unit_ancestors.ancestor_org_unit_id
    inner join org_units
        on unit_ancestors.org_unit_id = org_units.org_unit_id
        and org_units.org_level = 'institution'
        and (
            org_units.institution_type = scope_matches.institution_type
            or (scope_matches.is_consortium_lead_only and org_units.is_consortium_lead)
        )

),

scope_matched_targets as (

    select distinct target_id from scope_matches

),

bound_units as (

    select target_id, org_unit_id from region_as_whole_bindings
    union all
    select target_id, org_unit_id from each_unit_bindings
    union all
    select target_id, org_unit_id from institution_bindings

),

bound_targets as (

    select distinct target_id from bound_units

),

unbound_targets as (

    select
        binding_methods.target_id,
        cast(null as {{ dbt.type_string() }}) as org_unit_id,
        case
            when binding_methods.region_match = 'not_found' then 'region_not_found'
            when binding_methods.region_match = 'ambiguous' then 'region_ambiguous'
            when binding_methods.binding_method = 'institutions_named_by_scope'
                and scope_matched_targets.target_id is null then 'scope_names_no_institution_type'
            else 'no_units_in_scope'
        end as unbound_reason
    from binding_methods
    left join bound_targets on binding_methods.target_id = bound_targets.target_id
    left join scope_matched_targets on binding_methods.target_id = scope_matched_targets.target_id
    where bound_targets.target_id is null

),

all_bindings as (

    select
        bound_units.target_id,
        bound_units.org_unit_id,
        cast(null as {{ dbt.type_string() }}) as unbound_reason
    from bound_units
    union all
    select
        unbound_targets.target_id,
        unbound_targets.org_unit_id,
        unbound_targets.unbound_reason
    from unbound_targets

),

final as (

    select
        {{ dbt.concat(["all_bindings.target_id", "'|'", "coalesce(all_bindings.org_unit_id, '-')"]) }} as target_binding_key,
        all_bindings.target_id,
        all_bindings.org_unit_id,
        all_bindings.org_unit_id is not null as is_bound,
        all_bindings.unbound_reason,
        binding_methods.binding_method,
        binding_methods.evaluation_level,
        binding_methods.region_match,
        binding_methods.region_org_unit_id,
        org_units.org_level,
        org_units.institution_type,
        org_units.is_consortium_lead
    from all_bindings
    inner join binding_methods on all_bindings.target_id = binding_methods.target_id
    left join org_units on all_bindings.org_unit_id = org_units.org_unit_id

)

select * from final
