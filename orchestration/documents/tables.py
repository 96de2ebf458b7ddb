"""Indicator tables: 主要指标 | 单位 | 2020年 | 2025年 | 属性, one row per indicator.

Five-year plans and action plans summarise their aims in a table whose header
names years. The latest year's column holds the target, due that year; earlier
columns hold the baseline, reported actuals. Tables reach us as tab-separated
lines (.docx, HTML cells), bar-separated lines (指标 | 2020年 | 2025年) or, from a
PDF text layer, space-separated lines.

A cell may carry its comparator (≥65, ≤13, 90以上, 27左右); without one, a
baseline is an observed value (=) and a target is a level to reach (>=), a
ceiling for things a plan wants to reduce (死亡率, 个人卫生支出占比: <=), or an
exact number for counts (建成15个: =).

Rows whose merged first cells were lost in the capture (a 领域 column written
once per group) are shorter than the header: they are aligned from the right,
where the year columns are.
"""

from __future__ import annotations

import re
from typing import Callable

from orchestration.documents import regions
from orchestration.documents.cleaning import CleanedText
from orchestration.documents.indicators import IndicatorCatalogue, lower_is_better
from orchestration.documents.numerals import PER_BASE, parse_number, population_base
from orchestration.documents.records import ACTUAL, TARGET, Target
from orchestration.documents.structure import Clause, clause_at

# Cells are tab- or bar-separated (.docx, HTML), else space-separated (a PDF text layer).
_CELL_SEPARATOR = re.compile(r"\s*[\t|｜]\s*")
# 2025年, 2025年目标值, 目标值(2025年), 2020年底
_YEAR_CELL = re.compile(
    r"^(?:基期值?|基线值?|现状值?|目标值?|预期值?)?[(（]?(?P<year>(?:19|20)\d{2})\s*年?(?:底|末)?[)）]?(?:目标值?|预期值?|基期值?|基线值?|现状值?)?$"
)
_CELL_VALUE = re.compile(
    r"^(?P<comparator>≥|≤|>|<|＞|＜|不低于|不高于|不少于|不超过|约)?\s*(?P<value>\d+(?:\.\d+)?)"
    r"(?:\s*[-—~～]\s*(?P<value_max>\d+(?:\.\d+)?))?\s*(?P<percent>%)?\s*(?P<suffix>以上|以下|左右)?$"
)
_UNIT_IN_NAME = re.compile(r"[(（](?P<unit>%|‰|[^()（）]{1,6})[)）]$")
_CELL_COMPARATORS = {"≥": ">=", ">": ">=", "＞": ">=", "不低于": ">=", "不少于": ">=", "以上": ">=",
                     "≤": "<=", "<": "<=", "＜": "<=", "不高于": "<=", "不超过": "<=", "以下": "<=",
                     "约": "=", "左右": "="}
# The header cell over the indicator names, and cells that are not values (指标属性 | 预期性).
_NAME_HEADER = re.compile(r"指标(?!属性|性质|类型)|项目|名称")
_COUNT_UNITS = {"个", "所", "家", "名", "人", "张", "项", "次", "人次", "万人次", "床"}


def table_items(
    cleaned: CleanedText,
    clauses: list[Clause],
    catalogue: IndicatorCatalogue,
    region_at: Callable[[int], str | None],
) -> list[Target]:
    """Rows of every table whose header names years: the latest year's column is the target."""
    items: list[Target] = []
    header: list[str] | None = None
    for line in re.finditer(r"[^\n]+", cleaned.text):
        content = line.group(0).strip()
        cells = [cell for cell in (_CELL_SEPARATOR.split(content) if _CELL_SEPARATOR.search(content) else content.split()) if cell]
        years = [i for i, cell in enumerate(cells) if _YEAR_CELL.match(cell)]
        if len(years) >= 2:
            header = cells
            continue
        if header is None:
            continue
        if not cells or re.search(r"[。；;]", line.group(0)):
            header = None  # running text again: the table is over
            continue
        missing = len(header) - len(cells)
        if missing < 0 or missing > 2 or (missing and len(cells) < 3):
            continue  # a group heading (健康水平) or a row we cannot align
        items += _row_items([""] * missing + cells, header, line, cleaned, clauses, catalogue, region_at)
    return items


