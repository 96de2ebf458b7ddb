"""Entry point of the dashboards: `streamlit run dashboards/app.py`."""

import streamlit as st

st.set_page_config(page_title="基层卫生改革目标监测", page_icon="🏥", layout="wide")

pages = [
    st.Page("views/documents.py", title="政策文件", icon="📄", url_path="documents", default=True),
]
st.navigation(pages).run()
