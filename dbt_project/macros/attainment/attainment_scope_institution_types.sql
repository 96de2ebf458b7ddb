{#- The one place that says which institutions a scope phrase names, for targets evaluated
    at institution level (e.g. "牵头医院要将至少20%的门诊号源向成员单位开放" binds every
    consortium lead hospital under the target's region).

    A scope matches a keyword when the keyword occurs anywhere in it; a scope matching
    several keywords binds the union of their institutions. `institution_type` is a value of
    dim_org_units.institution_type; `is_consortium_lead_only` rows bind consortium lead
    institutions of any type instead. Add a row here when a new phrase appears. -#}
{% macro attainment_scope_keywords() -%}
    {%- do return([
        {'keyword': '乡镇卫生院', 'institution_type': '乡镇卫生院'},
        {'keyword': '中心卫生院', 'institution_type': '乡镇卫生院'},
        {'keyword': '卫生院', 'institution_type': '乡镇卫生院'},
        {'keyword': '社区卫生服务中心', 'institution_type': '社区卫生服务中心'},
        {'keyword': '社区卫生服务站', 'institution_type': '社区卫生服务站'},
        {'keyword': '社区医院', 'institution_type': '社区卫生服务中心'},
        {'keyword': '村卫生室', 'institution_type': '村卫生室'},
        {'keyword': '基层医疗卫生机构', 'institution_type': '乡镇卫生院'},
        {'keyword': '基层医疗卫生机构', 'institution_type': '社区卫生服务中心'},
        {'keyword': '基层医疗卫生机构', 'institution_type': '社区卫生服务站'},
        {'keyword': '基层医疗卫生机构', 'institution_type': '村卫生室'},
        {'keyword': '基层医疗机构', 'institution_type': '乡镇卫生院'},
        {'keyword': '基层医疗机构', 'institution_type': '社区卫生服务中心'},
        {'keyword': '基层医疗机构', 'institution_type': '社区卫生服务站'},
        {'keyword': '基层医疗机构', 'institution_type': '村卫生室'},
        {'keyword': '县级医院', 'institution_type': '县级医院'},
        {'keyword': '县医院', 'institution_type': '县级医院'},
        {'keyword': '县级综合医院', 'institution_type': '县级医院'},
        {'keyword': '县级中医院', 'institution_type': '县级医院'},
        {'keyword': '县办中医院', 'institution_type': '县级医院'},
        {'keyword': '二级医院', 'institution_type': '二级医院'},
        {'keyword': '三级医院', 'institution_type': '三级医院'},
        {'keyword': '二级及以上', 'institution_type': '二级医院'},
        {'keyword': '二级及以上', 'institution_type': '三级医院'},
        {'keyword': '二级及以上', 'institution_type': '县级医院'},
        {'keyword': '牵头医院', 'is_consortium_lead_only': true},
        {'keyword': '牵头单位', 'is_consortium_lead_only': true},
        {'keyword': '龙头医院', 'is_consortium_lead_only': true},
    ]) -%}
{%- endmacro %}


{#- The mapping above as a relation (scope_keyword, institution_type,
    is_consortium_lead_only), written as a union of selects so any adapter can run it. -#}
{% macro attainment_scope_institution_types_relation() -%}
    {%- for row in attainment_scope_keywords() %}
    select
        '{{ row.keyword }}' as scope_keyword,
        {% if row.get('institution_type') -%}
        '{{ row.institution_type }}'
        {%- else -%}
        cast(null as {{ dbt.type_string() }})
        {%- endif %} as institution_type,
        {{ 'true' if row.get('is_consortium_lead_only', false) else 'false' }} as is_consortium_lead_only
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}
