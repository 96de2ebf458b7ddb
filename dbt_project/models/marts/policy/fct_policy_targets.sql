{#- The target registry: one row per target statement (target, standard or reported
    actual), with its document, its review and whether a feed monitors it. -#}
with

targets as (

    select * from {{ ref('stg_documents__policy_targets') }}

),

documents as (

    select * from {{ ref('dim_documents') }}

),

indicators as (

    select * from {{ ref('dim_indicators') }}

),

final as (

    select
        targets.target_id,
        targets.document_id,
        documents.document_number,
        documents.document_title,
        documents.issuer,
        documents.issuing_region,
        documents.issued_date,
        targets.target_kind,
        targets.indicator_code,
        indicators.indicator_name_zh,
        targets.indicator_phrase,
        indicators.indicator_code is not null as is_monitored,
        targets.comparator,
        targets.target_value,
        targets.target_value_max,
        targets.unit,
        targets.deadline_year,
        targets.deadline_source,
        targets.scope,
        targets.evaluation_level,
        targets.is_aspirational,
        coalesce(targets.target_region, documents.issuing_region) as target_region,
        targets.quote,
        targets.mention,
        targets.paragraph,
        targets.quote_start_in_paragraph,
        targets.source_start,
        targets.source_end,
        targets.clause_id,
        targets.responsible_units,
        targets.review_status,
        targets.review_note,
        targets.review_status = 'rejected' as is_rejected
    from targets
    inner join documents on targets.document_id = documents.document_id
    left join indicators on targets.indicator_code = indicators.indicator_code

)

select * from final
