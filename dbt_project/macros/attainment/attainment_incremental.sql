{#- Pre-hook of fct_target_attainment. On an incremental build it deletes the rows that
    must be recomputed, and the model then appends, per schedule, every month after the
    last row still stored:
      - every row of a schedule (target × org unit) whose fingerprint is no longer current:
        the target, its baseline, a competing target or a setting changed, or the target
        was rejected or lost its binding — its whole history is rebuilt;
      - every row from `attainment_incremental_lookback_months` before the latest month
        with data (the earlier of the stored rows' and the feed's), so late and corrected
        months that recent are picked up and the trend window around them is recomputed.
    When either side has no data at all, everything is deleted and rebuilt.
    On a full build it renders nothing. -#}
{% macro attainment_delete_rows_to_recompute() -%}
    {%- if is_incremental() -%}
    {%- set lookback = attainment_setting('incremental_lookback_months') | int -%}
    delete from {{ this }} as stored_rows
    where not exists (
            select 1
            from {{ ref('int_attainment_schedules') }} as schedules
            where schedules.target_id = stored_rows.target_id
                and coalesce(schedules.org_unit_id, '-') = coalesce(stored_rows.org_unit_id, '-')
                and schedules.schedule_fingerprint = stored_rows.schedule_fingerprint
        )
        or stored_rows.period_month >= coalesce(
            (
                select
                    case
                        when max(stored.period_month) is not null and max(feed.latest_data_month) is not null
                            then {{ attainment_add_months(
                                '-' ~ lookback,
                                'least(max(stored.period_month), max(feed.latest_data_month))'
                            ) }}
                    end
                from {{ this }} as stored
                cross join (
                    select max(period_month) as latest_data_month
                    from {{ ref('fct_indicator_actuals') }}
                    where actual_value is not null
                ) as feed
                where stored.actual_value is not null
            ),
            cast('1900-01-01' as date)
        )
    {%- endif -%}
{%- endmacro %}
