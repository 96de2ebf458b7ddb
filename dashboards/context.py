"""The session's view: who is signed in, which region and which month every page shows.

Rendered once per run by the entry file (dashboards/app.py), before the page itself, so
the region and month pickers live in the sidebar of every page and keep their values
across pages. Pages read the result with `current()`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboards import access, regions, warehouse

SESSION_USER = "signed_in_user"
SESSION_VIEW = "view_context"
REGION_WIDGET = "region_picker"
PERIOD_WIDGET = "period_picker"


@dataclass(frozen=True)
class ViewContext:
    scope: access.AccessScope
    region_id: str | None = None
    region_name: str | None = None
    period_month: pd.Timestamp | None = None

    @property
    def period_label(self) -> str:
        return month_label(self.period_month)


def month_label(month) -> str:
    return "—" if month is None or pd.isna(month) else f"{pd.Timestamp(month):%Y年%m月}".replace("年0", "年")


def current() -> ViewContext:
    return st.session_state.get(SESSION_VIEW) or ViewContext(access.DEMO_SCOPE)


def sign_in() -> access.AccessScope | None:
    """The session's scope; None while a configured app waits for a sign-in (the form is shown)."""
    try:
        users = access.load_users()
    except access.AccessConfigError as error:
        st.error(f"访问控制配置有误，已拒绝打开：{error}")
        return None
    if users is None:
        st.info("演示模式：未配置用户文件（config/dashboard_access.toml），任何访问者都能看到全部地区的数据。")
        return access.DEMO_SCOPE
    signed_in = st.session_state.get(SESSION_USER)
    if signed_in in users:
        user = users[signed_in]
        st.sidebar.caption(f"当前用户：{user.display_name}")
        if st.sidebar.button("退出登录"):
            st.session_state.clear()
            st.rerun()
        return user.scope()
    st.title("基层卫生改革目标监测")
    with st.form("sign-in"):
        user_name = st.text_input("用户名")
        password = st.text_input("密码", type="password")
        submitted = st.form_submit_button("登录")
    if submitted:
        user = access.authenticate(users, user_name, password)
        if user is None:
            st.error("用户名或密码错误。")
        else:
            st.session_state[SESSION_USER] = user.user_name
            st.rerun()
    return None


def pick_region_and_period(scope: access.AccessScope) -> ViewContext:
    """Sidebar pickers, limited to the scope; a `?region=` in the URL is honoured only inside it."""
    if not warehouse.is_published():
        return ViewContext(scope)
    choices = regions.selectable_regions(scope)
    if choices.empty:
        st.sidebar.warning("您的账户没有可查看的地区。")
        return ViewContext(scope)
    labels = dict(zip(choices["org_unit_id"], choices["full_path"]))
    requested = st.query_params.get("region")
    if requested is not None and REGION_WIDGET not in st.session_state:
        if requested in labels:
            st.session_state[REGION_WIDGET] = requested
        else:
            st.error("链接中的地区不存在或不在您的权限范围内，已显示默认地区。")
    if st.session_state.get(REGION_WIDGET) not in labels:
        st.session_state[REGION_WIDGET] = choices["org_unit_id"].iloc[0]
    region_id = st.sidebar.selectbox("地区", list(labels), format_func=labels.get, key=REGION_WIDGET)
    st.query_params["region"] = region_id

    months = available_months()
    if not months:
        return ViewContext(scope, region_id, labels[region_id].split(" / ")[-1])
    if st.session_state.get(PERIOD_WIDGET) not in months:
        st.session_state[PERIOD_WIDGET] = months[0]
    period = st.sidebar.selectbox("月份", months, format_func=month_label, key=PERIOD_WIDGET)
    return ViewContext(scope, region_id, labels[region_id].split(" / ")[-1], pd.Timestamp(period))


def available_months() -> list:
    """Months with measured data, newest first."""
    frame = warehouse.query("select distinct period_month from marts.fct_indicator_actuals order by 1 desc")
    return [value.date() if hasattr(value, "date") else value for value in frame["period_month"]]


def require_within(context: ViewContext, unit_id: str | None) -> None:
    """Stop the page when a unit lies outside the session's scope (checked on the server)."""
    if not regions.is_within(context.scope, unit_id):
        st.error("该单位不在您的权限范围内。")
        st.stop()
