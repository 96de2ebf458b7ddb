"""When (and whether) each file reaches the health commission, and in what state.

Monthly files normally arrive on the 10th of the following month, yearly assessment lists on
20 December. Per file, independently of every other (own random stream), a share of the
defect rate decides: never delivered (missing month), delivered months late, resubmitted
with corrections a month after the first delivery, columns in another order, or broken as a
whole (truncated, wrong encoding) — a broken file is always followed by a clean resubmission,
as the sender is told to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from orchestration.feeds.periods import add_months
from orchestration.feeds.randomness import stream
from orchestration.feeds.specs import FeedSpec

# Shares of the defect rate, per file.
_MISSING = 1.0
_LATE = 2.0
_RESUBMITTED = 2.5
_REORDERED = 1.0
_BROKEN = 1.0


@dataclass(frozen=True)
class FilePlan:
    missing: bool
    late_months: int
    resubmitted: bool
    reorder_columns: bool
    file_error: str | None  # truncated_file | wrong_encoding

    @property
    def file_defects(self) -> list[str]:
        defects = []
        if self.late_months:
            defects.append("late_delivery")
        if self.reorder_columns:
            defects.append("wrong_column_order")
        if self.file_error:
            defects.append(self.file_error)
        return defects


def plan_file(seed: int, spec: FeedSpec, city_id: str, period: str, rate: float) -> FilePlan:
    rng = stream(seed, "delivery", spec.name, city_id, period)
    draws = rng.random(7)
    if draws[0] < rate * _MISSING:
        return FilePlan(missing=True, late_months=0, resubmitted=False, reorder_columns=False, file_error=None)
    broken = draws[4] < rate * _BROKEN
    # A GBK file sent as UTF-8 is a CSV problem; anything can arrive cut short.
    file_error = None
    if broken:
        file_error = "wrong_encoding" if spec.encoding == "gbk" and draws[5] < 0.5 else "truncated_file"
    return FilePlan(
        missing=False,
        late_months=1 + int(draws[6] * 3) if draws[1] < rate * _LATE else 0,
        resubmitted=broken or draws[2] < rate * _RESUBMITTED,
        reorder_columns=draws[3] < rate * _REORDERED,
        file_error=file_error,
    )


def scheduled_delivery(spec: FeedSpec, period: str, late_months: int = 0) -> date:
    if spec.cadence == "yearly":
        due = date(int(period), 12, 20)
        return due if late_months == 0 else _month_shift(due, late_months)
    month = add_months(period, 1 + late_months)
    return date(int(month[:4]), int(month[5:7]), 10)


def resubmission_delivery(first_delivery: date) -> date:
    return _month_shift(first_delivery, 1)


def _month_shift(day: date, months: int) -> date:
    shifted = add_months(f"{day.year:04d}-{day.month:02d}", months)
    return date(int(shifted[:4]), int(shifted[5:7]), day.day)
