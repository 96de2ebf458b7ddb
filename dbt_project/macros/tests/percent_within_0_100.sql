{#- Values of indicators measured in % stay within 0–100; other units (per 1000) are free.
    The unit comes from the indicator catalogue, so a new % indicator is covered at once. -#}
{% test percent_within_0_100(model, column_name, indicator_column='indicator_code') %}

    select checked.*
    from {{ model }} as checked
    inner join {{ ref('dim_indicators') }} as indicators
        on checked.{{ indicator_column }} = indicators.indicator_code
    where indicators.unit = '%'
        and checked.{{ column_name }} is not null
        and (checked.{{ column_name }} < 0 or checked.{{ column_name }} > 100)

{% endtest %}
