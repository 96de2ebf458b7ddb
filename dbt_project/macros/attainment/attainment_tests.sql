{#- Generic data tests of the attainment marts, written without packages (no dbt deps
    here). Each returns the offending rows; none means pass. -#}

{#- Every row satisfies a boolean SQL expression. -#}
{% test attainment_expression_is_true(model, expression) %}

    select *
    from {{ model }}
    where not ({{ expression }})

{% endtest %}


{#- A numeric column stays within [min_value, max_value] (either bound optional; nulls pass). -#}
{% test attainment_accepted_range(model, column_name, min_value=none, max_value=none) %}

    select *
    from {{ model }}
    where {{ column_name }} is not null
        and (
            1 = 0
            {% if min_value is not none %} or {{ column_name }} < {{ min_value }} {% endif %}
            {% if max_value is not none %} or {{ column_name }} > {{ max_value }} {% endif %}
        )

{% endtest %}


{#- Every row of a parent model (optionally filtered) has at least one row here: nothing
    is silently dropped on the way. -#}
{% test attainment_covers_parent(model, column_name, parent, parent_column, parent_where='1 = 1') %}

    select parent_rows.{{ parent_column }}
    from {{ parent }} as parent_rows
    left join (select distinct {{ column_name }} as covered_key from {{ model }}) as child_rows
        on parent_rows.{{ parent_column }} = child_rows.covered_key
    where ({{ parent_where }})
        and child_rows.covered_key is null

{% endtest %}


{#- Among the targets competing for an indicator at an org unit in a month, exactly one
    binds when any of them is not superseded, and none binds otherwise. -#}
{% test attainment_one_binding_per_competition(model) %}

    select
        indicator_code,
        org_unit_id,
        period_month,
        sum(case when is_binding then 1 else 0 end) as binding_count,
        sum(case when not is_superseded then 1 else 0 end) as candidate_count
    from {{ model }}
    where is_monitored and is_bound
    group by indicator_code, org_unit_id, period_month
    having sum(case when is_binding then 1 else 0 end)
        <> case when sum(case when not is_superseded then 1 else 0 end) > 0 then 1 else 0 end

{% endtest %}


{#- Each target × org unit has one row per month from its first to its last month, with
    no gap (what a correct incremental build must preserve), starting at the plan start. -#}
{% test attainment_months_are_contiguous(model) %}

    select
        target_id,
        coalesce(org_unit_id, '-') as org_unit_key,
        count(*) as row_count,
        min(period_month) as first_month,
        max(period_month) as last_month
    from {{ model }}
    group by target_id, coalesce(org_unit_id, '-')
    having count(*) <> {{ attainment_months_between('min(period_month)', 'max(period_month)') }} + 1
        or min(period_month) <> min(plan_start_month)

{% endtest %}
