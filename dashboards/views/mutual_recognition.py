"""检查检验互认: recognised ÷ eligible results, by item class."""

import pandas as pd
import streamlit as st

from dashboards import breakdown_data, context, formatting
from dashboards.downloads import download_buttons
from dashboards.indicator_page import indicator_section
from dashboards.layout import freshness_banner

view = context.current()
st.title(f"检查检验结果互认 · {view.region_name or ''}")

if freshness_banner() and view.region_id and view.period_month is not None:
    st.caption(f"{view.period_label}：已有他院有效结果的检查检验中，被互认的比例（其余为重复检查）。")
    indicator_section(view, "mutual_recognition_rate")

    st.subheader("按项目类别")
    classes = breakdown_data.recognition_by_item_class(view.region_id, view.period_month)
    if classes.empty:
        st.info("该地区本月没有可互认的检查检验。")
    else:
        shown = pd.DataFrame({
            "类别": classes["item_class"],
            "可互认": classes["eligible_results"].map(formatting.number),
            "已互认": classes["recognised_results"].map(formatting.number),
            "重复检查": classes["repeated_results"].map(formatting.number),
            "互认率": classes["recognition_rate_pct"].map(lambda rate: formatting.value(rate, "%")),
        })
        st.dataframe(shown, hide_index=True, width="stretch")
        download_buttons(shown, f"recognition_by_item_class_{view.region_id}_{view.period_month:%Y-%m}")
        trend = breakdown_data.recognition_trend_by_item_class(view.region_id)
        st.line_chart(trend, x="period_month", y="recognition_rate_pct", color="item_class", x_label="月份", y_label="互认率（%）")
