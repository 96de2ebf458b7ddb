"""Who issued a policy document, when, under which number, and for which period.

Works on cleaned text (`cleaning.clean_text`). Captured pages may have lost the
issuer's name to spam, so the document number (文号) is the most reliable
witness: its prefix abbreviates the region and the organ (厦府办 → 厦门市人民政府
办公厅). A name read from the text is trusted only when it starts with a place.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from orchestration.documents import regions
from orchestration.documents.numerals import parse_chinese_integer

# 厦府办〔2024〕2号, 晋政发[2023]15号, 丽医改联席办〔2021〕16号
DOCUMENT_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,12}?)\s*[〔\[［【(（]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]］】)）]\s*(?P<serial>\d{1,4})\s*号"
)
# Words that may precede a document number in running text without being part of it.
_LEADING_WORDS = re.compile(r"^(?:.*?(?:根据|按照|依据|参照|印发|转发|执行|落实|贯彻|见|及|和|与|、))+")
_KIND_SUFFIX = re.compile(r"(?:发|函|字|文|令|通|电|明电)$")

# The organ a document-number prefix names, after the region abbreviation. {office} is
# 办公厅 for a province or sub-provincial city, 办公室 below; {department} is 厅 or 局.
_ORGANS = (
    ("医改联席办", "深化医药卫生体制改革联席会议办公室"),
    ("医改领导小组", "深化医药卫生体制改革领导小组"),
    ("医改办", "深化医药卫生体制改革领导小组办公室"),
    ("医改", "深化医药卫生体制改革领导小组办公室"),
    ("政府办", "人民政府{office}"),
    ("政办", "人民政府{office}"),
    ("府办", "人民政府{office}"),
    ("政", "人民政府"),
    ("府", "人民政府"),
    ("卫生健康", "卫生健康委员会"),
    ("卫健委", "卫生健康委员会"),
    ("卫健", "卫生健康委员会"),
    ("卫办", "卫生健康委员会办公室"),
    ("卫", "卫生健康委员会"),
    ("医保", "医疗保障局"),
    ("人社厅", "人力资源和社会保障厅"),
    ("人社", "人力资源和社会保障{department}"),
    ("财社", "财政{department}"),
    ("财", "财政{department}"),
    ("发改", "发展和改革委员会"),
    ("编办", "机构编制委员会办公室"),
    ("办", "{party}{office}"),  # 晋办发: 中共山西省委办公厅
)
_NATIONAL_ORGANS = {
    "国办": "国务院办公厅",
    "国": "国务院",
    "国卫": "国家卫生健康委员会",
    "国卫办": "国家卫生健康委员会办公厅",
    "国医改": "国务院深化医药卫生体制改革领导小组",
    "国医改办": "国务院深化医药卫生体制改革领导小组秘书处",
    "中办": "中共中央办公厅",
    "医保": "国家医疗保障局",
}

_ORGAN_WORDS = r"(?:人民政府|办公厅|办公室|委员会|领导小组|联席会议办公室|卫生健康委|卫健委|卫生健康局|医疗保障局|局|厅|委)"
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})\s*日?"
    r"|(?P<cy>[〇○零一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,2})月(?P<cd>[一二三四五六七八九十]{1,3})日"
)
_ISSUE_DATE_FIELD = re.compile(r"(?:成文日期|发文日期|印发日期)\s*[:：]\s*")
_PUBLICATION_FIELD = re.compile(r"(?:发布日期|发布时间|公开日期|发表时间|公布日期)\s*[:：]\s*")
_PUBLISHED_ON = re.compile(rf"(?P<date>{_DATE.pattern})\s*(?:发布|发表)")

# Most specific first; the one ending last in the title wins (…2021年重点工作任务实施方案 → 实施方案).
DOCUMENT_TYPES = (
    "实施方案", "工作方案", "行动方案", "建设方案", "方案", "实施意见", "指导意见", "意见", "实施细则", "细则",
    "管理办法", "办法", "发展规划", "规划", "行动计划", "工作计划", "计划", "工作要点", "要点", "重点工作任务",
    "工作简报", "简报", "工作报告", "报告", "工作总结", "总结", "通报", "决定", "规定", "通知", "函",
)
# Documents that report what was done: their figures are actuals unless a future aim is stated.
REPORT_TYPES = frozenset({"简报", "工作简报", "报告", "工作报告", "总结", "工作总结", "通报"})

FIVE_YEAR_PLANS = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
_TITLE_PERIOD = re.compile(r"(?:19|20)\d{2}\s*[-—–~～至到]\s*(?P<end>(?:19|20)\d{2})\s*年")
_TITLE_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年(?!\d)")
_STATED_GOAL_YEAR = re.compile(r"(?:到|至)\s*(?P<year>20\d{2})\s*年")
_SUPERSEDES_AFTER = re.compile(r"基础上(?:修改|修订)|同时废止|停止执行|不再执行|予以废止|废止")


@dataclass(frozen=True)
class DocumentNumber:
    prefix: str
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"


@dataclass(frozen=True)
class DocumentMetadata:
    title: str | None = None
    document_number: str | None = None
    index_code: str | None = None
    issuer: str | None = None
    issuer_source: str | None = None  # text | title | document_number | contributor
    region: str | None = None
    region_level: str | None = None  # province | city | county
    issue_date: str | None = None  # ISO date
    publication_date: str | None = None
    document_type: str | None = None
    is_report: bool = False
    supersedes: tuple[str, ...] = field(default_factory=tuple)
    plan_end_year: int | None = None  # implied deadline of targets that state none
    plan_end_source: str | None = None  # title_period | title_year | five_year_plan | stated_goal

    @property
    def year(self) -> int | None:
        """The year the document speaks from (for 年内 / 9月底前)."""
        stamp = self.issue_date or self.publication_date
        return int(stamp[:4]) if stamp else None

    @property
    def identity(self) -> str | None:
        """What names the document whatever file it arrives in: its number, else its title."""
        return self.document_number or self.title

    def to_record(self) -> dict:
        record = asdict(self)
        record["supersedes"] = list(self.supersedes)
        return record


def extract_metadata(text: str) -> DocumentMetadata:
    lines = [line.strip() for line in text.split("\n")]
    document_number = own_document_number(text)
    issuer, issuer_source = _issuer(text, lines, document_number)
    title = _repair_title(_title(text, lines), issuer)
    resolved = resolve_issuer(document_number.prefix, text) if document_number else None
    region = _region(title, issuer, resolved[1] if resolved else None, text)
    document_type = _document_type(title)
    issue_date, publication_date = _issue_date(text, lines), _publication_date(text)
    stamp = issue_date or publication_date
    plan_end_year, plan_end_source = _plan_end_year(title, text, int(stamp[:4]) if stamp else None)
    return DocumentMetadata(
        title=title,
        document_number=str(document_number) if document_number else None,
        index_code=_field(text, r"索\s*引\s*号", r"[A-Za-z0-9][A-Za-z0-9\-/_.]*"),
        issuer=issuer,
        issuer_source=issuer_source,
        region=region,
        region_level=regions.level_of(region) if region else None,
        issue_date=issue_date,
        publication_date=publication_date,
        document_type=document_type,
        is_report=document_type in REPORT_TYPES,
        supersedes=superseded_numbers(text),
        plan_end_year=plan_end_year,
        plan_end_source=plan_end_source,
    )


# ---------------------------------------------------------------------------
# Document numbers and the issuer they name
# ---------------------------------------------------------------------------


def parse_document_number(match: re.Match[str]) -> DocumentNumber:
    prefix = _LEADING_WORDS.sub("", match.group("prefix")) or match.group("prefix")
    # Running text glues words to the number (…的通知国办发〔2021〕18号): keep the longest tail
    # that reads as region + organ.
    for start in range(len(prefix)):
        if resolve_issuer(prefix[start:], "") is not None:
            prefix = prefix[start:]
            break
    return DocumentNumber(prefix, int(match.group("year")), int(match.group("serial")))


def own_document_number(text: str) -> DocumentNumber | None:
    """The number of this document: labelled 文号, or alone on a line near the top (not a citation)."""
    labelled = re.search(r"(?:文\s*号|发文字号)\s*[:：]\s*(?P<number>[^\n]+)", text)
    if labelled:
        match = DOCUMENT_NUMBER.search(labelled.group("number"))
        if match:
            return parse_document_number(match)
    for line in text.split("\n")[:40]:
        match = DOCUMENT_NUMBER.fullmatch(line.strip())
        if match:
            return parse_document_number(match)
    return None


def resolve_issuer(prefix: str, text: str) -> tuple[str, str] | None:
    """(issuer, region) that a document-number prefix stands for, or None.

    The region abbreviation is one to three characters; when it is shared
    (嘉: 嘉峪关市 or 嘉兴市) the place the document mentions wins.
    """
    bare = _KIND_SUFFIX.sub("", prefix)
    if bare in _NATIONAL_ORGANS:
        return _NATIONAL_ORGANS[bare], "全国"
    mentioned = regions.places_mentioned(text) if text else []
    for length in (1, 2, 3):
        abbreviation, organ_code = bare[:length], bare[length:]
        organ = next((name for code, name in _ORGANS if code == organ_code), None)
        if organ is None:
            continue
        known = regions.PLACES_BY_ABBREVIATION.get(abbreviation, [])
        candidates = [place.name for place in known]
        # Counties abbreviate by any character of their name: 临泉县 → 泉.
        candidates += [name for name in mentioned if abbreviation in regions.short_name(name) and name not in candidates]
        if not candidates:
            continue
        region = next((name for name in candidates if name in mentioned), candidates[0])
        return _organ_name(region, organ), region
    return None


def _organ_name(region: str, organ: str) -> str:
    place = regions.PLACES_BY_NAME.get(region)
    level = regions.level_of(region)
    high = level == regions.PROVINCE or (place is not None and place.sub_provincial)
    filled = organ.format(office="办公厅" if high else "办公室", department="厅" if level == regions.PROVINCE else "局", party=f"中共{region}委")
    return filled if filled.startswith("中共") else region + filled


def _issuer(text: str, lines: list[str], number: DocumentNumber | None) -> tuple[str | None, str | None]:
    stated = _stated_issuer(text, lines)
    if stated and regions.place_at_start(stated):
        return stated, "text"
    in_title = _issuer_in_title(_title(text, lines))
    if in_title and regions.place_at_start(in_title):
        return in_title, "title"
    if number:
        resolved = resolve_issuer(number.prefix, text)
        if resolved:
            return resolved[0], "document_number"
    contributor = _contributor(lines)
    if contributor:
        return contributor, "contributor"
    return (stated, "text") if stated else (None, None)


def _issuer_in_title(title: str | None) -> str | None:
    """临泉县人民政府办公室关于印发… → 临泉县人民政府办公室."""
    match = re.match(rf"(?P<organ>[\u4e00-\u9fff]{{2,40}}?{_ORGAN_WORDS})关于", title or "")
    return match.group("organ") if match else None


def _stated_issuer(text: str, lines: list[str]) -> str | None:
    labelled = _field(text, r"(?:发布机构|发文机关|发文单位|发布单位)", r"[^\n]+")
    if labelled:
        return labelled.strip()
    for index, line in enumerate(lines):
        # A signature: an organ's name alone on a line, followed by a date line.
        if len(line) <= 40 and re.fullmatch(rf"[\u4e00-\u9fff]+{_ORGAN_WORDS}", line):
            following = next((later for later in lines[index + 1 : index + 4] if later), "")
            if _DATE.fullmatch(following):
                return line
        printed = re.fullmatch(rf"(?P<organ>[\u4e00-\u9fff]+{_ORGAN_WORDS})\s+(?:{_DATE.pattern})\s*印发", line)
        if printed:
            return printed.group("organ")
    return None


def _contributor(lines: list[str]) -> str | None:
    """Bulletins name their author at the end: 河北省深化医药卫生体制改革 / 领导小组办公室供稿."""
    non_empty = [line for line in lines if line]
    for index, line in enumerate(non_empty):
        match = re.fullmatch(r"(?P<organ>[\u4e00-\u9fff]*)(?:供稿|供稿单位)", line)
        if match:
            organ = match.group("organ")
            previous = non_empty[index - 1] if index else ""
            if previous and len(previous) <= 30 and re.fullmatch(r"[\u4e00-\u9fff]+", previous):
                organ = previous + organ
            return organ or None
    return None


def _field(text: str, label: str, value: str) -> str | None:
    match = re.search(rf"{label}\s*[:：]\s*(?P<value>{value})", text)
    return match.group("value").strip() if match else None


# ---------------------------------------------------------------------------
# Title, type, region, dates
# ---------------------------------------------------------------------------

_TYPE_ALTERNATIVES = "|".join(DOCUMENT_TYPES)


def _title(text: str, lines: list[str]) -> str | None:
    labelled = _field(text, r"标\s*题", r"[^\n]+")
    if labelled:
        return labelled
    head = [line for line in lines if line][:25]
    for line in head:
        if _looks_like_title(line):
            return line
    for first, second in zip(head, head[1:]):
        # A title may wrap: 嘉峪关市人民政府办公室关于 / 印发…的通知
        if ("关于" in first or second.startswith(("关于", "印发"))) and _looks_like_title(first + second):
            return first + second
    for line in head:
        if len(line) <= 60 and not line.startswith("《") and re.search(rf"(?:{_TYPE_ALTERNATIVES})$", line) and not re.search(r"[,，。;；:：]", line):
            return line
    return next((line for line in head if len(line) <= 60 and not _DATE.fullmatch(line)), None)


def _looks_like_title(line: str) -> bool:
    return "关于" in line and len(line) <= 120 and re.search(rf"(?:{_TYPE_ALTERNATIVES})$", line) is not None


def _repair_title(title: str | None, issuer: str | None) -> str | None:
    """A title whose place name was eaten by spam (人民政府办公厅关于…) gets the issuer's full name back."""
    if not title or not issuer or regions.place_at_start(title):
        return title
    organ = title.split("关于", 1)[0]
    if organ and "关于" in title and issuer.endswith(organ):
        return issuer + title[len(organ):]
    return title


