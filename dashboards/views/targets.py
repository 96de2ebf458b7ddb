"""政策目标: every target the documents set, with the sentence that set it."""

import html

import streamlit as st

from dashboards import context, formatting, warehouse
from dashboards.downloads import download_buttons
from dashboards.layout import freshness_banner

KIND_LABELS = {"target": "目标", "standard": "标准", "reported_actual": "已报告实际值"}
REVIEW_LABELS = {"unreviewed": "未审核", "confirmed": "已确认", "corrected": "已更正", "rejected": "已驳回"}

# A target applies to a region when it binds a unit inside it or one of its ancestors (a
# provincial target binds the province a city lies in). One row per schedule suffices.
APPLIES_TO_REGION = """
    target_id in (
        select attainment.target_id
        from marts.fct_target_attainment as attainment
        inner join marts.dim_org_units as units on attainment.org_unit_id = units.org_unit_id
        inner join marts.dim_org_units as region on region.org_unit_id = ?
        where attainment.period_month = attainment.plan_start_month
            and (? in (units.org_unit_id, units.province_id, units.city_id, units.county_id, units.township_id)
                 or units.org_unit_id in (region.province_id, region.city_id, region.county_id, region.township_id))
    )
"""

view = context.current()
st.title("政策目标")

if freshness_banner():
    documents = warehouse.query(
        "select document_id, coalesce(document_number, document_title, document_id) as label from marts.dim_documents order by 1"
    )
    document_labels = dict(zip(documents["document_id"], documents["label"]))

    filters = st.columns([3, 2, 2, 3])
    chosen_documents = filters[0].multiselect("文件", list(document_labels), format_func=document_labels.get, placeholder="全部文件")
    chosen_kinds = filters[1].multiselect("类别", list(KIND_LABELS), default=["target", "standard"], format_func=KIND_LABELS.get, placeholder="全部类别")
    monitoring = filters[2].selectbox("监测", ["全部", "有监测指标", "未监测"])
    search = filters[3].text_input("搜索原文", placeholder="如：签约、互认、乡村医生")

    # Regional accounts see only the targets that apply to their region; the open demo may see all.
    only_region = True if not view.scope.sees_everything else st.toggle(f"只看适用于{view.region_name or '所选地区'}的目标", value=False)
    region_filter = f"and {APPLIES_TO_REGION}" if only_region and view.region_id else ""
    region_params = (view.region_id, view.region_id) if region_filter else ()
    targets = warehouse.query(
        f"""
        select
            target_id, document_id, document_number, issuer, target_kind, indicator_code,
            coalesce(indicator_name_zh, indicator_phrase) as indicator_label, is_monitored,
            comparator, target_value, target_value_max, unit, deadline_year, scope,
            evaluation_level, is_aspirational, responsible_units, review_status, quote,
            paragraph, quote_start_in_paragraph
        from marts.fct_policy_targets
        where quote like ? {region_filter}
        order by document_id, source_start
        """,
        (f"%{search}%", *region_params),
    )
    if chosen_documents:
        targets = targets[targets["document_id"].isin(chosen_documents)]
    if chosen_kinds:
        targets = targets[targets["target_kind"].isin(chosen_kinds)]
    if monitoring != "全部":
        targets = targets[targets["is_monitored"] == (monitoring == "有监测指标")]

    table = targets.assign(
        类别=targets["target_kind"].map(KIND_LABELS),
        指标=targets["indicator_label"],
        监测=targets["is_monitored"].map({True: "已监测", False: "未监测"}),
        目标=[formatting.target(r.comparator, r.target_value, r.target_value_max, r.unit) for r in targets.itertuples()],
        期限=targets["deadline_year"].map(formatting.deadline),
        力争=targets["is_aspirational"].map(formatting.yes),
        审核=targets["review_status"].map(REVIEW_LABELS),
    ).rename(columns={"document_number": "文号", "issuer": "发文机关", "scope": "范围", "evaluation_level": "评价层级",
                      "responsible_units": "责任单位", "target_id": "目标编号"})
    shown = table[["目标编号", "文号", "发文机关", "类别", "指标", "监测", "目标", "期限", "范围", "评价层级", "力争", "审核", "责任单位"]]

    st.metric("条目数", f"{len(shown):,}")
    st.dataframe(shown, hide_index=True, width="stretch")
    download_buttons(shown, "policy_targets")

    if not targets.empty:
        chosen = st.selectbox("查看原文", targets["target_id"], format_func=lambda target_id: f"{target_id} · {targets.set_index('target_id').at[target_id, 'indicator_label']}")
        row = targets.set_index("target_id").loc[chosen]
        start, end = int(row.quote_start_in_paragraph), int(row.quote_start_in_paragraph) + len(row.quote)
        paragraph = row.paragraph
        st.markdown(
            html.escape(paragraph[:start]) + "<mark>" + html.escape(paragraph[start:end]) + "</mark>" + html.escape(paragraph[end:]),
            unsafe_allow_html=True,
        )
        st.caption(f"来源：{row.document_number or row.document_id}（{row.issuer or '发文机关未识别'}）")
