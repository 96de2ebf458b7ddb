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
