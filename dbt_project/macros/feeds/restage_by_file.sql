{#- Incremental staging of a feed by file: a build restages only the keys whose rows in raw
    may have changed since the last build, and keeps every other staged row as it is.

    Raw changes a whole file at a time (orchestration/defs/assets/feeds.py): a file is
    loaded, reloaded with new content (its earlier rows replaced) or removed (its rows
    deleted), and the load audit holds one row per file present, with the time it was
    loaded. Each staged row keeps the load time of its file (file_loaded_at), so the files
    that changed are those whose load time in the audit differs from the staged one, or
    that only one of the two holds. The keys to restage are those of the changed files'
    rows, in raw now and in the table as it was: a key's latest submission can only change
    if one of its submissions came or went.

    Keys of changed files are ranked again over all their submissions in raw, and inserted;
    the post-hook then deletes the rows those keys had before (staged_at marks which rows
    this build inserted). Rows with a null key are restaged with their file. A file none
    of whose rows is staged (all superseded, or none accepted) counts as changed on every
    build: its keys are ranked again, to the same result. -#}

{#- The time this dbt invocation started: the staged_at of the rows it inserts. -#}
{% macro this_build_started_at() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- Files whose rows in raw may differ from those the table was built from. -#}
{% macro restaged_files(feed_name) %}
    select coalesce(audited.source_file, staged.source_file) as source_file
    from (
        select source_file, loaded_at
        from {{ source('feeds', 'feed_load_audit') }}
        where feed = '{{ feed_name }}'
    ) as audited
    full outer join (
        select distinct source_file, file_loaded_at
        from {{ this }}
        where staged_at < {{ this_build_started_at() }}
    ) as staged
        on audited.source_file = staged.source_file
    where audited.loaded_at is distinct from staged.file_loaded_at
{% endmacro %}

{#- Keys submitted in a changed file, now or when the table was built. -#}
{% macro restaged_keys(relation, feed_name, key_column) %}
    select {{ key_column }}
    from {{ relation }}
    where source_file in ({{ restaged_files(feed_name) }})
        and {{ key_column }} is not null
    union
    select {{ key_column }}
    from {{ this }}
    where staged_at < {{ this_build_started_at() }}
        and source_file in ({{ restaged_files(feed_name) }})
        and {{ key_column }} is not null
{% endmacro %}

{#- Whether a row of `alias` is restaged: from a changed file, or of a restaged key. Both are
    uncorrelated `in` lists: DuckDB ran a correlated `exists` over the keys as a join of
    every stored key (province: 60 s instead of 5 s for the delete). -#}
{% macro is_restaged(alias, relation, feed_name, key_column) %}
    (
        {{ alias }}.source_file in ({{ restaged_files(feed_name) }})
        or {{ alias }}.{{ key_column }} in ({{ restaged_keys(relation, feed_name, key_column) }})
    )
{% endmacro %}

{#- The submissions to rank in this build: all of `relation`, or on an incremental build
    those of the restaged keys. -#}
{% macro restaged_submissions(relation, feed_name, key_column) %}
    select submissions.*
    from {{ relation }} as submissions
    {%- if is_incremental() %}
    where {{ is_restaged('submissions', relation, feed_name, key_column) }}
    {%- endif %}
{% endmacro %}

{#- Post-hook: the rows of restaged keys staged by earlier builds. -#}
{% macro delete_restaged_rows(relation, feed_name, key_column) %}
    {%- if is_incremental() -%}
    delete from {{ this }} as stored
    where stored.staged_at < {{ this_build_started_at() }}
        and {{ is_restaged('stored', relation, feed_name, key_column) }}
    {%- endif -%}
{% endmacro %}
