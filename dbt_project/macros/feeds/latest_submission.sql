{#- The rows of `relation` still in force: for each key, the latest submission wins,
    ordered by delivery date, then file, then row (docs/feeds/README.md).

    Most keys are submitted once (96 % of contracts), so only keys seen more than once are
    ranked, on the few columns the ranking needs, and the rows they rank below the latest are
    left out. Ranking every row with all its columns instead took ~3x as long at province
    scale (125 M contracts: a window that sorts and spills every row). Keys seen more than
    once are found by their hash, cheaper to group and join than the text (province
    contracts: 103 s -> 85 s for the model); a key that only shares its hash with another is
    ranked too, alone in its partition, and stays. Keys with a null are never ranked. A row
    is identified by (source_file, source_row). -#}
{% macro latest_submission(relation, key_columns) %}
    {%- set repeated_key_columns = [] -%}
    {%- for column in key_columns %}{% do repeated_key_columns.append('repeated.' ~ column) %}{% endfor -%}
    select submissions.*
    from {{ relation }} as submissions
    where not exists (
        select 1
        from (
            select
                repeated.source_file,
                repeated.source_row,
                row_number() over (
                    partition by {% for column in key_columns %}repeated.{{ column }}{{ ", " if not loop.last }}{% endfor %}
                    order by repeated.delivered_on desc, repeated.source_file desc, repeated.source_row desc
                ) as submission_rank
            from {{ relation }} as repeated
            inner join (
                select {{ key_hash(key_columns) }} as key_hash
                from {{ relation }}
                where {{ key_columns | join(' is not null and ') }} is not null
                group by {{ key_hash(key_columns) }}
                having count(*) > 1
            ) as repeated_keys
                on {{ key_hash(repeated_key_columns) }} = repeated_keys.key_hash
            -- A key with a null is never one submission's correction of another.
            where {{ repeated_key_columns | join(' is not null and ') }} is not null
        ) as superseded
        where superseded.submission_rank > 1
            and superseded.source_file = submissions.source_file
            and superseded.source_row = submissions.source_row
    )
{% endmacro %}
