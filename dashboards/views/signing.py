"""家庭医生签约: coverage of all residents and of the key populations, group by group."""

import pandas as pd
import streamlit as st

from dashboards import breakdown_data, charts, context, formatting
from dashboards.downloads import download_buttons
from dashboards.indicator_page import indicator_section
from dashboards.layout import freshness_banner

view = context.current()
st.title(f"家庭医生签约 · {view.region_name or ''}")

if freshness_banner() and view.region_id and view.period_month is not None:
    st.caption(f"{view.period_label}月末在约居民 ÷ 常住人口；重点人群按人群分别计算（一人可属多个人群）。")
    indicator_section(view, "fd_signing_rate")
    indicator_section(view, "fd_key_pop_signing_rate")

    st.subheader("重点人群签约（分人群）")
    groups = breakdown_data.signing_by_key_population(view.region_id, view.period_month)
    if groups.empty:
        st.info("该地区没有分人群的签约数据（乡镇及以上地区才有人口数）。")
    else:
        st.altair_chart(charts.horizontal_bars(groups, "population_group_name", "signing_rate_pct", "签约覆盖率（%）"), width="stretch")
        shown = pd.DataFrame({
            "人群": groups["population_group_name"],
            "签约人数": groups["signed_residents"].map(formatting.number),
            "人群人数": groups["group_population"].map(formatting.number),
            "覆盖率": groups["signing_rate_pct"].map(lambda rate: formatting.value(rate, "%")),
        })
        st.dataframe(shown, hide_index=True, width="stretch")
        download_buttons(shown, f"signing_key_population_{view.region_id}_{view.period_month:%Y-%m}")
