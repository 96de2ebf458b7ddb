{#- Generic test: a rate's numerator is never negative and never exceeds its denominator
    (except densities, whose factor is not a percentage base). -#}
{% test numerator_within_denominator(model) %}
    select *
    from {{ model }}
    where numerator < 0
        or (indicator_code <> 'village_doctor_density' and numerator > denominator)
{% endtest %}
