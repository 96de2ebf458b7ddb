{#- Residents with a family-doctor contract in force at each month's end, per township and
    population group: every resident ('all_residents'), the key population as a whole
    ('key_population'), and each key-population group. Only counts above zero are stored.
    Read by int_indicator_parts (the two signing indicators) and fct_signing_by_key_population,
    so the contracts — the largest feed, 125 M rows at province scale — are counted once per
    refresh.

    Pairing every contract with every month it spans grows as contracts × months (1.4 billion
    pairs at province scale). Instead, a contract covers a run of month ends, and for a
    resident whose runs never overlap, +1 at a run's first month and -1 after its last, summed
    up to a month, count them exactly: one scan and an aggregate, no sort. Only residents with
    overlapping runs (a correction beside the original, ~2 % of residents) would be counted
    twice: their runs' +1/-1 are taken back out, and they are paired with their months and
    counted distinctly instead. (Taking them out, rather than keeping every other resident's
    runs by an anti-join, spares materialising those 37 M runs: province incremental
    10.8 s -> 9.1 s.) Overlapping residents are found by resident_id_hash, a number that sorts
    and joins faster than the text (the ordering window 7.3 s -> 3.8 s); residents sharing a
    hash are at worst taken as overlapping and counted by pairing, which is exact for anyone.
    The hash and each contract's covered month ends are stored by the staging table, which
    derives them once per contract (the model in a province incremental refresh 10.6 s -> 5.9 s).

    Incremental by month, as fct_indicator_actuals: a build counts again the months from
    `actuals_lookback_months` before the latest one stored, where new and corrected
    contracts land, and reads only the contracts in force at one of those month ends
    (province: 37 M of 111 M). Older months keep their counts until a full refresh. -#}
{{ config(**month_incremental_config('period_month', 'period_month')) }}

{%- set groups = key_population_groups() -%}
{%- set flag_columns = ['is_key_population'] + groups | map(attribute=2) | list -%}

{#- The first month counted (its month_index): on an incremental build the
    lookback's, else the first of all. Read before the build and written into the SQL as a
    number: as a subquery, DuckDB could not estimate what it keeps and paired every run with
    its months before keeping the overlapping residents' (province: 23 s of 43 s). -#}
{%- set first_counted_month_index = 0 -%}
{%- if execute and is_incremental() -%}
    {%- set lookback_query -%}
        select {{ month_index('recount_from') }}
        from (
            select {{ dbt.dateadd('month', -1 * var('actuals_lookback_months'), 'max(period_month)') }} as recount_from
            from {{ this }}
        ) as lookback
    {%- endset -%}
    {%- set first_counted_month_index = (run_query(lookback_query).columns[0].values()[0] or 0) | int -%}
{%- endif %}

{#- The run of month ends each contract covers from the first month counted, as a subquery
    written out where it is read, not a CTE: DuckDB materialises a CTE read more than once,
    here 111 M rows spilled to disk (~9 GB); three scans of the staged table cost a fraction
    of that (province: 104 s -> 62 s). -#}
{%- set covering_runs -%}
    select * from (
        select
            contracts.*,
            -- Cut at the first month counted: the counts from then on stay, and fewer runs overlap.
            greatest(first_covered_month_index, {{ first_counted_month_index }}) as first_month_index,
            last_covered_month_index as last_month_index
        from {{ ref('stg_feeds__family_doctor_contracts') }} as contracts
        {%- if is_incremental() %}
        -- A filter of the scan itself, which then reads the other columns of the contracts
        -- kept only (province: 36 M of 110 M; 17 s -> 12.5 s).
        where last_covered_month_index >= {{ first_counted_month_index }}
        {%- endif %}
    ) as runs
    where first_month_index <= last_month_index
{%- endset -%}

with

months as (

    select
        period_month,
        {{ month_index('period_month') }} as month_index
    from {{ ref('int_feed_months') }}
    where {{ month_index('period_month') }} >= {{ first_counted_month_index }}

),

overlapping_residents as (

    select distinct resident_id_hash
    from (
        select
            resident_id_hash,
            first_month_index,
            max(last_month_index) over (
                partition by resident_id_hash
                order by first_month_index, last_month_index
                rows between unbounded preceding and 1 preceding
            ) as covered_until
        from ({{ covering_runs }}) as covering_runs
    ) as ordered_runs
    where first_month_index <= covered_until

),

runs_overlapping as (

    select covering_runs.*
    from ({{ covering_runs }}) as covering_runs
    inner join overlapping_residents on covering_runs.resident_id_hash = overlapping_residents.resident_id_hash

),

coverage_changes as (

    {#- Every run's +1 and -1, less those of the runs counted by pairing. #}
    select
        resident_township_id,
        case when run_edges.residents_change = 1 then first_month_index else last_month_index + 1 end as month_index,
        run_edges.residents_change,
        {{ flag_columns | join(', ') }}
    from ({{ covering_runs }}) as covering_runs
    cross join (select 1 as residents_change union all select -1) as run_edges
    union all
    select resident_township_id, first_month_index, -1, {{ flag_columns | join(', ') }}
    from runs_overlapping
    union all
    select resident_township_id, last_month_index + 1, 1, {{ flag_columns | join(', ') }}
    from runs_overlapping

),

coverage_changes_by_month as (

    select
        resident_township_id,
        month_index,
        sum(residents_change) as all_residents,
        sum(case when is_key_population then residents_change else 0 end) as key_population
        {%- for group_code, _, flag_column, _ in groups %},
        sum(case when {{ flag_column }} then residents_change else 0 end) as {{ group_code }}
        {%- endfor %}
    from coverage_changes
    group by resident_township_id, month_index

),

counted_by_changes as (

    select
        coverage_changes_by_month.resident_township_id as township_id,
        months.period_month,
        sum(coverage_changes_by_month.all_residents) as all_residents,
        sum(coverage_changes_by_month.key_population) as key_population
        {%- for group_code, _, _, _ in groups %},
        sum(coverage_changes_by_month.{{ group_code }}) as {{ group_code }}
        {%- endfor %}
    from coverage_changes_by_month
    inner join months on coverage_changes_by_month.month_index <= months.month_index
    group by 1, 2

),

counted_by_pairing as (

    select
        runs_overlapping.resident_township_id as township_id,
        months.period_month,
        count(distinct runs_overlapping.resident_id) as all_residents,
        count(distinct case when runs_overlapping.is_key_population then runs_overlapping.resident_id end) as key_population
        {%- for group_code, _, flag_column, _ in groups %},
        count(distinct case when runs_overlapping.{{ flag_column }} then runs_overlapping.resident_id end) as {{ group_code }}
        {%- endfor %}
    from runs_overlapping
    inner join months
        on months.month_index between runs_overlapping.first_month_index and runs_overlapping.last_month_index
    group by 1, 2

),

counted as (

    select * from counted_by_changes
    union all
    select * from counted_by_pairing

),

per_township_month as (

    select
        township_id,
        period_month,
        sum(all_residents) as all_residents,
        sum(key_population) as key_population
        {%- for group_code, _, _, _ in groups %},
        sum({{ group_code }}) as {{ group_code }}
        {%- endfor %}
    from counted
    group by township_id, period_month

),

by_group as (

    select township_id, period_month, 'all_residents' as population_group, all_residents as signed_residents
    from per_township_month
    union all
    select township_id, period_month, 'key_population', key_population
    from per_township_month
    {%- for group_code, _, _, _ in groups %}
    union all
    select township_id, period_month, '{{ group_code }}', {{ group_code }}
    from per_township_month
    {%- endfor %}

)

select * from by_group
where signed_residents > 0