def _document_type(title: str | None) -> str | None:
    if not title:
        return None
    inner = re.search(r"关于(?:印发|修订|转发|调整|公布)(?P<inner>.+?)的通知$", title)
    subject = inner.group("inner") if inner else title
    best: tuple[int, int, str] | None = None
    for kind in DOCUMENT_TYPES:
        end = subject.rfind(kind)
        if end >= 0:
            key = (end + len(kind), len(kind), kind)
            best = max(best, key) if best else key
    return best[2] if best else None


def _region(title: str | None, issuer: str | None, issuer_region: str | None, text: str) -> str | None:
    """The place the title starts with or names (…医共体保定 → 保定市), else the issuer's, else the most mentioned."""
    if issuer_region == regions.NATIONWIDE:
        return issuer_region
    if title and (place := regions.place_at_start(title)):
        return place
    mentioned = regions.places_mentioned(text)
    in_title = [name for name in mentioned if title and regions.short_name(name) in title]
    if in_title:
        return max(sorted(set(in_title)), key=in_title.count)
    if issuer and (place := regions.place_at_start(issuer)):
        return place
    return max(sorted(set(mentioned)), key=mentioned.count) if mentioned else None


def parse_date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    if match.group("y"):
        year, month, day = int(match.group("y")), int(match.group("m")), int(match.group("d"))
    else:
        year = parse_chinese_integer(match.group("cy"))
        month, day = parse_chinese_integer(match.group("cm")), parse_chinese_integer(match.group("cd"))
    try:
        return date(year, month, day).isoformat()
    except (TypeError, ValueError):
        return None


