"""Row-level defects as real feeds have them, injected into a file's text before writing.

Each row is hit with probability `rate`, by one defect drawn from those its feed can have,
in one column. The returned record says where (0-based position in the final frame), what
and which column, and what the loader must make of it (`expected`): ground truth for tests.
A row never carries two defects, so every expectation is unambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from orchestration.feeds.reference import Reference
from orchestration.feeds.specs import (
    FAMILY_DOCTOR_CONTRACTS,
    INSTITUTION_MONTHLY_REPORTS,
    MUTUAL_RECOGNITION_EVENTS,
    SERVICE_CAPACITY_ASSESSMENTS,
    FeedSpec,
)

ACCEPTED = "accepted"
REPLACED = "replaced"

EXPECTED_OUTCOME = {
    "blank_value": "quarantined:missing_value",
    "negative_value": "quarantined:negative_value",
    "numerator_exceeds_denominator": "quarantined:numerator_exceeds_denominator",
    "unknown_institution_code": "quarantined:unknown_institution",
    "institution_name_for_code": ACCEPTED,
    "full_width_digits": ACCEPTED,
    "percent_as_text": ACCEPTED,
    "correction_row": ACCEPTED,  # a later row in the same file for the same key ...
    "superseded_row": REPLACED,  # ... which replaces this one
}

_FULL_WIDTH_DIGITS = [chr(0xFF10 + digit) for digit in range(10)]
_ASCII_DIGITS = [str(digit) for digit in range(10)]


@dataclass(frozen=True)
class FeedDefects:
    """Which columns (canonical names) each defect may hit in one feed."""

    blank_value: tuple[str, ...]
    full_width_digits: tuple[str, ...]
    negative_value: tuple[str, ...] = ()
    percent_as_text: tuple[str, ...] = ()
    numerator_exceeds_denominator: bool = False
    correction: str = ""  # the column a correction changes

    def kinds(self) -> list[str]:
        kinds = ["blank_value", "full_width_digits", "institution_name_for_code", "unknown_institution_code", "correction_row"]
        if self.negative_value:
            kinds.append("negative_value")
        if self.percent_as_text:
            kinds.append("percent_as_text")
        if self.numerator_exceeds_denominator:
            kinds.append("numerator_exceeds_denominator")
        return kinds


FEED_DEFECTS: dict[str, FeedDefects] = {
    FAMILY_DOCTOR_CONTRACTS.name: FeedDefects(
        blank_value=("resident_id", "institution_id", "team_id", "start_date", "end_date"),
        full_width_digits=("resident_id", "start_date", "institution_id"),
        correction="end_date",
    ),
    MUTUAL_RECOGNITION_EVENTS.name: FeedDefects(
        blank_value=("institution_id", "patient_id", "item_class", "ordered_at", "has_prior_result"),
        full_width_digits=("ordered_at", "institution_id"),
        numerator_exceeds_denominator=True,
        correction="recognition_result",
    ),
    INSTITUTION_MONTHLY_REPORTS.name: FeedDefects(
        blank_value=("institution_id", "month", "visits", "referrals_up", "remote_consultations"),
        full_width_digits=("visits", "institution_id", "referrals_down"),
        negative_value=("visits", "referrals_up", "referrals_down", "remote_consultations"),
        numerator_exceeds_denominator=True,
        correction="visits",
    ),
    SERVICE_CAPACITY_ASSESSMENTS.name: FeedDefects(
        blank_value=("institution_id", "rating", "basic_standard_score"),
        full_width_digits=("basic_standard_score", "institution_id", "year"),
        percent_as_text=("basic_standard_score", "recommended_standard_score"),
        correction="recommended_standard_score",
    ),
}


def correct(spec: FeedSpec, column: str, values: pl.Expr) -> pl.Expr:
    """The change a correction (resubmitted file or appended row) makes to a clean value."""
    match spec.name:
        case FAMILY_DOCTOR_CONTRACTS.name:  # ended early: the resident moved away
            return values.str.to_date("%Y-%m-%d", strict=False).dt.offset_by("-3mo").dt.strftime("%Y-%m-%d")
        case MUTUAL_RECOGNITION_EVENTS.name:  # the decision was revised
            return pl.when(values == "互认").then(pl.lit("重复检查")).when(values == "重复检查").then(pl.lit("互认"))
        case INSTITUTION_MONTHLY_REPORTS.name:  # late-registered visits
            return (values.cast(pl.Int64, strict=False) + 17).cast(pl.String)
        case _:  # an item re-scored
            return (values.cast(pl.Float64, strict=False) - 0.5).clip(0, 100).round(1).cast(pl.String)


def inject_row_defects(
    spec: FeedSpec, text: pl.DataFrame, reference: Reference, rng: np.random.Generator, rate: float
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return the defective text and one record per defect: `position`, `defect`, `column`, `expected`."""
    return _Injector(spec, text, reference, rng, rate).run()


