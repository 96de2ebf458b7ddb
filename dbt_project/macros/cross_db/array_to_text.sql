{#- The elements of a text array joined with a separator (nulls skipped): array_to_string on
    DuckDB and Postgres, array_join on Spark. -#}
{% macro array_to_text(array_expression, separator) -%}
    {{ return(adapter.dispatch('array_to_text')(array_expression, separator)) }}
{%- endmacro %}

{% macro default__array_to_text(array_expression, separator) -%}
    array_to_string({{ array_expression }}, {{ separator }})
{%- endmacro %}

{% macro spark__array_to_text(array_expression, separator) -%}
    array_join({{ array_expression }}, {{ separator }})
{%- endmacro %}
