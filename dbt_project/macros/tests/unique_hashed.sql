{#- Generic test: what dbt's `unique` test checks and returns (each repeated value with its
    count), for columns of ~100 M values. Values are first grouped by their key_hash,
    far cheaper than grouping the text (province contract ids: 24 s -> 8 s for 111 M), and
    only values whose hash occurs twice are compared as they are. -#}
{% test unique_hashed(model, column_name) %}
    with repeated_hashes as (
        select {{ key_hash([column_name]) }} as value_hash
        from {{ model }}
        where {{ column_name }} is not null
        group by {{ key_hash([column_name]) }}
        having count(*) > 1
    )

    select {{ column_name }} as unique_field, count(*) as n_records
    from {{ model }}
    where {{ column_name }} is not null
        and {{ key_hash([column_name]) }} in (select value_hash from repeated_hashes)
    group by {{ column_name }}
    having count(*) > 1
{% endtest %}
