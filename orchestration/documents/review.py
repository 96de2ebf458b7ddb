"""Human review of extracted targets, kept in a hand-edited CSV.

raw/reference/target_reviews.csv has one row per decision:

    target_id, decision, field, corrected_value, reviewer, reviewed_at, note

* confirm — the target is right as extracted;
* reject  — it is not a target (kept in the registry, marked rejected, with the note);
* correct — `field` takes `corrected_value` (several rows may correct several fields).

Decisions apply in `reviewed_at` order, so the latest one gives the status.
A review whose target no longer exists (the document was withdrawn, or changed
so that the sentence is gone) is an *orphan*: it is reported, never dropped
silently, so the reviewer can re-attach it.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from orchestration.documents.extraction import Target
from orchestration.settings import REFERENCE_DIR

REVIEWS_PATH = REFERENCE_DIR / "target_reviews.csv"
COLUMNS = ("target_id", "decision", "field", "corrected_value", "reviewer", "reviewed_at", "note")
DECISIONS = ("confirm", "reject", "correct")
STATUS_AFTER = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}

# Fields a reviewer may correct, and how the CSV text becomes their value.
_NUMBER_FIELDS = {"value", "value_max"}
_INTEGER_FIELDS = {"deadline_year"}
_BOOLEAN_FIELDS = {"is_aspirational"}
_TEXT_FIELDS = {"kind", "indicator_code", "indicator_name", "comparator", "unit", "scope", "evaluation_level", "region"}
CORRECTABLE_FIELDS = _NUMBER_FIELDS | _INTEGER_FIELDS | _BOOLEAN_FIELDS | _TEXT_FIELDS
_TRUE, _FALSE = {"true", "1", "yes", "是", "y"}, {"false", "0", "no", "否", "n"}


@dataclass(frozen=True)
class Review:
    target_id: str
    decision: str
    field: str | None
    corrected_value: str | None
    reviewer: str
    reviewed_at: str
    note: str | None
    line: int = 0  # line of the CSV, for messages


@dataclass(frozen=True)
class ReviewOutcome:
    targets: list[Target]
    orphaned: list[Review]


class ReviewFileError(ValueError):
    """The review file has rows that cannot be applied; the message lists every one."""


def load_reviews(path: Path = REVIEWS_PATH) -> list[Review]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            raise ReviewFileError(f"{path.name}: missing columns {missing}")
        reviews = [_review(row, line) for line, row in enumerate(reader, start=2) if any((value or "").strip() for value in row.values())]
    problems = [problem for review in reviews for problem in _problems(review)]
    if problems:
        raise ReviewFileError(f"{path.name}: " + "; ".join(problems))
    return reviews


def apply_reviews(targets: Sequence[Target], reviews: Iterable[Review]) -> ReviewOutcome:
    """Targets with their review status and corrections applied, and the reviews that found no target."""
    by_id = {target.target_id: target for target in targets}
    orphaned: list[Review] = []
    for review in sorted(reviews, key=lambda r: (r.reviewed_at, r.line)):
        target = by_id.get(review.target_id)
        if target is None:
            orphaned.append(review)
            continue
        changes: dict = {"review_status": STATUS_AFTER[review.decision]}
        if review.decision == "correct":
            changes[review.field] = coerce(review.field, review.corrected_value)
        if review.note:
            changes["review_note"] = f"{target.review_note}; {review.note}" if target.review_note else review.note
        by_id[review.target_id] = dataclasses.replace(target, **changes)
    return ReviewOutcome([by_id[target.target_id] for target in targets], orphaned)


def coerce(field: str, text: str | None) -> object:
    """The CSV text of a corrected value as the field's type; empty means no value."""
    text = (text or "").strip()
    if field in _TEXT_FIELDS:
        return text or None
    if not text:
        return None
    if field in _NUMBER_FIELDS:
        number = float(text.rstrip("%"))
        return int(number) if number.is_integer() else number
    if field in _INTEGER_FIELDS:
        return int(text)
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise ValueError(f"not a yes/no value: {text!r}")


def _review(row: dict, line: int) -> Review:
    def cell(name: str) -> str | None:
        value = (row.get(name) or "").strip()
        return value or None

    return Review(
        target_id=cell("target_id") or "",
        decision=(cell("decision") or "").lower(),
        field=cell("field"),
        corrected_value=cell("corrected_value"),
        reviewer=cell("reviewer") or "",
        reviewed_at=cell("reviewed_at") or "",
        note=cell("note"),
        line=line,
    )


def _problems(review: Review) -> list[str]:
    where = f"line {review.line}"
    if not review.target_id:
        return [f"{where}: no target_id"]
    if review.decision not in DECISIONS:
        return [f"{where}: decision {review.decision!r} is not one of {', '.join(DECISIONS)}"]
    if review.decision != "correct":
        return []
    if review.field not in CORRECTABLE_FIELDS:
        return [f"{where}: field {review.field!r} cannot be corrected (one of {', '.join(sorted(CORRECTABLE_FIELDS))})"]
    try:
        coerce(review.field, review.corrected_value)
    except ValueError as exc:
        return [f"{where}: corrected_value for {review.field}: {exc}"]
    return []
