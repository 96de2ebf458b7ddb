"""Status bands as the dashboards show them: order of concern and colour (grey, never red, for no data)."""

from __future__ import annotations

import pandas as pd

NO_TARGET = "无适用目标"
# A unit measured only against its parent's target (a county under a 全市 target).
NOT_ASSESSED = "未单独考核"
# Worst first: how scorecards and rankings put what needs attention on top.
SEVERITY = {"滞后": 0, "需加快": 1, "无数据": 2, "进度正常": 3, "达标": 4, NOT_ASSESSED: 5, NO_TARGET: 6}
COLOURS = {
    "达标": "#1b7f3b",
    "进度正常": "#5aa469",
    "需加快": "#e08e0b",
    "滞后": "#c62828",
    "无数据": "#9e9e9e",
    NOT_ASSESSED: "#bdbdbd",
    NO_TARGET: "#bdbdbd",
}
ON_TRACK = ("达标", "进度正常")


def style_status_column(frame: pd.DataFrame, column: str = "状态"):
    """A Styler colouring the status cells; the rest of the table stays plain."""
    def colour(value):
        background = COLOURS.get(value)
        return f"background-color: {background}; color: white; font-weight: 600" if background else ""

    return frame.style.map(colour, subset=[column])


def badge(status: str) -> str:
    """Markdown for a status in its colour (Streamlit's :color-background[] has no grey-vs-red mixups)."""
    colour = {"达标": "green", "进度正常": "green", "需加快": "orange", "滞后": "red"}.get(status, "gray")
    return f":{colour}-background[{status}]"
