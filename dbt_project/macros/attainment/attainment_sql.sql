{#- Small cross-database helpers for the attainment models. Marts call these (or dbt's own
    cross-database macros) instead of adapter-specific syntax. -#}

{#- A 64-bit floating point type: dbt.type_float() is 32-bit REAL on DuckDB. -#}
{% macro attainment_type_double() -%}
    {{ return(adapter.dispatch('attainment_type_double')()) }}
{%- endmacro %}

{% macro default__attainment_type_double() -%}
    double
{%- endmacro %}

{% macro postgres__attainment_type_double() -%}
    double precision
{%- endmacro %}


{#- First day of the month of a date or timestamp, as a date. -#}
{% macro attainment_month_start(date_expression) -%}
    cast({{ dbt.date_trunc('month', date_expression) }} as date)
{%- endmacro %}


{#- A date moved by a whole number of months, as a date. -#}
{% macro attainment_add_months(months_expression, date_expression) -%}
    cast({{ dbt.dateadd('month', months_expression, date_expression) }} as date)
{%- endmacro %}


{#- Whole months from one month start to another (negative when the second is earlier). -#}
{% macro attainment_months_between(from_month, to_month) -%}
    {{ dbt.datediff(from_month, to_month, 'month') }}
{%- endmacro %}


{#- December (first day) of a year given as a number. -#}
{% macro attainment_december_of(year_expression) -%}
    {{ attainment_add_months(
        '11',
        attainment_add_months(
            '(' ~ year_expression ~ ' - 2020) * 12',
            "cast('2020-01-01' as date)"
        )
    ) }}
{%- endmacro %}


{#- Rank of an org / evaluation level, 0 = national … 5 = institution; null when unknown. -#}
{% macro attainment_level_rank(level_expression) -%}
    case {{ level_expression }}
        when 'national' then 0
        when 'province' then 1
        when 'city' then 2
        when 'county' then 3
        when 'township' then 4
        when 'institution' then 5
    end
{%- endmacro %}


{#- A region name without its administrative suffix (山西省 → 山西, 保定市 → 保定), kept whole
    when that would leave a single character (易县 stays 易县). -#}
{% macro attainment_region_stem(name_expression) -%}
    case
        when {{ dbt.length(name_expression) }} > 2
            and {{ dbt.right(name_expression, '1') }} in ('省', '市', '县', '区')
            then substring({{ name_expression }}, 1, {{ dbt.length(name_expression) }} - 1)
        else {{ name_expression }}
    end
{%- endmacro %}


{#- A number as the same text on every engine, for fingerprints: its whole millionths.
    Text of a double differs (DuckDB 15000000.0, Spark 1.5E7), and so does text of a
    decimal (DuckDB 0.000000000, Spark 0E-9); an integer's digits do not. -#}
{% macro fingerprint_number(expression) -%}
    cast(round({{ expression }} * 1000000) as bigint)
{%- endmacro %}


{#- A stable text fingerprint of several expressions (nulls distinguished from ''). -#}
{% macro attainment_fingerprint(expressions) -%}
    {%- set parts = [] -%}
    {%- for expression in expressions -%}
        {%- do parts.append("coalesce(cast(" ~ expression ~ " as " ~ dbt.type_string() ~ "), '~')") -%}
        {%- if not loop.last -%}{%- do parts.append("'|'") -%}{%- endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}


{#- The values of a text column within a group, sorted and joined with ',' — an
    order-independent list for fingerprints. dbt.listagg where the adapter supports an
    ordered listagg; Spark sorts a collected list instead. -#}
{% macro attainment_sorted_list(measure) -%}
    {{ return(adapter.dispatch('attainment_sorted_list')(measure)) }}
{%- endmacro %}

{% macro default__attainment_sorted_list(measure) -%}
    {{ dbt.listagg(measure, "','", 'order by ' ~ measure) }}
{%- endmacro %}

{% macro spark__attainment_sorted_list(measure) -%}
    array_join(array_sort(collect_list({{ measure }})), ',')
{%- endmacro %}
