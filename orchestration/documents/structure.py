"""The clause tree of a policy document and who is responsible for each clause.

Chinese plans number their clauses in a fixed hierarchy of styles:
一、 → (一) → 1. → (1) → ① → 一是…二是… inside a paragraph. A document may skip
a style (1. directly under 一、), so a clause's parent is the nearest open clause
of a higher style, not necessarily the one just above.

Responsibility is written after the clause text: (责任单位:…), (牵头单位:…) or
(市卫生健康委、市财政局等按职责分工负责). A clause that names no unit inherits
the units of its nearest ancestor that does.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from orchestration.documents.numerals import parse_chinese_integer

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (style, rank, pattern at the start of a line). Lower rank = higher in the tree.
_LINE_HEADINGS = (
    ("一、", 1, re.compile(rf"(?P<number>[{_CN}]{{1,3}})、")),
    ("(一)", 2, re.compile(rf"[(（](?P<number>[{_CN}]{{1,3}})[)）]")),
    ("1.", 3, re.compile(r"(?P<number>\d{1,2})[.．、](?!\d)")),
    ("(1)", 4, re.compile(r"[(（](?P<number>\d{1,2})[)）]")),
    ("①", 5, re.compile(rf"(?P<number>[{_CIRCLED}])")),
)
# 一是… 二是… inside a paragraph: after its start or after a sentence end.
_INLINE_HEADING = re.compile(rf"(?:(?<=^)|(?<=[。;；:：]))\s*(?P<number>[{_CN}]{{1,2}})是", re.MULTILINE)
_INLINE_RANK = 6

_RESPONSIBILITY_LABEL = re.compile(
    r"[(（]\s*(?:责任单位|牵头单位|责任部门|牵头部门|主责单位|责任主体|承办单位)\s*[:：](?P<units>[^()（）]*)[)）]"
)
# A parenthetical closing a paragraph that assigns duties: (市卫生健康委、市财政局等按职责分工负责),
# (省卫生健康委牵头，省医保局配合)
_RESPONSIBILITY_TRAILING = re.compile(
    r"[(（](?P<units>[^()（）]{0,200}?(?:委|局|厅|办|府|部|单位|部门|中心)[^()（）]{0,40}?(?:负责|牵头|配合|参与))\s*[)）]\s*[。.]?\s*$",
    re.MULTILINE,
)
# Words around unit names that say how they share the duty, not who they are.
_DUTY_PHRASES = re.compile(r"(?:负责|配合|牵头|参与|分别|按职责分工|按职责|等)$")
# (牵头单位:县卫健委；配合单位:县财政局): the role is not part of the name
_ROLE_LABEL = re.compile(r"^(?:牵头|配合|协办|责任|参与|主责)(?:单位|部门)\s*[:：]\s*")
_UNIT_SEPARATORS = re.compile(r"[、,，;；]|(?<=[局委办厅院府室部会心])和")


@dataclass(frozen=True)
class Clause:
    clause_id: str  # path of sibling positions: "2.1.3"
    level: int  # depth in the tree, 1 for top-level clauses
    marker: str  # the numbering as written: 一、 (一) 1. 一是
    heading: str
    start: int  # span in the cleaned text
    end: int
    source_start: int  # span in the original text
    source_end: int
    parent_id: str | None
    responsible_units: tuple[str, ...]  # stated here or inherited
    units_from: str | None  # clause_id whose statement the units come from

    def to_record(self) -> dict:
        record = asdict(self)
        record["responsible_units"] = list(self.responsible_units)
        return record


@dataclass
class _Open:
    rank: int
    number: int
    marker: str
    heading: str
    start: int
    parent: _Open | None
    position: int  # 1-based among its siblings
    end: int = -1
    children: int = 0

    def path(self) -> str:
        return f"{self.parent.path()}.{self.position}" if self.parent else str(self.position)

    def depth(self) -> int:
        return self.parent.depth() + 1 if self.parent else 1


def parse_clauses(text: str, offsets: list[int] | None = None) -> list[Clause]:
    """Every numbered clause of the cleaned text, in document order, with effective responsible units."""
    found = _find_headings(text)
    opened: list[_Open] = []
    stack: list[_Open] = []
    top_level = 0
    last_number: dict[int, int] = {}
    for rank, number, marker, heading, start, paragraph_end in found:
        while stack and stack[-1].rank >= rank:
            closed = stack.pop()
            closed.end = start if closed.end < 0 else min(closed.end, start)
        parent = stack[-1] if stack else None
        expected = {1, last_number.get(rank, 0) + 1, (parent.children + 1) if parent else top_level + 1}
        if number not in expected:
            continue  # not a heading: numbering out of sequence (a list inside a sentence, a table)
        if parent:
            parent.children += 1
            position = parent.children
        else:
            top_level += 1
            position = top_level
        clause = _Open(rank, number, marker, heading, start, parent, position)
        if rank == _INLINE_RANK:
            clause.end = paragraph_end  # 一是… never runs past its paragraph
        opened.append(clause)
        stack.append(clause)
        last_number[rank] = number
    for clause in opened:
        if clause.end < 0:  # still open at the end of the document
            clause.end = len(text)
    return _with_units(text, opened, offsets)


def _find_headings(text: str) -> list[tuple[int, int, str, str, int, int]]:
    """(rank, number, marker, heading, start, paragraph end) for every candidate heading."""
    headings = []
    for line_match in re.finditer(r"[^\n]+", text):
        line = line_match.group(0)
        indent = len(line) - len(line.lstrip())
        body = line[indent:]
        line_start = line_match.start() + indent
        for _, rank, pattern in _LINE_HEADINGS:
            match = pattern.match(body)
            if match:
                number = _number(match.group("number"))
                headings.append((rank, number, match.group(0).strip(), _heading_text(body[match.end():]), line_start, line_match.end()))
                break
        for inline in _INLINE_HEADING.finditer(line):
            start = line_match.start() + inline.start("number")
            marker = inline.group("number") + "是"
            headings.append((_INLINE_RANK, _number(inline.group("number")), marker, _heading_text(line[inline.end():]), start, line_match.end()))
    return sorted(headings, key=lambda item: item[4])


def _number(text: str) -> int:
    if text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    return int(text) if text.isdigit() else (parse_chinese_integer(text) or 0)


def _heading_text(rest: str) -> str:
    """The clause's own title: up to its first full stop, or the whole short line."""
    first_sentence = re.split(r"[。;；]", rest, maxsplit=1)[0].strip()
    return first_sentence[:60]