def _issue_date(text: str, lines: list[str]) -> str | None:
    labelled = _ISSUE_DATE_FIELD.search(text)
    if labelled:
        return parse_date(text[labelled.end() : labelled.end() + 20])
    for index, line in enumerate(lines):
        if _DATE.fullmatch(line):
            previous = next((earlier for earlier in reversed(lines[max(0, index - 3) : index]) if earlier), "")
            if re.search(rf"{_ORGAN_WORDS}$", previous):
                return parse_date(line)
        printed = re.search(rf"(?P<date>{_DATE.pattern})\s*印发", line)
        if printed:
            return parse_date(printed.group("date"))
        # A bulletin's masthead: 某县医改领导小组办公室　　2024年5月20日
        masthead = re.fullmatch(rf"[\u4e00-\u9fff]+{_ORGAN_WORDS}\s+(?P<date>{_DATE.pattern})", line)
        if masthead:
            return parse_date(masthead.group("date"))
    return None


def _publication_date(text: str) -> str | None:
    labelled = _PUBLICATION_FIELD.search(text)
    if labelled:
        return parse_date(text[labelled.end() : labelled.end() + 20])
    published = _PUBLISHED_ON.search(text)
    return parse_date(published.group("date")) if published else None


# ---------------------------------------------------------------------------
# Plan period and superseded documents
# ---------------------------------------------------------------------------