class _Injector:
    """Applies each defect to its rows only: the affected rows are taken out of the clean
    text, changed, and written back into copies of the columns (a file can have 10^5 rows,
    a defect type a few hundred). As no row gets two defects, every change is computed from
    the clean text."""

    def __init__(self, spec: FeedSpec, text: pl.DataFrame, reference: Reference, rng: np.random.Generator, rate: float):
        self.spec, self.text, self.reference, self.rng = spec, text, reference, rng
        self.plan = FEED_DEFECTS[spec.name]
        self.headers = {column.name: column.header for column in spec.columns}
        self.kinds = self.plan.kinds()
        hit = rng.random(text.height) < rate
        self.chosen_kind = np.where(hit, rng.integers(0, len(self.kinds), text.height), -1)
        self.column_draw = rng.random(text.height)
        self.columns = {header: text[header].clone() for header in text.columns}
        self.records: list[dict] = []

    def run(self) -> tuple[pl.DataFrame, pl.DataFrame]:
        plan, headers = self.plan, self.headers
        for column, positions in self._by_column("blank_value", plan.blank_value):
            self._change("blank_value", column, positions, pl.col(headers[column]).is_not_null(), pl.lit(None, pl.String))
        for column, positions in self._by_column("full_width_digits", plan.full_width_digits):
            cell = pl.col(headers[column])
            self._change("full_width_digits", column, positions, cell.str.contains("[0-9]"),
                         cell.str.replace_many(_ASCII_DIGITS, _FULL_WIDTH_DIGITS))
        for column, positions in self._by_column("negative_value", plan.negative_value):
            cell = pl.col(headers[column])
            self._change("negative_value", column, positions, cell.str.contains("^[0-9]+$"),
                         pl.when(cell == "0").then(pl.lit("-1")).otherwise(pl.lit("-") + cell))
        for column, positions in self._by_column("percent_as_text", plan.percent_as_text):
            cell = pl.col(headers[column])
            self._change("percent_as_text", column, positions, cell.is_not_null(), cell + "%")
        self._institution_defects()
        if plan.numerator_exceeds_denominator:
            self._numerator_exceeds_denominator()
        appended = self._correction_rows()

        frame = pl.concat([pl.DataFrame(list(self.columns.values())), appended])
        defects = pl.DataFrame(self.records, schema={"position": pl.Int64, "defect": pl.String, "column": pl.String})
        defects = defects.with_columns(pl.col("defect").replace_strict(EXPECTED_OUTCOME).alias("expected")).sort("position", "defect")
        return frame, defects

    def _rows(self, kind: str) -> np.ndarray:
        if kind not in self.kinds:
            return np.empty(0, dtype=np.int64)
        return np.flatnonzero(self.chosen_kind == self.kinds.index(kind))

    def _by_column(self, kind: str, candidates: tuple[str, ...]) -> list[tuple[str, np.ndarray]]:
        positions = self._rows(kind)
        picks = (self.column_draw[positions] * max(len(candidates), 1)).astype(np.int64)
        return [(candidate, positions[picks == index]) for index, candidate in enumerate(candidates)]

    def _change(self, kind: str, column: str, positions: np.ndarray, eligible: pl.Expr, value: pl.Expr,
                rows: pl.DataFrame | None = None) -> None:
        """Set `value` (computed on the clean rows) where `eligible`, and record the defect."""
        if positions.size == 0:
            return
        rows = self.text[positions] if rows is None else rows
        changed = rows.with_columns(pl.Series("__position", positions)).filter(eligible)
        if changed.height == 0:
            return
        header = self.headers[column]
        values = changed.with_columns(value.cast(pl.String).alias("__value"))["__value"]  # broadcasts literals
        self.columns[header].scatter(changed["__position"], values)
        self.records.extend({"position": int(p), "defect": kind, "column": column} for p in changed["__position"])

    def _institution_defects(self) -> None:
        column = self.spec.institution_column
        code = pl.col(self.headers[column])
        is_code = code.str.contains("^[0-9]{12}$")
        unknown = self._rows("unknown_institution_code")
        # Serials 900-999 are never handed out, so the code is well-formed but unknown.
        serials = pl.Series("__serial", self.rng.integers(900, 1000, unknown.size)).cast(pl.String)
        self._change("unknown_institution_code", column, unknown, is_code, code.str.slice(0, 9) + pl.col("__serial"),
                     rows=self.text[unknown].with_columns(serials))
        named = self._rows("institution_name_for_code")
        aliases = self.reference.institution_aliases.group_by("org_unit_id").agg(pl.col("alias").sort().alias("__aliases"))
        rows = self.text[named].with_columns(pl.Series("__pick", self.rng.integers(0, 1 << 30, named.size))).join(
            aliases.rename({"org_unit_id": self.headers[column]}), on=self.headers[column], how="left", maintain_order="left"
        )
        alias = pl.col("__aliases").list.get(pl.col("__pick") % pl.col("__aliases").list.len())
        self._change("institution_name_for_code", column, named, pl.col("__aliases").is_not_null(), alias, rows=rows)

    def _numerator_exceeds_denominator(self) -> None:
        positions = self._rows("numerator_exceeds_denominator")
        if self.spec.name == MUTUAL_RECOGNITION_EVENTS.name:
            # Event-level form of the same error: recognised although no earlier result existed.
            self._change("numerator_exceeds_denominator", "recognition_result", positions,
                         pl.col("priorResultExists") == "false", pl.lit("互认"))
            return
        picks = (self.column_draw[positions] * len(self.spec.ratio_checks)).astype(np.int64)
        for index, check in enumerate(self.spec.ratio_checks):
            numerator, denominator = pl.col(self.headers[check.numerator]), pl.col(self.headers[check.denominator])
            whole = denominator.cast(pl.Int64, strict=False)
            self._change("numerator_exceeds_denominator", check.numerator, positions[picks == index],
                         numerator.is_not_null() & whole.is_not_null(), whole + whole // 10 + 1)

    def _correction_rows(self) -> pl.DataFrame:
        """Clean rows repeated at the end of the file with one value corrected."""
        positions = self._rows("correction_row")
        header = self.headers[self.plan.correction]
        fixed = correct(self.spec, self.plan.correction, pl.col(header))
        originals = self.text[positions].with_columns(pl.Series("__position", positions)).filter(fixed.is_not_null())
        first_new = self.text.height
        for offset, original in enumerate(originals["__position"].to_list()):
            self.records.append({"position": original, "defect": "superseded_row", "column": self.plan.correction})
            self.records.append({"position": first_new + offset, "defect": "correction_row", "column": self.plan.correction})
        return originals.with_columns(fixed.alias(header)).drop("__position")
