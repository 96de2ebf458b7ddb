"""What every page shows first: how fresh the figures are, and whether the last refresh failed."""

import streamlit as st

from dashboards import warehouse
from orchestration import refresh_status


def freshness_banner() -> bool:
    """Show "数据截至 …" and any failed refresh; returns False when nothing has been published yet."""
    if not warehouse.is_published():
        st.warning("数据仓库尚未发布：请先运行 `make materialize`（或在 Dagster 中物化全部资产）。")
        return False
    published_at = warehouse.published_at()
    if published_at is not None:
        st.caption(f"数据截至 {published_at.tz_convert('Asia/Shanghai'):%Y-%m-%d %H:%M}（北京时间）")
    last = refresh_status.latest()
    if last is not None and not last.succeeded:
        details = "\n".join(f"- {failure}" for failure in last.failures)
        st.warning(f"最近一次刷新（{last.finished_at}，{last.job_name}）失败，页面显示的是上一次成功发布的数据。\n\n{details}")
    return True
