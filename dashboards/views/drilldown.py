"""下钻: from the region down to the institution — who lags, by how much, since when."""

import streamlit as st

from dashboards import attainment_data, context, indicator_panel, regions
from dashboards.layout import freshness_banner

DRILL_UNIT = "drilldown_unit"
DRILL_INDICATOR = "drilldown_indicator"

view = context.current()
st.title("下钻")

if freshness_banner() and view.region_id and view.period_month is not None:
    # The drill starts at the sidebar's region and restarts when that region changes.
    if st.session_state.get("drilldown_region") != view.region_id:
        st.session_state["drilldown_region"] = view.region_id
        st.session_state[DRILL_UNIT] = view.region_id
    unit_id = st.session_state.get(DRILL_UNIT, view.region_id)
    context.require_within(view, unit_id)

    trail = regions.breadcrumb(view.scope, unit_id)
    crumbs = st.columns(len(trail) + 1)
    for column, (crumb_id, crumb_name) in zip(crumbs, trail):
        if column.button(crumb_name, key=f"crumb-{crumb_id}", disabled=crumb_id == unit_id, type="tertiary" if crumb_id != unit_id else "secondary"):
            st.session_state[DRILL_UNIT] = crumb_id
            st.rerun()

    catalogue = attainment_data.indicators()
    card = attainment_data.scorecard(unit_id, view.period_month)
    # Default to the indicator that lags worst here.
    order = list(card["indicator_code"])
    if st.session_state.get(DRILL_INDICATOR) not in order:
        st.session_state[DRILL_INDICATOR] = order[0]
    names = dict(zip(catalogue["indicator_code"], catalogue["indicator_name_zh"]))
    statuses = dict(zip(card["indicator_code"], card["status"]))
    indicator_code = st.selectbox("指标", order, format_func=lambda code: f"{names[code]}（{statuses[code]}）", key=DRILL_INDICATOR)
    indicator = catalogue.set_index("indicator_code").loc[indicator_code].copy()
    indicator["indicator_code"] = indicator_code

    unit = regions.org_unit(unit_id)
    st.subheader(f"{unit['org_unit_name']} · {names[indicator_code]} · {view.period_label}")
    indicator_panel.headline(unit_id, view.period_month, indicator)
    indicator_panel.trend(unit_id, view.period_month, indicator)

    below = regions.children(unit_id)
    if below.empty:
        st.caption("已到最末一级（机构）。")
    else:
        st.subheader(f"下级单位排名（{regions.LEVEL_LABELS[below['org_level'].iloc[0]]}，落后的在前）")
        ranked = indicator_panel.ranking(unit_id, view.period_month, indicator, f"drilldown_{unit_id}_{indicator_code}")
        # Lagging units first; units that do not measure this indicator can still be opened.
        labels = dict(zip(ranked["org_unit_id"], ranked["org_unit_name"] + "（" + ranked["status"] + "）"))
        labels |= {row.org_unit_id: f"{row.org_unit_name}（本指标无数据）" for row in below.itertuples() if row.org_unit_id not in labels}
        target = st.selectbox("下钻到", list(labels), index=None, format_func=labels.get, placeholder="选择下级单位")
        if target is not None:
            st.session_state[DRILL_UNIT] = target
            st.rerun()
