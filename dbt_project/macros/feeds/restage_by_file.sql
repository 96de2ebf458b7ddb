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
    of whose rows is staged (all superseded) counts as changed on every build: its keys are
    ranked again, to the same result. -#}

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
        -- A file without accepted rows (a file error) has nothing to stage.
        where feed = '{{ feed_name }}' and rows_accepted > 0
    ) as audited
    full outer join (
        select distinct source_file, file_loaded_at
        from {{ this }}
        where staged_at < {{ this_build_started_at() }}
    ) as staged
        on audited.source_file = staged.source_file
    where audited.loaded_at is distinct from staged.file_loaded_at
{% endmacro %}

{#- The changed files as a list of SQL literals: read once, before the statement that uses
    them, and written into it. As a subquery they were computed again in each of their
    three uses (a scan of every staged row each), and DuckDB could not tell how few rows
    they keep. "(null)" when no file changed, which matches no row. -#}
{% macro restaged_files_literal(feed_name) %}
    {%- if not execute -%}
        {{ return("(null)") }}
    {%- endif -%}
    {%- set names = run_query(restaged_files(feed_name)).columns[0].values() -%}
    {%- set literals = [] -%}
    {%- for name in names -%}
        {%- do literals.append("'" ~ name | replace("'", "''") ~ "'") -%}
    {%- endfor -%}
    {{ return("(" ~ (literals | join(", ") if literals else "null") ~ ")") }}
{% endmacro %}

{#- Keys submitted in a changed file, now or when the table was built. -#}
{% macro restaged_keys(relation, key_column, changed_files) %}
    select {{ key_column }}
    from {{ relation }}
    where source_file in {{ changed_files }}
        and {{ key_column }} is not null
    union
    select {{ key_column }}
    from {{ this }}
    where staged_at < {{ this_build_started_at() }}
        and source_file in {{ changed_files }}
        and {{ key_column }} is not null
{% endmacro %}

{#- Whether a row of `alias` is restaged: from a changed file, or of a restaged key. The keys
    are an uncorrelated `in` list: DuckDB ran a correlated `exists` over them as a join of
    every stored key (province: 60 s instead of 5 s for the delete). -#}
{% macro is_restaged(alias, relation, key_column, changed_files) %}
    {%- if changed_files == "(null)" -%}
    false
    {%- else -%}
    (
        {{ alias }}.source_file in {{ changed_files }}
        or {{ alias }}.{{ key_column }} in ({{ restaged_keys(relation, key_column, changed_files) }})
    )
    {%- endif -%}
{% endmacro %}

{#- The submissions to rank in this build: all of `relation`, or on an incremental build
    those of the restaged keys. -#}
{% macro restaged_submissions(relation, feed_name, key_column) %}
    select submissions.*
    from {{ relation }} as submissions
    {%- if is_incremental() %}
    where {{ is_restaged('submissions', relation, key_column, restaged_files_literal(feed_name)) }}
    {%- endif %}
{% endmacro %}

{#- Post-hook: the rows of restaged keys staged by earlier builds. The changed files are read
    again: the rows this build inserted are left out by their staged_at, so they are the
    same files. -#}
{% macro delete_restaged_rows(relation, feed_name, key_column) %}
    {%- if is_incremental() -%}
    {%- set changed_files = restaged_files_literal(feed_name) -%}
    {%- if changed_files != "(null)" -%}
    delete from {{ this }} as stored
    where stored.staged_at < {{ this_build_started_at() }}
        and {{ is_restaged('stored', relation, key_column, changed_files) }}
    {%- endif -%}
    {%- endif -%}
{% endmacro %}
