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
    ranked again, to the same result.

    What a build reads is split so that the common night reads little: the rows of the
    changed files, and only for keys the table already held ("staged keys": a correction
    of an earlier contract, a reloaded or removed file) their submissions in other files.
    A key the table did not hold has all its submissions in changed files, or an earlier
    build would have staged it. The changed files, and whether there are staged keys, are
    read before the build (run_query) and written into its SQL, whose comment the post-hook
    reads them back from: a night that brings only new contracts reads the new files' blocks
    of raw and deletes nothing (province: the model 17 s -> 7 s).

    The table stores each key's key_hash as `<key>_hash`, and staged keys are looked up by
    it: a fixed-size number is scanned and matched far faster than the text (province: the
    staged-keys check 1.9 s -> 0.4 s over 111 M contracts). A key that merely shares its
    hash with a submitted one is restaged too, to the same result.

    The quarantine mart is kept by file the same way, without keys: a file's rejected rows
    are copied again, whole, when the file changed (delete_rows_of_changed_files). -#}

{#- The time this dbt invocation started: the staged_at of the rows it inserts. -#}
{% macro this_build_started_at() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- Files whose rows in raw may differ from those the table was built from, whether raw
    still holds them (not a removed file), whether the table does (not a new file) and the
    date they were delivered on. The table holds rows of `feed_name` (of every feed if none)
    counted in the audit's `rows_column`: a staged feed its accepted rows, the quarantine
    mart the rejected ones. -#}
{% macro restaged_files(feed_name, rows_column='rows_accepted') %}
    select
        coalesce(audited.source_file, staged.source_file) as source_file,
        audited.source_file is not null as is_in_raw,
        staged.source_file is not null as is_staged,
        audited.delivered_on
    from (
        select source_file, loaded_at, delivered_on
        from {{ source('feeds', 'feed_load_audit') }}
        -- A file without such rows (a file error, a file without a rejected row) has nothing to stage.
        where {{ "feed = '" ~ feed_name ~ "' and " if feed_name }}{{ rows_column }} > 0
    ) as audited
    full outer join (
        select distinct source_file, file_loaded_at
        from {{ this }}
        where staged_at < {{ this_build_started_at() }}
    ) as staged
        on audited.source_file = staged.source_file
    where audited.loaded_at is distinct from staged.file_loaded_at
{% endmacro %}

{#- The changed files, read once before the statements that use them and written in:
      files         their names as an SQL list; "(null)" when none changed, which matches no row;
      staged_files  the same for those the table holds rows of: on a night of new files only,
                    none, and the table's file names need not be read;
      delivered     a condition on delivered_on that every raw row of theirs meets: the range
                    of their delivery dates. Raw is stored in load order, so a new file's rows
                    sit in its last blocks, and as literals the scan skips the others by their
                    min/max dates.
    As subqueries they were computed again in each use, and DuckDB could not tell how few
    rows they keep. -#}
{% macro changed_files(feed_name, rows_column='rows_accepted') %}
    {%- set changed = {"files": "(null)", "staged_files": "(null)", "delivered": "false"} -%}
    {%- if execute -%}
        {%- set names, staged_names, dates, undated = [], [], [], [] -%}
        {%- for source_file, is_in_raw, is_staged, delivered_on in run_query(restaged_files(feed_name, rows_column)).rows -%}
            {%- set quoted = "'" ~ source_file | replace("'", "''") ~ "'" -%}
            {%- do names.append(quoted) -%}
            {%- if is_staged %}{% do staged_names.append(quoted) %}{% endif -%}
            {%- if is_in_raw and delivered_on is none -%}
                {%- do undated.append(source_file) -%}
            {%- elif is_in_raw -%}
                {%- do dates.append(delivered_on) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if names -%}
            {%- do changed.update({"files": "(" ~ names | join(", ") ~ ")"}) -%}
        {%- endif -%}
        {%- if staged_names -%}
            {%- do changed.update({"staged_files": "(" ~ staged_names | join(", ") ~ ")"}) -%}
        {%- endif -%}
        {%- if undated -%}
            {%- do changed.update({"delivered": "true"}) -%}
        {%- elif dates -%}
            {%- do changed.update({"delivered": "delivered_on between cast('" ~ dates | min ~ "' as date) and cast('"
                                                ~ dates | max ~ "' as date)"}) -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(changed) }}
{% endmacro %}

{#- The rows of the changed files in raw, with their keys. -#}
{% macro changed_file_rows(relation, changed) %}
    select *
    from {{ relation }}
    where {{ changed.delivered }} and source_file in {{ changed.files }}
{% endmacro %}

{#- Keys the table holds from an earlier build that this build restages: those of its rows
    from a changed file, and those submitted again in one (by their hash). -#}
{% macro staged_keys(relation, key_column, changed) %}
    select {{ key_column }}
    from {{ this }}
    where staged_at < {{ this_build_started_at() }}
        and (
            source_file in {{ changed.staged_files }}
            or {{ key_column }}_hash in (
                select {{ key_hash([key_column]) }}
                from ({{ changed_file_rows(relation, changed) }}) as changed_rows
                where {{ key_column }} is not null
            )
        )
{% endmacro %}

{#- Whether the table holds rows from an earlier build that this build restages (rows of a
    changed file, rows of keys submitted again), read before the build. -#}
{% macro has_staged_keys(relation, key_column, changed) %}
    {%- if not execute or changed.files == "(null)" -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set found = run_query("select count(*) from (" ~ staged_keys(relation, key_column, changed) ~ ") as staged_keys") -%}
    {{ return(found.columns[0].values()[0] > 0) }}
{% endmacro %}

{#- The submissions to rank in this build: all of `relation`, or on an incremental build
    those of the restaged keys (and the rows with a null key of the changed files). -#}
{% macro restaged_submissions(relation, feed_name, key_column) %}
    {%- if not is_incremental() -%}
    select * from {{ relation }}
    {%- else -%}
    {%- set changed = changed_files(feed_name) -%}
    {%- set restages_staged_keys = has_staged_keys(relation, key_column, changed) %}
    {{ restage_plan_comment({"changed": changed, "restages_staged_keys": restages_staged_keys}) }}
    {{ changed_file_rows(relation, changed) }}
    {%- if restages_staged_keys %}
    union all
    select *
    from {{ relation }}
    where source_file not in {{ changed.files }}
        and {{ key_column }} in ({{ staged_keys(relation, key_column, changed) }})
    {%- endif -%}
    {%- endif -%}
{% endmacro %}

{#- The latest submission of each key of `relation` as a staged table stores it, for a model
    to select its columns from: with its key's hash (`<key>_hash`), its file's load time
    (file_loaded_at) and this build's start (staged_at). On an incremental build, of the
    restaged keys only. -#}
{% macro staged_latest_submissions(relation, feed_name, key_column) %}
    {{- require_documented_columns() }}
    with

    {% if is_incremental() -%}
    restaged_submissions as (

        {{ restaged_submissions(relation, feed_name, key_column) }}

    ),

    {% endif -%}
    latest_submissions as (

        {#- The full build ranks raw itself: a CTE read three times over 125 M contracts
            would be materialised. #}
        {{ latest_submission('restaged_submissions' if is_incremental() else relation, [key_column]) }}

    ),

    audited_files as (

        select source_file, loaded_at
        from {{ source('feeds', 'feed_load_audit') }}
        where feed = '{{ feed_name }}'

    )

    select
        latest_submissions.*,
        {{ key_hash([key_column]) }} as {{ key_column }}_hash,
        audited_files.loaded_at as file_loaded_at,
        {{ this_build_started_at() }} as staged_at
    from latest_submissions
    left join audited_files on latest_submissions.source_file = audited_files.source_file
{% endmacro %}

{#- A table an earlier version built may lack a column the model now stores (and documents
    in its yml): the keys' hashes, a derived column. An incremental build would then fail on
    dbt's schema check, or the lookups by hash would find nothing; say what to do instead. -#}
{% macro require_documented_columns() %}
    {%- if execute and is_incremental() -%}
        {%- set stored = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
        {%- for column in model.columns if column not in stored -%}
            {{ exceptions.raise_compiler_error(this ~ " has no " ~ column ~ " column: it was built by an "
                ~ "earlier version. Rebuild it once: dbt build --full-refresh -s " ~ this.identifier ~ "+") }}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}

{#- What an incremental build restages, worked out before it (the changed files; whether the
    table holds keys of theirs), written into its compiled SQL as a comment for the
    post-hook to read back: dbt renders the hook apart from the model, and working it out
    again read raw and the table a second time (province: ~1.6 s). -#}
{% macro restage_plan_comment(plan) -%}
    -- restage plan: {{ tojson(plan) }}
{%- endmacro %}

{% macro restage_plan_of_this_build() %}
    {%- set found = modules.re.search("-- restage plan: (.*)", compiled_code) -%}
    {%- if not found -%}
        {{ exceptions.raise_compiler_error(this ~ ": its compiled SQL holds no restage plan") }}
    {%- endif -%}
    {{ return(fromjson(found.group(1))) }}
{% endmacro %}

{#- Post-hook: the rows of restaged keys staged by earlier builds, as the build's plan says.
    The rows this build inserted are left out by their staged_at. -#}
{% macro delete_restaged_rows(relation, feed_name, key_column) %}
    {%- if is_incremental() -%}
    {%- set plan = restage_plan_of_this_build() -%}
    {%- if plan.restages_staged_keys -%}
    delete from {{ this }}
    where staged_at < {{ this_build_started_at() }}
        and (
            source_file in {{ plan.changed.staged_files }}
            or {{ key_column }} in ({{ staged_keys(relation, key_column, plan.changed) }})
        )
    {%- endif -%}
    {%- endif -%}
{% endmacro %}

{#- Post-hook of a table that holds whole files' rows (the quarantine mart): the rows earlier
    builds copied from files that changed since, and rows without a staged_at, which a table
    built before it kept one had (the build copied every file again). -#}
{% macro delete_rows_of_changed_files(feed_name, rows_column) %}
    {%- if is_incremental() -%}
    {%- set changed = changed_files(feed_name, rows_column) -%}
    delete from {{ this }}
    where staged_at is null
    {%- if changed.staged_files != "(null)" %}
        or (staged_at < {{ this_build_started_at() }} and source_file in {{ changed.staged_files }})
    {%- endif -%}
    {%- endif -%}
{% endmacro %}
