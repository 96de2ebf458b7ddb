"""What a great-expectations suite found, in a form that needs no great-expectations to read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SuiteOutcome:
    passed: bool
    evaluated: int
    failures: list[str]
