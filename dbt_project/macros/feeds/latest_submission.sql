{#- The rows of `relation` still in force: for each key, the latest submission wins,
    ordered by delivery date, then file, then row (docs/feeds/README.md). -#}
{% macro latest_submission(relation, key_columns) %}
    select * from (
        select
            submissions.*,
            row_number() over (
                partition by {{ key_columns | join(', ') }}
                order by delivered_on desc, source_file desc, source_row desc
            ) as submission_rank
        from {{ relation }} as submissions
    ) as ranked
    where submission_rank = 1
{% endmacro %}
