{#- Use the layer's schema name as is (staging, intermediate, marts) instead of
    dbt's default "<target schema>_<custom schema>", so dashboards and other
    adapters see the same stable names. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
