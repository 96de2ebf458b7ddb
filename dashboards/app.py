"""Entry point of the dashboards: `streamlit run dashboards/app.py`."""

import streamlit as st

from dashboards import context, warehouse

st.set_page_config(page_title="基层卫生改革目标监测", page_icon="🏥", layout="wide")

pages = {
    "监测": [
        st.Page("views/overview.py", title="总览", icon=":material/dashboard:", url_path="overview", default=True),
        st.Page("views/drilldown.py", title="下钻", icon=":material/account_tree:", url_path="drilldown"),
    ],
    "指标": [
        st.Page("views/signing.py", title="家庭医生签约", icon=":material/family_restroom:", url_path="signing"),
        st.Page("views/mutual_recognition.py", title="检查检验互认", icon=":material/sync_alt:", url_path="mutual-recognition"),
        st.Page("views/township_standards.py", title="优质服务基层行", icon=":material/verified:", url_path="township-standards"),
        st.Page("views/other_indicators.py", title="其他指标", icon=":material/monitoring:", url_path="indicators"),
    ],
    "依据与质量": [
        st.Page("views/targets.py", title="政策目标", icon=":material/flag:", url_path="targets"),
        st.Page("views/documents.py", title="政策文件", icon=":material/description:", url_path="documents"),
        st.Page("views/data_quality.py", title="数据质量", icon=":material/fact_check:", url_path="data-quality"),
    ],
}

# The page run's queries share one read-only connection, closed when the run ends.
with warehouse.page_run():
    scope = context.sign_in()
    if scope is None:
        # Signed out: no page is registered, so no URL reaches any data.
        st.stop()
    st.session_state[context.SESSION_VIEW] = context.pick_region_and_period(scope)
    st.navigation(pages).run()
