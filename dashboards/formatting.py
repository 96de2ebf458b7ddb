"""Figures as a reader wants them: %, one decimal, thousands separators, no "nan"."""

from __future__ import annotations

import pandas as pd

COMPARATOR_WORDS = {">=": "≥", "<=": "≤", "=": "=", "between": ""}


def number(value, decimals: int = 1) -> str:
    if pd.isna(value):
        return "—"
    rounded = round(float(value), decimals)
    return f"{rounded:,.{decimals}f}" if not float(rounded).is_integer() else f"{int(rounded):,}"


def target(comparator: str, value, value_max, unit: str | None) -> str:
    bound = number(value) if pd.isna(value_max) else f"{number(value)}–{number(value_max)}"
    return f"{COMPARATOR_WORDS.get(comparator, comparator)}{bound}{unit or ''}".strip()


def deadline(year) -> str:
    return "长期（标准）" if pd.isna(year) else f"{int(year)}年"


def yes(flag) -> str:
    return "是" if flag is True or (not pd.isna(flag) and bool(flag)) else ""


UNIT_SUFFIXES = {"%": "%", "per 1000": "/千人"}


def value(amount, unit: str | None, decimals: int = 1) -> str:
    """An indicator value with its unit: 85.3%, 1.1/千人."""
    return "—" if pd.isna(amount) else f"{number(amount, decimals)}{UNIT_SUFFIXES.get(unit, unit or '')}"


def signed(amount, unit: str | None, decimals: int = 1) -> str:
    return "—" if pd.isna(amount) else ("+" if amount > 0 else "") + value(amount, unit, decimals)


def month(stamp) -> str:
    return "—" if stamp is None or pd.isna(stamp) else f"{pd.Timestamp(stamp).year}年{pd.Timestamp(stamp).month}月"


def trend_arrow(current, previous, decimals: int = 1) -> str:
    """↑ / ↓ / → against the previous month; → when the change rounds to nothing."""
    if pd.isna(current) or pd.isna(previous):
        return "—"
    change = round(float(current) - float(previous), decimals)
    return "→ 持平" if change == 0 else f"{'↑' if change > 0 else '↓'} {change:+,.{decimals}f}"


def months_behind(months) -> str:
    if pd.isna(months):
        return "—"
    rounded = round(float(months), 1)
    return "按期" if rounded <= 0 else f"落后 {number(rounded)} 个月"


def ratio(part, whole) -> str:
    return "—" if not whole else f"{int(part):,} / {int(whole):,}"
