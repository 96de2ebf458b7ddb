"""The frame every indicator page shares: headline, trend against the target path, lagging children."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards import attainment_data, indicator_panel
from dashboards.context import ViewContext


def indicator_row(indicator_code: str) -> pd.Series:
    catalogue = attainment_data.indicators().set_index("indicator_code")
    row = catalogue.loc[indicator_code].copy()
    row["indicator_code"] = indicator_code
    return row


def indicator_section(view: ViewContext, indicator_code: str) -> pd.Series:
    indicator = indicator_row(indicator_code)
    st.subheader(indicator["indicator_name_zh"])
    indicator_panel.headline(view.region_id, view.period_month, indicator)
    indicator_panel.trend(view.region_id, view.period_month, indicator)
    with st.expander("下级单位排名（落后的在前）", expanded=True):
        indicator_panel.ranking(view.region_id, view.period_month, indicator, f"{indicator_code}_{view.region_id}_{view.period_month:%Y-%m}")
    return indicator
