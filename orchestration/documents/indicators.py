"""Map the thing a target measures to a monitored indicator of the catalogue.

The catalogue (raw/reference/indicators.csv) defines each indicator once; the
keyword rules (raw/reference/indicator_keywords.csv) say which wording names
it. A rule has two keyword lists, each a ';'-separated list of groups whose
'|'-separated alternatives are interchangeable: every group of name_keywords
must occur in the phrase the document uses for the measured thing, every group
of context_keywords in the sentence around it; a group written !a|b must not
occur (a rate for 老年人 only is not the general one). Rules are tried in file order,
so the more specific come first. A target whose unit differs from the
indicator's (a count of hospitals is not a rate) is not mapped: it stays in the
registry as "not monitored".
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from orchestration.settings import REFERENCE_DIR

CATALOGUE_PATH = REFERENCE_DIR / "indicators.csv"
KEYWORD_RULES_PATH = REFERENCE_DIR / "indicator_keywords.csv"


# Measures whose aim is to go down: a table cell or a sentence without a comparator word
# (婴儿死亡率 | 4.47 | 4.5) states a ceiling, not a floor.
_LOWER_IS_BETTER = re.compile(
    r"死亡率|病死率|发病率|患病率|感染率|吸烟率|肥胖率|过早死亡|重复检查率|不合格率|空编率|"
    r"个人卫生支出|自付|均次费用|平均住院日|等候时间|等待时间|药占比|耗材占比"
)


def lower_is_better(name: str) -> bool:
    """Whether the measured thing is one a plan wants to reduce (死亡率, 个人卫生支出占比)."""
    return _LOWER_IS_BETTER.search(name) is not None


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    unit: str


@dataclass(frozen=True)
class KeywordRule:
    indicator_code: str
    name_groups: tuple[tuple[str, ...], ...]
    context_groups: tuple[tuple[str, ...], ...]

    def matches(self, name: str, context: str) -> bool:
        return all(_group_holds(group, name) for group in self.name_groups) and all(
            _group_holds(group, context) for group in self.context_groups
        )


@dataclass(frozen=True)
class IndicatorCatalogue:
    indicators: dict[str, Indicator]
    rules: tuple[KeywordRule, ...]

    @classmethod
    def load(cls, catalogue_path: Path = CATALOGUE_PATH, rules_path: Path = KEYWORD_RULES_PATH) -> IndicatorCatalogue:
        with open(catalogue_path, encoding="utf-8", newline="") as handle:
            indicators = {row["indicator_code"]: Indicator(row["indicator_code"], row["name_zh"], row["unit"]) for row in csv.DictReader(handle)}
        with open(rules_path, encoding="utf-8", newline="") as handle:
            rules = tuple(
                KeywordRule(row["indicator_code"], _groups(row["name_keywords"]), _groups(row["context_keywords"]))
                for row in csv.DictReader(handle)
            )
        unknown = sorted({rule.indicator_code for rule in rules} - set(indicators))
        if unknown:
            raise ValueError(f"{rules_path.name} names indicators missing from {catalogue_path.name}: {unknown}")
        return cls(indicators, rules)

    def code_for(self, name: str, context: str, unit: str | None) -> str | None:
        """The indicator the phrase measures, or None when no rule matches or the unit differs."""
        for rule in self.rules:
            if rule.matches(name, context) and self.indicators[rule.indicator_code].unit == unit:
                return rule.indicator_code
        return None


def _group_holds(group: tuple[str, ...], text: str) -> bool:
    if group[0].startswith("!"):
        return not any(word.lstrip("!") in text for word in group)
    return any(word in text for word in group)


def _groups(cell: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(word.strip() for word in group.split("|") if word.strip()) for group in (cell or "").split(";") if group.strip())
