{#- Generic test: what dbt's `unique` test checks and returns (each repeated value with its
    count), for columns of ~100 M values. Values are first grouped by their key_hash,
    far cheaper than grouping the text (province contract ids: 24 s -> 8 s for 111 M), and
    only values whose hash occurs twice are compared as they are.

    `build_column` is for a table built incrementally whose rows carry the time of the build
    that wrote them (e.g. staged_at): then only the values the latest build wrote are
    checked, against the whole table. Values written by earlier builds were checked by
    theirs, and a later build can repeat one only by writing it, so the table stays checked
    whole (province: 8.6 s -> 1.9 s a night). A build whose check failed has failed: the
    remedy is a full refresh, after which every row is the latest build's again. -#}
{% test unique_hashed(model, column_name, build_column=none) %}
    {%- set latest_build = none -%}
    {%- if build_column and execute -%}
        {%- set builds = run_query(
            "select min(" ~ build_column ~ "), max(" ~ build_column ~ ") from " ~ model
        ).rows[0] -%}
        {%- if builds[0] != builds[1] -%}
            {%- set latest_build = builds[1] -%}
        {%- endif -%}
    {%- endif %}
    with repeated_hashes as (
        select {{ key_hash([column_name]) }} as value_hash
        from {{ model }}
        where {{ column_name }} is not null
        {%- if latest_build is not none %}
            and {{ key_hash([column_name]) }} in (
                select {{ key_hash([column_name]) }}
                from {{ model }}
                -- Written in as a literal, the latest build's rows are found by the storage's
                -- min/max per block, without reading the others.
                where {{ build_column }} = cast('{{ latest_build }}' as {{ dbt.type_timestamp() }})
            )
        {%- endif %}
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
