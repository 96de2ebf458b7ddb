"""Decide, row by row, accepted or quarantined, with a reason code and a message.

Checks run in a fixed order and a row is quarantined for the first one it fails, so the
reason names the most basic problem (a blank code is `missing_value`, not also
`unknown_institution`). Reason codes:

    missing_value                 a required cell is blank (required for this institution type)
    unparseable_value             a number, date, month, year or flag that cannot be read
    invalid_code                  a coded value outside its code list (item class, rating)
    unknown_institution           neither a known institution code nor a registered alias
    unknown_month                 the row's month / year / date does not belong to the file's period
    negative_value                a count or percentage below zero
    out_of_range                  a percentage above 100
    numerator_exceeds_denominator a part larger than its whole; an event recognised without a prior result
    end_before_start              a contract ending before it starts
    unparseable_row               (JSON Lines) a line that is no JSON object; set by the loader

Messages are in Chinese: the data team that fixes feeds reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

import polars as pl

from orchestration.feeds.normalise import TEXT_SUFFIX
from orchestration.feeds.periods import add_months, first_day
from orchestration.feeds.reference import HEALTH_CENTRE_TYPES, HOSPITAL_TYPES, TOWNSHIP_HEALTH_CENTRE, Reference
from orchestration.feeds.specs import (
    FAMILY_DOCTOR_CONTRACTS,
    MUTUAL_RECOGNITION_EVENTS,
    Applies,
    Column,
    FeedSpec,
    Kind,
)

_KIND_NAMES = {
    Kind.COUNT: "整数", Kind.PERCENT: "百分比", Kind.DATE: "日期", Kind.DATETIME: "日期时间",
    Kind.MONTH: "月份", Kind.YEAR: "年份", Kind.FLAG: "是/否",
}


@dataclass(frozen=True)
class Check:
    reason: str
    column: str | None
    failed: pl.Expr  # true for rows that fail; null counts as passing
    message: pl.Expr


FAILED = "__failed"


def flag_failures(spec: FeedSpec, rows: pl.LazyFrame, reference: Reference, period: str) -> pl.LazyFrame:
    """Normalised rows plus one `__check_<i>` column per check (true when the row fails it)
    and `__failed` (any of them), and what the checks need; lazy, so the file is judged in
    the same pass that normalises it."""
    institutions = reference.institutions.lazy().select(
        pl.col("org_unit_id").alias(spec.institution_column),
        pl.col("institution_type").alias("__institution_type"),
        pl.col("is_consortium_lead").fill_null(False).alias("__is_lead"),
    )
    start, end = _period_bounds(spec, period)
    checks = _checks(spec)
    flags = _flags(spec)
    # Each check as its own column is far cheaper for polars than one combined expression.
    return (
        rows.join(institutions, on=spec.institution_column, how="left", maintain_order="left")
        .with_columns(pl.lit(start).alias("__period_start"), pl.lit(end).alias("__period_end"), pl.lit(period).alias("__period"))
        .with_columns(check.failed.fill_null(False).alias(flag) for check, flag in zip(checks, flags))
        .with_columns(pl.any_horizontal(flags).alias(FAILED))
    )


def accepted_rows(spec: FeedSpec, flagged: pl.LazyFrame) -> pl.LazyFrame:
    """source_row + typed canonical columns + institution_matched_by of the rows that pass."""
    return flagged.filter(~pl.col(FAILED)).select("source_row", *(column.name for column in spec.columns), "institution_matched_by")


def failed_rows(flagged: pl.LazyFrame) -> pl.LazyFrame:
    return flagged.filter(pl.col(FAILED))


def reasons(spec: FeedSpec, failed: pl.DataFrame) -> pl.DataFrame:
    """source_row, reason, column, message of `failed_rows`, collected: each row's first failure."""
    # Chained only over the checks some row of this file failed: a chain over all ~60 costs
    # more to plan than a small file takes to validate.
    failed_checks = tuple(i for i, flag in enumerate(_flags(spec)) if failed[flag].any())
    if not failed_checks:
        return failed.select("source_row", *(pl.lit(None, pl.String).alias(name) for name in ("reason", "column", "message")))
    return failed.with_columns(_first_failure(spec, failed_checks)).select("source_row", "reason", "column", "message")


def _period_bounds(spec: FeedSpec, period: str) -> tuple[date, date]:
    """First day of the file's period and first day after it."""
    if spec.cadence == "yearly":
        return date(int(period), 1, 1), date(int(period) + 1, 1, 1)
    return first_day(period), first_day(add_months(period, 1))


@cache
def _flags(spec: FeedSpec) -> list[str]:
    return [f"__check_{i}" for i in range(len(_checks(spec)))]


@cache
def _first_failure(spec: FeedSpec, failed_checks: tuple[int, ...]) -> list[pl.Expr]:
    """reason, column and message of the first of `failed_checks` (in check order) a row fails."""
    checks, flags = _checks(spec), _flags(spec)
    first, *rest = failed_checks
    reason = pl.when(pl.col(flags[first])).then(pl.lit(checks[first].reason))
    column = pl.when(pl.col(flags[first])).then(pl.lit(checks[first].column))
    message = pl.when(pl.col(flags[first])).then(checks[first].message)
    for i in rest:
        reason = reason.when(pl.col(flags[i])).then(pl.lit(checks[i].reason))
        column = column.when(pl.col(flags[i])).then(pl.lit(checks[i].column))
        message = message.when(pl.col(flags[i])).then(checks[i].message)
    return [reason.alias("reason"), column.alias("column"), message.alias("message")]


