"""Reporting months: parsing `YYYY-MM`, ranges of months, and the monitoring window.

Months are carried as `YYYY-MM` text between modules because that is how file names and
templates spell them; arithmetic happens on a month index (year * 12 + month - 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTH = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)


def month_index(month: str) -> int:
    """`2024-03` -> 24290; raises ValueError for anything that is not a real month."""
    match = _MONTH.match(month)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"not a month (YYYY-MM): {month!r}")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def month_from_index(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def add_months(month: str, count: int) -> str:
    return month_from_index(month_index(month) + count)


def months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last`, both included."""
    return [month_from_index(i) for i in range(month_index(first), month_index(last) + 1)]


def first_day(month: str) -> date:
    index = month_index(month)
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class MonthWindow:
    """The months a monitoring programme accepts data for; files outside it are errors."""

    first: str
    last: str

    def __post_init__(self) -> None:
        if month_index(self.first) > month_index(self.last):
            raise ValueError(f"window starts after it ends: {self.first} > {self.last}")

    def months(self) -> list[str]:
        return months_between(self.first, self.last)

    def years(self) -> list[int]:
        return list(range(int(self.first[:4]), int(self.last[:4]) + 1))

    def contains_month(self, month: str) -> bool:
        return month_index(self.first) <= month_index(month) <= month_index(self.last)

    def contains_year(self, year: int) -> bool:
        return int(self.first[:4]) <= year <= int(self.last[:4])


# The reform plans in raw/documents set their targets for 2025; monitoring starts with 2023.
MONITORING_WINDOW = MonthWindow("2023-01", "2025-12")
