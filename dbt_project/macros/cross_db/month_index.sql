{#- A month as one number (year * 12 + month - 1), so runs of months compare and subtract as
    integers on every adapter. -#}
{% macro month_index(date_expression) -%}
    (extract(year from {{ date_expression }}) * 12 + extract(month from {{ date_expression }}) - 1)
{%- endmacro %}
