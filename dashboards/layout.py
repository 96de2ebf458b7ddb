"""What every page shows first: the freshness of the figures, or why there are none."""

import streamlit as st

from dashboards import warehouse


def freshness_banner() -> bool:
    """Show "数据截至 …"; returns False (with guidance) when nothing has been published yet."""
    if not warehouse.is_published():
        st.warning("数据仓库尚未发布：请先运行 `make materialize`（或在 Dagster 中物化全部资产）。")
        return False
    published_at = warehouse.published_at()
    if published_at is not None:
        local = published_at.tz_convert("Asia/Shanghai")
        st.caption(f"数据截至 {local:%Y-%m-%d %H:%M}（北京时间）")
    return True
