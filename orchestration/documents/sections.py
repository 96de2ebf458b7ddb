"""The sections of a document and the time they speak about.

Plans open with what has been achieved (一、发展现状 / 第一章 发展基础 / 一、工作基础)
before they state aims; work reports (工作总结) end with what comes next
(三、2024年工作打算 / 下一步工作). A figure in a section about the past is a
reported actual even when its sentence carries no past marker
(全省共有医疗卫生机构8.2万个), and a figure in a section about the future is a
target even in a report, due the year its heading names.

Only the top two heading styles delimit such sections: 第一章 / 第一部分 and 一、.
A heading is a short line of its own; a numbered paragraph that runs on
(一、统筹谋划，高位推动。…) is not a section title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAST, FUTURE = "past", "future"

_CN = "一二三四五六七八九十"
# (rank, pattern): a lower rank contains the higher ones
_HEADINGS = (
    (0, re.compile(rf"第[{_CN}]{{1,3}}[章部篇](?:分)?")),
    (1, re.compile(rf"[{_CN}]{{1,3}}、")),
)
_TITLE = re.compile(r"\s*(?P<title>[^。；;，,：:]{2,30})[。：:]?\s*$")
_PAST_TITLE = re.compile(
    r"发展基础|发展现状|工作基础|基本情况|现状|进展情况|工作进展|开展情况|完成情况|工作成效|主要成效|取得成效|"
    r"主要成绩|工作回顾|主要做法|经验做法|工作总结"
)
_FUTURE_TITLE = re.compile(r"工作打算|工作计划|工作思路|下一步|工作安排|工作重点|重点工作|努力方向|工作目标|发展目标|主要目标|目标任务")
_YEAR = re.compile(r"(?P<year>20\d{2})\s*年")


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    rank: int
    title: str
    tense: str | None  # past | future | None (says nothing about time)
    year: int | None  # 2024 in 三、2024年工作打算


def find_sections(text: str) -> list[Section]:
    """Every titled section, outermost first where they nest."""
    headings: list[tuple[int, int, str]] = []  # (start, rank, title)
    for line in re.finditer(r"[^\n]+", text):
        body = line.group(0).lstrip()
        for rank, marker in _HEADINGS:
            numbered = marker.match(body)
            title = _TITLE.fullmatch(body, numbered.end()) if numbered else None
            if title:
                headings.append((line.start(), rank, title.group("title").strip()))
                break
    sections = []
    for index, (start, rank, title) in enumerate(headings):
        end = next((later for later, later_rank, _ in headings[index + 1 :] if later_rank <= rank), len(text))
        year = _YEAR.search(title)
        sections.append(Section(start, end, rank, title, _tense(title), int(year.group("year")) if year else None))
    return sections


def section_at(sections: list[Section], position: int) -> Section | None:
    """The innermost section around a position that says which time it speaks about."""
    around = [section for section in sections if section.start <= position < section.end and section.tense]
    return max(around, key=lambda section: (section.rank, section.start)) if around else None


def _tense(title: str) -> str | None:
    if _FUTURE_TITLE.search(title):
        return FUTURE
    if _PAST_TITLE.search(title):
        return PAST
    return None