def _row_items(
    cells: list[str],
    header: list[str],
    line: re.Match[str],
    cleaned: CleanedText,
    clauses: list[Clause],
    catalogue: IndicatorCatalogue,
    region_at: Callable[[int], str | None],
) -> list[Target]:
    name_cell = _name_cell(cells, header)
    if not name_cell:
        return []
    unit_column = next((i for i, cell in enumerate(header) if cell == "单位"), None)
    unit_in_name = _UNIT_IN_NAME.search(name_cell)
    name = _UNIT_IN_NAME.sub("", name_cell)
    written_unit = cells[unit_column] if unit_column is not None else (unit_in_name.group("unit") if unit_in_name else "")
    unit = _table_unit(written_unit, name)
    year_columns = sorted((int(_YEAR_CELL.match(cell).group("year")), i) for i, cell in enumerate(header) if _YEAR_CELL.match(cell))
    target_year = year_columns[-1][0]
    quote = line.group(0).strip()
    start = line.start() + line.group(0).index(quote)
    source_start, source_end = cleaned.original_span(start, start + len(quote))
    clause = clause_at(clauses, start)
    region = region_at(start)
    level = regions.level_of(region) if region else regions.CITY
    items = []
    for year, column in year_columns:
        value = _CELL_VALUE.match(cells[column])
        if not value:
            continue  # 持续提高, —, /: not a number
        kind = TARGET if year == target_year else ACTUAL
        cell_unit = "%" if value.group("percent") else unit
        value_max = parse_number(value.group("value_max") or "")
        items.append(
            Target(
                kind=kind,
                indicator_code=catalogue.code_for(name, quote, cell_unit),
                indicator_name=name,
                comparator=_cell_comparator(value, kind, name, cell_unit),
                value=parse_number(value.group("value")),
                value_max=value_max,
                unit=cell_unit,
                deadline_year=year if kind == TARGET else None,
                deadline_source="stated" if kind == TARGET else None,
                scope={regions.NATIONAL: "全国", regions.PROVINCE: "全省", regions.COUNTY: "全县"}.get(level, "全市"),
                evaluation_level=level,
                is_aspirational=False,
                region=region,
                quote=quote,
                mention=f"{header[column]}:{cells[column]}",
                start=start,
                end=start + len(quote),
                source_start=source_start,
                source_end=source_end,
                clause_id=clause.clause_id if clause else None,
                responsible_units=clause.responsible_units if clause else (),
            )
        )
    return items


def _name_cell(cells: list[str], header: list[str]) -> str | None:
    """The indicator's name: under a 指标 header if there is one, else the first cell of words."""
    column = next((i for i, cell in enumerate(header) if _NAME_HEADER.search(cell) and not _YEAR_CELL.match(cell)), None)
    if column is not None and re.search(r"[\u4e00-\u9fff]", cells[column]):
        return cells[column]
    return next((cell for cell in cells if re.search(r"[\u4e00-\u9fff]", cell) and not _CELL_VALUE.match(cell)), None)


def _cell_comparator(value: re.Match[str], kind: str, name: str, unit: str) -> str:
    if value.group("value_max"):
        return "between"
    written = value.group("comparator") or value.group("suffix")
    if written:
        return _CELL_COMPARATORS[written]
    if kind == ACTUAL:
        return "="  # a baseline is what was observed
    if lower_is_better(name):
        return "<="
    return "=" if unit in _COUNT_UNITS else ">="


def _table_unit(unit: str, name: str) -> str:
    """/10万 → per 100000; 人 in a 每千人口… row → per 1000: the units sentences use."""
    per_base = re.fullmatch(r"1?\s*/\s*(?P<base>10万|十万|万|千|1000|100000)", unit)
    if per_base:
        return f"per {PER_BASE[per_base.group('base')]}"
    per_population = re.match(r"每(?P<base>千|万|十万)", name)
    if per_population:
        return f"per {population_base(per_population.group('base'))}"
    return unit
