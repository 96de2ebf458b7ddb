{#- Actuals per org unit (every level) × month × indicator, rolled up as Σnumerator ÷
    Σdenominator — never an average of rates. Incremental by month: a refresh rebuilds
    only the last `actuals_lookback_months` months, where late and corrected submissions land. -#}
{#- delete+insert by key on DuckDB, partitions overwritten by month on Spark
    (macros/cross_db/incremental_configs.sql). -#}
{{ config(**month_incremental_config(['org_unit_id', 'period_month', 'indicator_code'], 'period_month')) }}

with

parts as (

    select * from {{ ref('int_indicator_parts') }}
    {% if is_incremental() %}
    where period_month >= (
        select {{ dbt.dateadd('month', -1 * var('actuals_lookback_months'), 'max(period_month)') }} from {{ this }}
    )
    {% endif %}

),

ancestors as (

    select * from {{ ref('int_org_unit_ancestors') }}

),

org_units as (

    select * from {{ ref('dim_org_units') }}

),

indicators as (

    select * from {{ ref('dim_indicators') }}

),

rolled_up as (

    select
        ancestors.ancestor_org_unit_id as org_unit_id,
        parts.period_month,
        parts.indicator_code,
        sum(parts.numerator) as numerator,
        sum(parts.denominator) as denominator
    from parts
    inner join ancestors on parts.org_unit_id = ancestors.org_unit_id
    group by 1, 2, 3

),

final as (

    select
        rolled_up.org_unit_id,
        org_units.org_level,
        rolled_up.period_month,
        rolled_up.indicator_code,
        rolled_up.numerator,
        rolled_up.denominator,
        case when rolled_up.denominator > 0
            then rolled_up.numerator / rolled_up.denominator * indicators.factor
        end as actual_value
    from rolled_up
    inner join org_units on rolled_up.org_unit_id = org_units.org_unit_id
    inner join indicators on rolled_up.indicator_code = indicators.indicator_code

)

select * from final
