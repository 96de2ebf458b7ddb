"""One indicator at one unit: headline figures, the trend against the target path, the lagging children.

Shared by the drill-down and the indicator pages, so every page tells the same story
the same way.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards import attainment_data, charts, formatting
from dashboards.downloads import download_buttons
from dashboards.status import badge, style_status_column


def headline(unit_id: str, period_month, indicator: pd.Series) -> pd.Series:
    """Metrics of the indicator at the unit; returns its scorecard row for the caller's use."""
    row = attainment_data.scorecard(unit_id, period_month).set_index("indicator_code").loc[indicator["indicator_code"]]
    unit = indicator["unit"]
    columns = st.columns(5)
    change = row["region_actual"] - row["previous_actual"]
    if pd.isna(change):
        columns[0].metric("实际值", formatting.value(row["region_actual"], unit))
    elif round(change, 1) == 0:
        columns[0].metric("实际值", formatting.value(row["region_actual"], unit), "持平（较上月）", delta_color="off", delta_arrow="off")
    else:
        columns[0].metric("实际值", formatting.value(row["region_actual"], unit), formatting.signed(change, unit) + " 较上月")
    if pd.isna(row["target_id"]):
        columns[1].metric("适用目标", "无")
    else:
        columns[1].metric("适用目标", formatting.target(row["comparator"], row["target_value"], row["target_value_max"], row["target_unit"]),
                          help=f"{row['headline_org_unit_name']} · {row['document_label']}")
    columns[2].metric("考核单位达标/进度正常", formatting.ratio(row["units_on_track"], row["bound_units"]))
    columns[3].metric("期限", "—" if pd.isna(row["deadline_month"]) else f"{row['deadline_month']:%Y-%m}")
    behind = row["months_behind"]
    columns[4].metric("落后于路径", "—" if pd.isna(behind) else ("按期" if round(behind, 1) <= 0 else f"{formatting.number(behind)} 个月"))
    since = f"，自 {formatting.month(row['status_since_month'])} 起" if not pd.isna(row["status_since_month"]) else ""
    whose = "" if row["is_region_itself"] is True or pd.isna(row["target_id"]) else f"（下级最差：{row['headline_org_unit_name']}）"
    st.markdown(f"状态：{badge(row['status'])}{whose}{since}")
    if not pd.isna(row["quote"]):
        st.caption(f"目标原文（{row['document_label']}）：{row['quote']}")
    return row


def trend(unit_id: str, period_month, indicator: pd.Series) -> None:
    actuals = attainment_data.actual_series(unit_id, indicator["indicator_code"])
    if actuals["actual_value"].notna().sum() == 0:
        st.info("该单位没有此指标的监测数据。")
        return
    path = attainment_data.target_path(unit_id, indicator["indicator_code"], period_month)
    st.altair_chart(charts.trend_with_target_path(actuals, path, formatting.UNIT_SUFFIXES.get(indicator["unit"], "")), width="stretch")


def ranking(unit_id: str, period_month, indicator: pd.Series, file_stem: str) -> pd.DataFrame:
    """The unit's children, lagging first, as shown and downloadable; returns the raw ranking."""
    ranked = attainment_data.child_ranking(unit_id, period_month, indicator["indicator_code"])
    if ranked.empty:
        st.caption("没有下级单位的监测数据。")
        return ranked
    unit = indicator["unit"]
    shown = pd.DataFrame({
        "单位": ranked["org_unit_name"],
        "状态": ranked["status"],
        "考核依据": ranked["assessed_as"],
        "实际值": ranked["actual_value"].map(lambda amount: formatting.value(amount, unit)),
        "较上月": [formatting.trend_arrow(now, before) for now, before in zip(ranked["actual_value"], ranked["previous_actual"])],
        "目标": ranked["goal_value"].map(lambda amount: formatting.value(amount, unit)),
        "差距": ranked["gap_to_target"].map(lambda amount: "—" if pd.isna(amount) else (formatting.value(amount, unit) if amount > 0 else "已达到")),
        "落后月数": ranked["months_behind"].map(formatting.months_behind),
        "考核单位达标/进度正常": [formatting.ratio(on_track, bound) for on_track, bound in zip(ranked["units_on_track"], ranked["bound_units"])],
        "状态起始": ranked["status_since_month"].map(formatting.month),
    })
    st.dataframe(style_status_column(shown), hide_index=True, width="stretch")
    download_buttons(shown, file_stem)
    return ranked
