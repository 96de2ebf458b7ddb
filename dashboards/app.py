"""Entry point of the dashboards: `streamlit run dashboards/app.py`."""

import streamlit as st

st.set_page_config(page_title="基层卫生改革目标监测", page_icon="🏥", layout="wide")

pages = [
    st.Page("views/targets.py", title="政策目标", icon=":material/flag:", url_path="targets", default=True),
    st.Page("views/documents.py", title="政策文件", icon=":material/description:", url_path="documents"),
    st.Page("views/data_quality.py", title="数据质量", icon=":material/fact_check:", url_path="data-quality"),
]
st.navigation(pages).run()