def _plan_end_year(title: str | None, text: str, year: int | None) -> tuple[int | None, str | None]:
    """The year a plan runs to: (2021-2025年) or 2021年 in its title, 十四五, else a stated goal year.

    Plans name several milestones (到2024年底…到2025年…到2035年); the horizon of an
    implementation plan is the last one within the current five-year plan (2025 for a
    document of 2021-2025), not a long-term vision.
    """
    if title:
        own_title = _own_title(title)
        if period := _TITLE_PERIOD.search(own_title):
            return int(period.group("end")), "title_period"
        for name, end in FIVE_YEAR_PLANS.items():
            if name in own_title:
                return end, "five_year_plan"
        if single := _TITLE_YEAR.search(own_title):
            return int(single.group("year")), "title_year"
    goals = sorted({int(goal.group("year")) for goal in _STATED_GOAL_YEAR.finditer(re.sub(r"《[^》]*》", "", text))})
    if not goals:
        return None, None
    if year is None:
        return goals[0], "stated_goal"
    five_year_plan_end = year + (5 - year % 5) % 5  # 2021…2025 → 2025
    within = [goal for goal in goals if year <= goal <= five_year_plan_end]
    return (within[-1] if within else goals[0]), "stated_goal"


def _own_title(title: str) -> str:
    """The title without other documents' names; 关于印发《X》的通知 is about X itself."""
    issued = re.search(r"关于(?:印发|转发|公布)《(?P<inner>[^》]+)》", title)
    return issued.group("inner") if issued else re.sub(r"《[^》]*》", "", title)


def superseded_numbers(text: str) -> tuple[str, ...]:
    """Numbers of documents this one revises or repeals: …(丽医改联席办〔2021〕16号)基础上修改 / …同时废止."""
    found: list[str] = []
    for sentence in re.split(r"[。;；\n]", text):
        for marker in _SUPERSEDES_AFTER.finditer(sentence):
            cited = list(DOCUMENT_NUMBER.finditer(sentence[: marker.start()]))
            if cited:
                number = str(parse_document_number(cited[-1]))
                if number not in found:
                    found.append(number)
    return tuple(found)
