{#- How the incremental marts are kept on each engine, as config() arguments. DuckDB deletes
    and re-inserts rows by key. Spark tables here are plain Parquet, which cannot delete
    rows (delete/merge need Delta or Iceberg, whose jars a local pyspark does not ship), so
    Spark uses what Parquet can do: overwrite whole partitions, or rebuild the table. -#}

{#- A mart recomputed by month: the incremental query selects whole months, so replacing
    those months is the same as deleting and re-inserting their keys. Spark partitions the
    table by the month and overwrites exactly the partitions the query returns. -#}
{% macro month_incremental_config(unique_key, month_column) -%}
    {{ return(adapter.dispatch('month_incremental_config')(unique_key, month_column)) }}
{%- endmacro %}

{% macro default__month_incremental_config(unique_key, month_column) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': unique_key,
    }) }}
{%- endmacro %}

{% macro spark__month_incremental_config(unique_key, month_column) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'insert_overwrite',
        'partition_by': [month_column],
        'file_format': 'parquet',
    }) }}
{%- endmacro %}


{#- fct_target_attainment: the pre-hook deletes any row of a schedule whose fingerprint
    changed, in any month, which no partition overwrite expresses; on Spark the table is
    rebuilt in full (the same query, with nothing stored). -#}
{% macro attainment_incremental_config() -%}
    {{ return(adapter.dispatch('attainment_incremental_config')()) }}
{%- endmacro %}

{% macro default__attainment_incremental_config() -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': 'attainment_key',
        'on_schema_change': 'fail',
        'pre_hook': '{{ attainment_delete_rows_to_recompute() }}',
    }) }}
{%- endmacro %}

{% macro spark__attainment_incremental_config() -%}
    {{ return({'materialized': 'table', 'file_format': 'parquet'}) }}
{%- endmacro %}


{#- A table restaged by file (macros/feeds/restage_by_file.sql: the staged feeds, the
    quarantine mart): the build appends the restaged rows and its post-hook deletes the rows
    they replace. A change of columns fails unless the model asks otherwise. On Spark the
    table is rebuilt in full. -#}
{% macro restage_by_file_config(post_hook, on_schema_change='fail') -%}
    {{ return(adapter.dispatch('restage_by_file_config')(post_hook, on_schema_change)) }}
{%- endmacro %}

{% macro default__restage_by_file_config(post_hook, on_schema_change) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'append',
        'on_schema_change': on_schema_change,
        'post_hook': post_hook,
    }) }}
{%- endmacro %}

{% macro spark__restage_by_file_config(post_hook, on_schema_change) -%}
    {{ return({'materialized': 'table', 'file_format': 'parquet'}) }}
{%- endmacro %}
