"""Charts where a picture says it faster than a table (Altair, shipped with Streamlit)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboards.status import COLOURS


def trend_with_target_path(actuals: pd.DataFrame, path: pd.DataFrame, unit_suffix: str) -> alt.LayerChart:
    """The actual line, the planned straight path to the target, and the deadline as a rule."""
    series = [actuals.assign(series="实际值", value=actuals["actual_value"])[["period_month", "series", "value"]]]
    if not path.empty:
        series.append(path.assign(series="目标路径", value=path["expected_value"])[["period_month", "series", "value"]])
    lines = pd.concat(series, ignore_index=True).dropna(subset=["value"])
    lines["period_month"] = pd.to_datetime(lines["period_month"])
    # One tick per month on short spans, every few months on long ones; never a month twice.
    months = lines["period_month"].dt.to_period("M").nunique()
    month_axis = alt.Axis(format="%Y-%m", tickCount={"interval": "month", "step": max(1, -(-months // 12))}, labelAngle=0)
    chart = (
        alt.Chart(lines)
        .mark_line(point=alt.OverlayMarkDef(size=18))
        .encode(
            x=alt.X("period_month:T", title="月份", axis=month_axis),
            y=alt.Y("value:Q", title=f"数值（{unit_suffix}）" if unit_suffix else "数值", scale=alt.Scale(zero=False), axis=alt.Axis(format=",.1f")),
            color=alt.Color("series:N", title=None, scale=alt.Scale(domain=["实际值", "目标路径"], range=["#1f77b4", "#888888"])),
            strokeDash=alt.StrokeDash("series:N", legend=None, scale=alt.Scale(domain=["实际值", "目标路径"], range=[[1, 0], [6, 4]])),
            tooltip=[alt.Tooltip("period_month:T", title="月份", format="%Y-%m"), alt.Tooltip("series:N", title="系列"),
                     alt.Tooltip("value:Q", title="数值", format=",.1f")],
        )
    )
    deadline = path["deadline_month"].dropna().unique() if not path.empty else []
    if len(deadline):
        rule = pd.DataFrame({"period_month": pd.to_datetime(deadline), "label": "期限"})
        chart = chart + alt.Chart(rule).mark_rule(color=COLOURS["滞后"], strokeDash=[2, 2]).encode(x="period_month:T") + (
            alt.Chart(rule).mark_text(align="left", dx=4, dy=-6, color=COLOURS["滞后"]).encode(x="period_month:T", y=alt.value(8), text="label:N")
        )
        goal = pd.DataFrame({"goal": [path["goal_value"].dropna().iloc[-1]]}) if path["goal_value"].notna().any() else None
        if goal is not None:
            chart = chart + alt.Chart(goal).mark_rule(color="#888888", opacity=0.5).encode(y="goal:Q")
    return chart.properties(height=300)


def horizontal_bars(frame: pd.DataFrame, category: str, amount: str, title: str, colour: str | None = None) -> alt.Chart:
    encoding = {
        "y": alt.Y(f"{category}:N", sort="-x", title=None),
        "x": alt.X(f"{amount}:Q", title=title),
        "tooltip": [alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{amount}:Q", format=",.1f")],
    }
    if colour:
        encoding["color"] = alt.Color(f"{colour}:N", title=None, scale=alt.Scale(domain=list(COLOURS), range=list(COLOURS.values())))
    return alt.Chart(frame).mark_bar().encode(**encoding).properties(height=max(120, 28 * len(frame)))


def status_shares(counts: pd.DataFrame, label: str, order: list[str]) -> alt.Chart:
    """One stacked bar per indicator: the share of its bound units in each status band."""
    bands = [status for status in COLOURS if status in set(counts["status"])]
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            y=alt.Y(f"{label}:N", title=None, sort=order),
            x=alt.X("units:Q", title="考核单位占比", stack="normalize", axis=alt.Axis(format="%")),
            color=alt.Color("status:N", title=None, scale=alt.Scale(domain=bands, range=[COLOURS[band] for band in bands])),
            tooltip=[alt.Tooltip(f"{label}:N", title="指标"), alt.Tooltip("status:N", title="状态"), alt.Tooltip("units:Q", title="单位数")],
        )
        .properties(height=max(120, 36 * len(order)))
    )
