-- The engine floor: the core attainment computation as one plain DuckDB query over the same
-- staged data the dbt models read (raw.feed_*, raw reference tables), with none of the
-- pipeline's layering. Latest submission per key; every indicator's numerator and
-- denominator per org unit and month; Σnumerator ÷ Σdenominator up the hierarchy; each bound
-- target × unit × month joined to its actual, with the value expected on the straight path,
-- the gap and attainment %. Left out (cheap next to the rest): trend, projection, status
-- history. The target schedules (a few hundred rows parsed from the documents) are read from
-- intermediate.int_attainment_schedules.
with
contracts as (
    select resident_id, substr(resident_id, 1, 9) as township_id, start_date, end_date,
        is_elderly_65 or has_hypertension or has_type2_diabetes or is_maternal or is_child_0_6
            or is_disabled or has_severe_mental_disorder or has_tuberculosis as is_key_population
    from raw.feed_family_doctor_contracts
    qualify row_number() over (partition by contract_id order by delivered_on desc, source_file desc, source_row desc) = 1
),
events as (
    select institution_id, cast(date_trunc('month', ordered_at) as date) as period_month, has_prior_result,
        recognition_result = '互认' as is_recognised
    from raw.feed_mutual_recognition_events
    qualify row_number() over (partition by event_id order by delivered_on desc, source_file desc, source_row desc) = 1
),
reports as (
    select r.*, cast(date_trunc('month', r.month) as date) as period_month, o.institution_type, o.township_id
    from raw.feed_institution_monthly_reports as r
    inner join raw.org_units as o on r.institution_id = o.org_unit_id
    qualify row_number() over (partition by r.institution_id, r.month order by r.delivered_on desc, r.source_file desc, r.source_row desc) = 1
),
assessments as (
    select institution_id, cast(year as integer) as assessment_year,
        case rating when '基本标准' then 1 when '推荐标准' then 2 when '社区医院' then 3 else 0 end as rating_rank
    from raw.feed_service_capacity_assessments
    qualify row_number() over (partition by institution_id, year order by delivered_on desc, source_file desc, source_row desc) = 1
),
months as (
    select period_month, last_day(period_month) as period_end, year(period_month) as period_year
    from (select period_month from reports union select period_month from events)
),
population as (
    select township_id, resident_population::bigint as resident_population, key_population::bigint as key_population,
        rural_population::bigint as rural_population
    from raw.township_population
),
health_centres as (
    select org_unit_id, consortium_id from raw.org_units where institution_type in ('乡镇卫生院', '社区卫生服务中心')
),
-- Residents with an active contract at each month end, without pairing every contract with
-- every month: a contract covers a run of month ends; each resident's overlapping runs are
-- merged (gaps and islands), and +1/-1 at each island's first and after its last month,
-- summed in month order per township, count the residents covered.
contract_months as (
    select resident_id, township_id, is_key_population,
        year(start_date) * 12 + month(start_date) - 1 as first_month,
        year(end_date) * 12 + month(end_date) - 1 - case when end_date < last_day(end_date) then 1 else 0 end as last_month
    from contracts
),
covered as (
    select resident_id, township_id, first_month, last_month, false as key_only from contract_months where first_month <= last_month
    union all
    select resident_id, township_id, first_month, last_month, true from contract_months where first_month <= last_month and is_key_population
),
island_starts as (
    select *, coalesce(first_month > max(last_month) over (
            partition by key_only, resident_id order by first_month, last_month rows between unbounded preceding and 1 preceding), true
        ) as starts_island
    from covered
),
islands as (
    select *, sum(starts_island::int) over (
            partition by key_only, resident_id order by first_month, last_month rows unbounded preceding) as island
    from island_starts
),
island_bounds as (
    select key_only, township_id, min(first_month) as first_month, max(last_month) as last_month
    from islands group by key_only, resident_id, township_id, island
),
coverage_changes as (
    select key_only, township_id, first_month as month_index, 1 as change from island_bounds
    union all
    select key_only, township_id, last_month + 1, -1 from island_bounds
),
coverage as (
    select key_only, township_id, month_index,
        sum(sum(change)) over (partition by key_only, township_id order by month_index) as residents
    from coverage_changes group by key_only, township_id, month_index
),
township_months as (
    select p.township_id, m.period_month, year(m.period_month) * 12 + month(m.period_month) - 1 as month_index
    from population as p cross join months as m
),
signed as (
    select t.township_id, t.period_month, coalesce(everyone.residents, 0) as signed, coalesce(key.residents, 0) as signed_key
    from township_months as t
    asof left join (select * from coverage where not key_only) as everyone
        on everyone.township_id = t.township_id and t.month_index >= everyone.month_index
    asof left join (select * from coverage where key_only) as key
        on key.township_id = t.township_id and t.month_index >= key.month_index
),
ratings as (
    select h.org_unit_id, m.period_month, arg_max(a.rating_rank, a.assessment_year) as rating_rank
    from health_centres as h cross join months as m
    left join assessments as a on a.institution_id = h.org_unit_id and a.assessment_year <= m.period_year
    group by all
),
parts as (
    select p.township_id as org_unit_id, m.period_month, 'fd_signing_rate' as indicator_code,
        coalesce(s.signed, 0)::double as numerator, p.resident_population::double as denominator
    from population as p cross join months as m left join signed as s on s.township_id = p.township_id and s.period_month = m.period_month
    union all
    select p.township_id, m.period_month, 'fd_key_pop_signing_rate', coalesce(s.signed_key, 0), p.key_population
    from population as p cross join months as m left join signed as s on s.township_id = p.township_id and s.period_month = m.period_month
    union all
    select institution_id, period_month, 'mutual_recognition_rate', count(*) filter (where is_recognised), count(*)
    from events where has_prior_result group by all
    union all
    select org_unit_id, period_month, 'thc_basic_standard_share', (coalesce(rating_rank, 0) >= 1)::int, 1 from ratings
    union all
    select org_unit_id, period_month, 'thc_recommended_standard_share', (coalesce(rating_rank, 0) >= 2)::int, 1 from ratings
    union all
    select institution_id, period_month, 'opd_slots_to_members_share', opd_slots_to_members, opd_slots_total
    from reports where opd_slots_total is not null and opd_slots_to_members is not null
    union all
    select institution_id, period_month, 'primary_visit_share',
        case when institution_type in ('乡镇卫生院', '社区卫生服务中心', '社区卫生服务站', '村卫生室') then visits else 0 end
            + coalesce(visits_subordinate_units, 0),
        visits + coalesce(visits_subordinate_units, 0)
    from reports where visits is not null
    union all
    select institution_id, period_month, 'county_visit_rate',
        visits_county_residents + coalesce(visits_subordinate_units, 0),
        visits_county_residents + coalesce(visits_subordinate_units, 0) + coalesce(visits_out_of_county, 0)
    from reports where visits_county_residents is not null
    union all
    select institution_id, period_month, 'chronic_mgmt_rate', hypertension_managed + diabetes_managed,
        hypertension_registered + diabetes_registered
    from reports where hypertension_managed is not null and diabetes_managed is not null
        and hypertension_registered is not null and diabetes_registered is not null
    union all
    select p.township_id, m.period_month, 'village_doctor_density', coalesce(sum(r.village_doctors), 0), max(p.rural_population)
    from population as p cross join months as m
    left join reports as r on r.township_id = p.township_id and r.period_month = m.period_month
    group by all
    union all
    select h.org_unit_id, m.period_month, 'shared_center_coverage',
        (coalesce(r.shared_lab_uses, 0) + coalesce(r.shared_ecg_uses, 0) + coalesce(r.shared_imaging_uses, 0) > 0)::int, 1
    from health_centres as h cross join months as m
    left join reports as r on r.institution_id = h.org_unit_id and r.period_month = m.period_month
    where h.consortium_id is not null
),
ancestors as (
    select distinct org_unit_id, unnest([org_unit_id, township_id, county_id, city_id, province_id]) as ancestor_id
    from raw.org_units
),
actuals as (
    select a.ancestor_id as org_unit_id, p.period_month, p.indicator_code,
        sum(p.numerator) / nullif(sum(p.denominator), 0) * i.factor::double as actual_value
    from parts as p
    inner join ancestors as a on a.org_unit_id = p.org_unit_id and a.ancestor_id is not null
    inner join raw.indicators as i on i.indicator_code = p.indicator_code
    group by a.ancestor_id, p.period_month, p.indicator_code, i.factor
),
attainment as (
    select s.target_id, s.org_unit_id, a.period_month, a.actual_value,
        case when s.baseline_month is null or s.deadline_month is null or a.period_month >= s.deadline_month then s.goal_value
            else s.baseline_value + (s.goal_value - s.baseline_value)
                * date_diff('month', s.baseline_month, a.period_month) / greatest(date_diff('month', s.baseline_month, s.deadline_month), 1)
        end as expected_value,
        s.goal_direction * (s.goal_value - a.actual_value) as gap_to_target,
        case when s.goal_direction = 1 then 100 * a.actual_value / nullif(s.goal_value, 0)
            else 100 * s.goal_value / nullif(a.actual_value, 0) end as attainment_pct
    from intermediate.int_attainment_schedules as s
    inner join actuals as a
        on a.org_unit_id = s.org_unit_id and a.indicator_code = s.indicator_code
        and a.period_month between s.plan_start_month and s.evaluation_end_month
    where s.is_evaluated
)
select
    (select count(*) from actuals) as actual_rows,
    count(*) as attainment_rows,
    avg(attainment_pct) as mean_attainment_pct
from attainment
