"""其他指标: every monitored indicator outside the three families with pages of their own."""

import streamlit as st

from dashboards import attainment_data, context
from dashboards.indicator_page import indicator_section
from dashboards.layout import freshness_banner

# The families with a page of their own (views/signing.py, mutual_recognition.py, township_standards.py).
OWN_PAGES = {"family_doctor", "mutual_recognition", "township_standard"}

view = context.current()
st.title(f"其他指标 · {view.region_name or ''}")

if freshness_banner() and view.region_id and view.period_month is not None:
    catalogue = attainment_data.indicators()
    others = catalogue[~catalogue["indicator_family"].isin(OWN_PAGES)]
    names = dict(zip(others["indicator_code"], others["indicator_name_zh"]))
    chosen = st.selectbox("指标", list(names), format_func=names.get, key="other_indicator")
    indicator = catalogue.set_index("indicator_code").loc[chosen]
    st.caption(f"{view.period_label} · {indicator['numerator_definition']} ÷ {indicator['denominator_definition']}（各级均为 Σ分子 ÷ Σ分母）")
    indicator_section(view, chosen)
