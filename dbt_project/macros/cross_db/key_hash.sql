{#- A hash of one or more key expressions, for grouping and joining large keys by a
    fixed-size value instead of their text: DuckDB hash() and Spark xxhash64(), 64-bit
    numbers. Equal keys hash alike, different keys rarely do, so callers only narrow down
    candidates with it and compare those exactly. Elsewhere it is the md5 of the keys as
    text, which also makes null, '' and some keys with '|' alike: slower than the text
    itself, and callers still give the same results. -#}
{% macro key_hash(expressions) -%}
    {{ return(adapter.dispatch('key_hash')(expressions)) }}
{%- endmacro %}

{% macro default__key_hash(expressions) -%}
    {%- set as_text = [] -%}
    {%- for expression in expressions -%}
        {%- do as_text.append("coalesce(cast(" ~ expression ~ " as " ~ dbt.type_string() ~ "), '')") -%}
        {%- if not loop.last %}{% do as_text.append("'|'") %}{% endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(as_text)) }}
{%- endmacro %}

{% macro duckdb__key_hash(expressions) -%}
    hash({{ expressions | join(', ') }})
{%- endmacro %}

{% macro spark__key_hash(expressions) -%}
    xxhash64({{ expressions | join(', ') }})
{%- endmacro %}