def _own_text(text: str, clause: _Open, children: list[_Open]) -> str:
    """The clause's text without its children's text, where its own responsibility statement lives."""
    pieces, position = [], clause.start
    for child in children:  # in document order
        pieces.append(text[position : child.start])
        position = max(position, child.end)
    pieces.append(text[position : clause.end])
    return "".join(pieces)


def responsible_units_in(text: str) -> tuple[str, ...]:
    """Units named by (责任单位:…) or a trailing (…负责) parenthetical, in order, without duplicates."""
    statements = [m.group("units") for m in _RESPONSIBILITY_LABEL.finditer(text)]
    statements += [m.group("units") for m in _RESPONSIBILITY_TRAILING.finditer(text) if not _RESPONSIBILITY_LABEL.match(m.group(0))]
    units: list[str] = []
    for statement in statements:
        statement = re.split(r"[。.]", statement, maxsplit=1)[0]  # drop notes: 以下除特别注明外…
        for part in _UNIT_SEPARATORS.split(statement):
            unit = _ROLE_LABEL.sub("", part.strip())
            while (trimmed := _DUTY_PHRASES.sub("", unit).strip()) != unit:
                unit = trimmed
            if unit and unit not in units and len(unit) <= 30:
                units.append(unit)
    return tuple(units)


def _with_units(text: str, opened: list[_Open], offsets: list[int] | None) -> list[Clause]:
    children: dict[int, list[_Open]] = {}
    for clause in opened:
        if clause.parent is not None:
            children.setdefault(id(clause.parent), []).append(clause)
    own_units = {id(clause): responsible_units_in(_own_text(text, clause, children.get(id(clause), []))) for clause in opened}
    clauses = []
    for clause in opened:
        source, units = clause, own_units[id(clause)]
        while not units and source.parent is not None:
            source = source.parent
            units = own_units[id(source)]
        source_start, source_end = _source_span(offsets, clause.start, clause.end)
        clauses.append(
            Clause(
                clause_id=clause.path(),
                level=clause.depth(),
                marker=clause.marker,
                heading=clause.heading,
                start=clause.start,
                end=clause.end,
                source_start=source_start,
                source_end=source_end,
                parent_id=clause.parent.path() if clause.parent else None,
                responsible_units=units,
                units_from=source.path() if units else None,
            )
        )
    return clauses


def _source_span(offsets: list[int] | None, start: int, end: int) -> tuple[int, int]:
    if offsets is None:
        return start, end
    if end <= start or not offsets:
        return (offsets[start], offsets[start]) if start < len(offsets) else (0, 0)
    return offsets[start], offsets[end - 1] + 1


def clause_at(clauses: list[Clause], position: int) -> Clause | None:
    """The deepest clause containing a position of the cleaned text."""
    containing = [clause for clause in clauses if clause.start <= position < clause.end]
    return max(containing, key=lambda clause: clause.level) if containing else None
