{#- Every tunable number of the attainment marts is a dbt var declared in dbt_project.yml
    (vars: attainment_*) and read only through these macros, so the status bands, the
    trend window and the calendar live in one place (docs/attainment.md explains them). -#}

{% macro attainment_setting(name) -%}
    {%- set known = [
        'on_track_max_shortfall_pct',
        'at_risk_max_shortfall_pct',
        'trend_window_months',
        'trend_min_points',
        'projection_horizon_months',
        'incremental_lookback_months',
        'calendar_start_month',
        'calendar_end_month',
    ] -%}
    {%- if name not in known -%}
        {{ exceptions.raise_compiler_error("Unknown attainment setting '" ~ name ~ "'; known: " ~ known | join(', ')) }}
    {%- endif -%}
    {%- set value = var('attainment_' ~ name) -%}
    {{- return(value) -}}
{%- endmacro %}


{#- A status band threshold as a numeric literal; fails the compile when the bands are
    not ordered (on track must be the narrower band). -#}
{% macro attainment_status_threshold(name) -%}
    {%- set on_track = attainment_setting('on_track_max_shortfall_pct') | float -%}
    {%- set at_risk = attainment_setting('at_risk_max_shortfall_pct') | float -%}
    {%- if on_track < 0 or at_risk < on_track -%}
        {{ exceptions.raise_compiler_error(
            "attainment bands need 0 <= attainment_on_track_max_shortfall_pct ("
            ~ on_track ~ ") <= attainment_at_risk_max_shortfall_pct (" ~ at_risk ~ ")") }}
    {%- endif -%}
    {%- if name == 'on_track_max_shortfall_pct' -%}
        {{- return(on_track) -}}
    {%- elif name == 'at_risk_max_shortfall_pct' -%}
        {{- return(at_risk) -}}
    {%- else -%}
        {{ exceptions.raise_compiler_error("Unknown status threshold '" ~ name ~ "'") }}
    {%- endif -%}
{%- endmacro %}


{#- A calendar bound as a date literal. -#}
{% macro attainment_calendar_month(bound) -%}
    cast('{{ attainment_setting("calendar_" ~ bound ~ "_month") }}' as date)
{%- endmacro %}
