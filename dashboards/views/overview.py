"""总览: per indicator, the region's actual against the binding target, worst gaps first."""

import pandas as pd
import streamlit as st

from dashboards import attainment_data, charts, context, formatting
from dashboards.downloads import download_buttons
from dashboards.layout import freshness_banner
from dashboards.status import NO_TARGET, ON_TRACK, style_status_column

view = context.current()
st.title(f"总览 · {view.region_name or ''}")

if freshness_banner() and view.region_id and view.period_month is not None:
    st.caption(f"{view.period_label} · 每项指标对照约束本地区的目标（冲突目标中起约束作用的一条）；最差的排在最前。")
    card = attainment_data.scorecard(view.region_id, view.period_month)

    tally = card["status"].value_counts()
    tiles = st.columns(6)
    for tile, status in zip(tiles, ["滞后", "需加快", "进度正常", "达标", "无数据", NO_TARGET]):
        tile.metric(status, f"{int(tally.get(status, 0))} 项")

    shown = pd.DataFrame({
        "指标": card["indicator_name_zh"],
        "状态": card["status"],
        "实际值": [formatting.value(amount, unit) for amount, unit in zip(card["region_actual"], card["indicator_unit"])],
        "较上月": [formatting.trend_arrow(now, before) for now, before in zip(card["region_actual"], card["previous_actual"])],
        "约束目标": [
            "—" if pd.isna(row.target_id) else formatting.target(row.comparator, row.target_value, row.target_value_max, row.target_unit)
            + ("（力争）" if row.is_aspirational is True else "")
            for row in card.itertuples()
        ],
        "考核单位": [
            "—" if pd.isna(row.target_id) else ("本级" if row.is_region_itself is True else f"下级最差：{row.headline_org_unit_name}")
            for row in card.itertuples()
        ],
        "达标或进度正常": [formatting.ratio(on_track, bound) for on_track, bound in zip(card["units_on_track"], card["bound_units"])],
        "距路径差距": [
            "—" if pd.isna(row.shortfall_pct) else ("领先" if row.shortfall_pct <= 0 else f"{formatting.number(row.shortfall_pct)}%")
            for row in card.itertuples()
        ],
        "落后": card["months_behind"].map(formatting.months_behind),
        "状态起始": card["status_since_month"].map(formatting.month),
        "期限": card["deadline_month"].map(formatting.month),
        "依据文件": card["document_label"].fillna("—"),
    })
    st.dataframe(style_status_column(shown), hide_index=True, width="stretch")
    download_buttons(shown, f"scorecard_{view.region_id}_{view.period_month:%Y-%m}")

    with_targets = card[card["target_id"].notna()]
    if not with_targets.empty:
        st.subheader("各指标考核单位的状态")
        counts = (
            attainment_data.status_counts(view.region_id, view.period_month)
            .merge(card[["indicator_code", "indicator_name_zh"]], on="indicator_code")
        )
        st.altair_chart(charts.status_shares(counts, "indicator_name_zh", list(with_targets["indicator_name_zh"])), width="stretch")
        chosen = st.selectbox("查看目标原文", with_targets["indicator_code"], format_func=dict(zip(card["indicator_code"], card["indicator_name_zh"])).get)
        row = card.set_index("indicator_code").loc[chosen]
        st.markdown(f"> {row['quote']}" if not pd.isna(row["quote"]) else "> —")
        st.caption(f"来源：{row['document_label']}（{row['issuer'] if not pd.isna(row['issuer']) else '发文机关未识别'}） · 约束单位：{row['headline_org_unit_name']}")
        lagging = int((~card["status"].isin(ON_TRACK + (NO_TARGET,))).sum())
        st.caption(f"{lagging} 项指标需要关注；在「下钻」页查看哪些单位落后。")
