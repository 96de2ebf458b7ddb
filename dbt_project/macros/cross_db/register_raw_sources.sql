{#- On-run-start hook. The Python assets write the raw tables into DuckDB's `raw` schema,
    where the DuckDB target reads them directly: nothing to do there. On Spark the raw
    tables arrive as Parquet folders (orchestration/spark/raw_export.py; feeds partitioned
    by delivery month) and each source of schema `raw` becomes a view over its folder, so
    source(), the staging models and the source tests stay the same on both engines. A view
    lists the files when it is queried: partitions landed since the last run are picked up
    without refreshing a metastore. The statements run one by one (a Spark connection
    takes one statement at a time); the hook itself renders no SQL. -#}
{% macro register_raw_sources() -%}
    {{ return(adapter.dispatch('register_raw_sources')()) }}
{%- endmacro %}

{% macro default__register_raw_sources() -%}
{%- endmacro %}

{% macro spark__register_raw_sources() -%}
    {%- if execute -%}
        {%- set parquet_root = raw_parquet_root() -%}
        {%- do run_query('create schema if not exists raw') -%}
        {%- set identifiers = [] -%}
        {%- for source_node in graph.sources.values() if source_node.schema == 'raw' -%}
            {%- if source_node.identifier not in identifiers -%}
                {%- do identifiers.append(source_node.identifier) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for identifier in identifiers | sort -%}
            {%- do run_query(
                'create or replace view raw.' ~ identifier
                ~ ' as select * from parquet.`' ~ parquet_root ~ '/' ~ identifier ~ '`'
            ) -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}


{#- Where orchestration/spark/raw_export.py lands the raw tables: RAW_PARQUET_DIR, which the
    pipeline sets to an absolute path (the default suits dbt run by hand from dbt_project/). -#}
{% macro raw_parquet_root() -%}
    {{ return(env_var('RAW_PARQUET_DIR', '../data/lake/raw').rstrip('/')) }}
{%- endmacro %}