@cache
def _checks(spec: FeedSpec) -> list[Check]:
    columns = spec.columns
    checks = [_missing(column) for column in columns if column.applies is Applies.ALL]
    checks += [_unparseable(column) for column in columns if column.kind in _KIND_NAMES]
    checks += [_invalid_code(column) for column in columns if column.kind is Kind.CODE]
    checks.append(_unknown_institution(spec.institution_column, spec.column(spec.institution_column).header))
    checks += [_missing(column, _APPLICABLE[column.applies]) for column in columns if column.applies in _APPLICABLE]
    checks.append(_unknown_month(spec))
    checks += [_negative(column) for column in columns if column.kind in (Kind.COUNT, Kind.PERCENT)]
    checks += [_over_hundred(column) for column in columns if column.kind is Kind.PERCENT]
    checks += [_ratio(spec.column(check.numerator), spec.column(check.denominator)) for check in spec.ratio_checks]
    checks += [rule() for rule in _FEED_RULES.get(spec.name, ())]
    return checks


def _text(column: Column) -> pl.Expr:
    return pl.col(column.name + TEXT_SUFFIX)


_APPLICABLE: dict[Applies, pl.Expr] = {
    Applies.HEALTH_CENTRES: pl.col("__institution_type").is_in(HEALTH_CENTRE_TYPES),
    Applies.TOWNSHIP_HEALTH_CENTRES: pl.col("__institution_type") == TOWNSHIP_HEALTH_CENTRE,
    Applies.CONSORTIUM_LEADS: pl.col("__institution_type").is_in(HOSPITAL_TYPES) & pl.col("__is_lead"),
    Applies.RESULT_WITH_PRIOR: pl.col("has_prior_result").fill_null(False),
}


def _missing(column: Column, applicable: pl.Expr | None = None) -> Check:
    blank = _text(column).is_null()
    return Check(
        "missing_value", column.name,
        blank if applicable is None else blank & applicable,
        pl.lit(f"必填项「{column.header}」为空" + ("" if applicable is None else "（该机构或该记录须填报）")),
    )


def _unparseable(column: Column) -> Check:
    return Check(
        "unparseable_value", column.name,
        _text(column).is_not_null() & pl.col(column.name).is_null(),
        pl.format(f"「{column.header}」的值“{{}}”无法识别为{_KIND_NAMES[column.kind]}", _text(column)),
    )


def _invalid_code(column: Column) -> Check:
    return Check(
        "invalid_code", column.name,
        _text(column).is_not_null() & ~_text(column).is_in(column.codes),
        pl.format(f"「{column.header}」的值“{{}}”不在代码表内（{'/'.join(column.codes)}）", _text(column)),
    )


def _unknown_institution(name: str, header: str) -> Check:
    return Check(
        "unknown_institution", name,
        pl.col(name + TEXT_SUFFIX).is_not_null() & pl.col(name).is_null(),
        pl.format(f"「{header}」“{{}}”既不是已登记的机构编码，也不是已登记的机构名称", pl.col(name + TEXT_SUFFIX)),
    )


def _unknown_month(spec: FeedSpec) -> Check:
    """The row's period column against the file's period (`__period_start` <= day < `__period_end`)."""
    column = spec.column(spec.period_column)
    value = pl.col(column.name)
    day = {Kind.YEAR: pl.date(value, 1, 1), Kind.DATETIME: value.dt.date()}.get(column.kind, value)
    too_late = day >= pl.col("__period_end")
    outside = too_late if spec.period_rule == "not_after" else (day < pl.col("__period_start")) | too_late
    rule = "不得晚于" if spec.period_rule == "not_after" else "须属于"
    return Check(
        "unknown_month", column.name, outside,
        pl.format(f"「{column.header}」{{}} {rule}文件所属期 {{}}", _text(column), pl.col("__period")),
    )


def _negative(column: Column) -> Check:
    return Check("negative_value", column.name, pl.col(column.name) < 0,
                 pl.format(f"「{column.header}」为负数：{{}}", _text(column)))


def _over_hundred(column: Column) -> Check:
    return Check("out_of_range", column.name, pl.col(column.name) > 100,
                 pl.format(f"「{column.header}」{{}} 超过 100%", _text(column)))


def _ratio(numerator: Column, denominator: Column) -> Check:
    return Check(
        "numerator_exceeds_denominator", numerator.name,
        pl.col(numerator.name) > pl.col(denominator.name),
        pl.format(f"「{numerator.header}」{{}} 大于「{denominator.header}」{{}}", _text(numerator), _text(denominator)),
    )


def _recognised_without_prior_result() -> Check:
    # Counted in the numerator (recognised) but not the denominator (eligible).
    return Check(
        "numerator_exceeds_denominator", "recognition_result",
        (pl.col("recognition_result") == "互认") & ~pl.col("has_prior_result"),
        pl.lit("无他院既往结果（priorResultExists 为 false），却标记为「互认」"),
    )


def _end_before_start() -> Check:
    return Check(
        "end_before_start", "end_date",
        pl.col("end_date") < pl.col("start_date"),
        pl.format("「协议到期日期」{} 早于「协议生效日期」{}", pl.col("end_date" + TEXT_SUFFIX), pl.col("start_date" + TEXT_SUFFIX)),
    )


_FEED_RULES: dict[str, tuple[Callable[[], Check], ...]] = {
    MUTUAL_RECOGNITION_EVENTS.name: (_recognised_without_prior_result,),
    FAMILY_DOCTOR_CONTRACTS.name: (_end_before_start,),
}
