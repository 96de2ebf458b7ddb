{#- Status codes of the attainment marts, best first, with their dashboard labels.
    no_data is grey on the dashboards, never red. -#}
{% macro attainment_status_codes() -%}
    {%- do return(['met', 'on_track', 'at_risk', 'off_track', 'no_data']) -%}
{%- endmacro %}

{% macro attainment_status_labels() -%}
    {%- do return({
        'met': '达标',
        'on_track': '进度正常',
        'at_risk': '需加快',
        'off_track': '滞后',
        'no_data': '无数据',
    }) -%}
{%- endmacro %}

{% macro attainment_status_label(status_code_expression) -%}
    case {{ status_code_expression }}
        {%- for code, label in attainment_status_labels().items() %}
        when '{{ code }}' then '{{ label }}'
        {%- endfor %}
    end
{%- endmacro %}


{#- The status band of one row, from columns of the row (see docs/attainment.md):
    no actual → no_data; comparator satisfied → met; open-ended (standard, no deadline)
    → at_risk / off_track by the shortfall against the target; deadline passed → off_track;
    otherwise the shortfall against the expected value, in % of it, picks on_track /
    at_risk / off_track with the thresholds from the vars. -#}
{% macro attainment_status_code(
    actual, gap_to_target, gap_to_expected, expected, goal, is_open_ended, is_past_deadline
) -%}
    {%- set on_track = attainment_status_threshold('on_track_max_shortfall_pct') -%}
    {%- set at_risk = attainment_status_threshold('at_risk_max_shortfall_pct') -%}
    case
        when {{ actual }} is null then 'no_data'
        when {{ gap_to_target }} <= 0 then 'met'
        when {{ is_open_ended }} then
            case
                when {{ goal }} <> 0
                    and 100 * {{ gap_to_target }} / abs({{ goal }}) <= {{ at_risk }} then 'at_risk'
                else 'off_track'
            end
        when {{ is_past_deadline }} then 'off_track'
        when {{ expected }} is null then 'no_data'
        when {{ gap_to_expected }} <= 0 then 'on_track'
        when {{ expected }} = 0 then 'off_track'
        when 100 * {{ gap_to_expected }} / abs({{ expected }}) <= {{ on_track }} then 'on_track'
        when 100 * {{ gap_to_expected }} / abs({{ expected }}) <= {{ at_risk }} then 'at_risk'
        else 'off_track'
    end
{%- endmacro %}
