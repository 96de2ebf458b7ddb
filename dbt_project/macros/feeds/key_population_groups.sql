{#- The key populations of family-doctor signing (BRIEF §2), in display order:
    (group code, name shown, flag column of the contract, population column of
    stg_reference__township_population). A resident may belong to several. -#}
{% macro key_population_groups() %}
    {{ return([
        ('elderly_65_plus', '65岁及以上老年人', 'is_elderly_65', 'population_65_plus'),
        ('hypertension', '高血压患者', 'has_hypertension', 'hypertension_patients'),
        ('type2_diabetes', '2型糖尿病患者', 'has_type2_diabetes', 'type2_diabetes_patients'),
        ('maternal', '孕产妇', 'is_maternal', 'maternal_population'),
        ('children_0_6', '0-6岁儿童', 'is_child_0_6', 'children_0_6_population'),
        ('disabled', '残疾人', 'is_disabled', 'disabled_population'),
        ('severe_mental_disorder', '严重精神障碍患者', 'has_severe_mental_disorder', 'severe_mental_disorder_patients'),
        ('tuberculosis', '结核病患者', 'has_tuberculosis', 'tuberculosis_patients'),
    ]) }}
{% endmacro %}
