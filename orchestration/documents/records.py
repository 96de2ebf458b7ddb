"""The record every extracted item becomes: a target, a standard or a reported actual.

Kept apart from the rules that find them (extraction.py for sentences, tables.py
for indicator tables) so that both can build it; `extraction.Target` is the
name the rest of the code base imports.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

TARGET, STANDARD, ACTUAL = "target", "standard", "reported_actual"


@dataclass(frozen=True)
class Target:
    kind: str  # target | standard | reported_actual
    indicator_code: str | None  # None: not monitored
    indicator_name: str  # the document's phrase for the measured thing
    comparator: str  # >= | <= | = | between
    value: float | int
    value_max: float | int | None
    unit: str
    deadline_year: int | None
    deadline_source: str | None  # stated | document_year | section | paragraph | plan_period
    scope: str  # whose target: 每个县(市、区), 牵头医院, 全市
    evaluation_level: str  # province | city | county | township | institution
    is_aspirational: bool
    region: str | None
    quote: str  # the cleaned sentence stating it
    mention: str  # the quantity as written: 20-30名, 全覆盖
    start: int  # quote span in the cleaned text
    end: int
    source_start: int  # quote span in the original text
    source_end: int
    clause_id: str | None
    responsible_units: tuple[str, ...] = field(default_factory=tuple)
    target_id: str | None = None  # given by identity.with_target_ids
    review_status: str = "unreviewed"  # given by review.apply_reviews
    review_note: str | None = None

    def to_record(self) -> dict:
        record = asdict(self)
        record["responsible_units"] = list(self.responsible_units)
        return record
