"""优质服务基层行: the health centres' standard levels, and the list of those still below standard."""

import pandas as pd
import streamlit as st

from dashboards import breakdown_data, charts, context, formatting
from dashboards.downloads import download_buttons
from dashboards.indicator_page import indicator_section
from dashboards.layout import freshness_banner

LEVELS = ["社区医院", "推荐标准", "基本标准", "未达标", "未评价"]

view = context.current()
st.title(f"优质服务基层行 · {view.region_name or ''}")

if freshness_banner() and view.region_id and view.period_month is not None:
    year = view.period_month.year
    st.caption(f"乡镇卫生院和社区卫生服务中心在 {year} 年有效的评价结果（当年或之前最近一次）。")
    indicator_section(view, "thc_basic_standard_share")
    indicator_section(view, "thc_recommended_standard_share")

    st.subheader(f"{year} 年评价等级分布")
    levels = breakdown_data.rating_levels(view.region_id, year)
    if levels.empty:
        st.info("该地区没有乡镇卫生院或社区卫生服务中心。")
    else:
        by_level = levels.pivot_table(index="rating", columns="institution_type", values="institutions", aggfunc="sum", fill_value=0)
        by_level = by_level.reindex([level for level in LEVELS if level in by_level.index])
        by_level["合计"] = by_level.sum(axis=1)
        shown = by_level.reset_index().rename(columns={"rating": "等级"})
        st.altair_chart(charts.horizontal_bars(shown, "等级", "合计", "机构数"), width="stretch")
        st.dataframe(shown, hide_index=True, width="stretch")
        download_buttons(shown, f"standard_levels_{view.region_id}_{year}")

    st.subheader("未达到基本标准的机构")
    below = breakdown_data.centres_below_standard(view.region_id, year)
    st.metric("机构数", f"{len(below):,}")
    shown = pd.DataFrame({
        "机构": below["org_unit_name"],
        "类型": below["institution_type"],
        "所在地": below["full_path"].str.rsplit(" / ", n=1).str[0],
        "评价结果": below["rating"],
        "评价年度": below["assessment_year"].map(lambda value: "—" if pd.isna(value) else str(int(value))),
        "基本标准得分": below["basic_standard_score"].map(formatting.number),
        "推荐标准得分": below["recommended_standard_score"].map(formatting.number),
    })
    st.dataframe(shown, hide_index=True, width="stretch")
    download_buttons(shown, f"below_standard_{view.region_id}_{year}")
