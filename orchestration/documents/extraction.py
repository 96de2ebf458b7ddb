"""Find the quantified targets, standards and reported actuals of a policy document.

The unit of analysis is the sentence (ended by 。；！？ or a line break); inside
it, segments are separated by commas. The rules follow how Chinese policy
documents state aims, not the wording of particular files:

* A *quantity* (quantities.py) is a number with a unit (20%, 1-3所, 4200余万元,
  百分之三十, 九成), a per-population ratio (每千常住人口配备1名), a one-per-unit norm
  (每个行政村原则上设置1所村卫生室), a multiple (翻一番) or a coverage claim (全覆盖,
  全部/均 + an attainment verb, 覆盖全部… → 100%); never a number inside quotation
  marks or titles, a document number, a date, an ordinal, an age or a rank.
* Not every quantity is an item: besides the population counts and thresholds
  quantities.py drops, a past budget allocation stated as background in a plan
  (2022年市级财政已安排资金1200万元) is not a figure to monitor. A budget promised
  (市财政每年安排不少于1500万元) is a target; a budget reported in a report an actual.
* Its *kind*: a figure in a report (简报/总结) or after past-tense markers (已,
  累计, 目前, 同比, “十三五”期间 in a later document, 在…基础上), or in a section
  about the past (一、发展现状), is a reported_actual, unless the sentence states
  a future aim (提出2025年…, 9月底前) or stands in a section about the future
  (三、2024年工作打算). A norm without a deadline of its own is a standard: a
  per-population or one-per-unit ratio (每千人口配备1名), a provisioning rule for
  each unit (每个乡镇卫生院至少配备1名公共卫生医师) or a rule for a quantity stated
  原则上 (签约居民数原则上不超过2000人; not an actor's aim: 原则上牵头医院要将至少20%…).
  Anything else is a target.
* The *comparator* comes from the words around the number (以上/不低于/至少/
  达到 → >=; 以下/不超过/控制在…以内 → <=; a range → between). Without such a
  word a share is a floor (>=) unless it measures something to reduce (死亡率),
  a duration a ceiling (<=), a change (下降3个百分点) a floor on the change, a
  count exact (=); an enumerated value shares the comparator of the first
  (至少配备1名A、1名B).
* The *deadline* is the nearest year stated before the quantity in its sentence
  (到2025年, 2025年底前, 2023-2025年 → 2025; 从2023年开始 is a start), a relative
  one (9月底前, 年内 → the document's year), the year of a forward-looking
  section (2024年工作打算), an earlier 到2025年 of the same paragraph, else the
  plan's period (metadata.plan_end_year). Actuals and standards have none.
* The *scope* is a 每个/各 unit (每个县(市、区) → county), an institution that acts
  (牵头医院要将…, 牵头医院每年下沉…，向成员单位开放… → each institution for shares and
  measures), the institutions a coverage claim names (三级医院全部开展…), an area word
  (全省, 市域, 县域 — not 县域内就诊率, an indicator), else the document's region.
  Shares of the whole (基层医疗卫生机构诊疗量占总诊疗量的比例) and shares of institutions
  that do something (村卫生室能够提供中医药服务的比例) belong to the area.
* *Aspirational* (力争/争取…) hedges its own clause, and the clauses after it when it
  opens its clause (力争到2025年，A…，B…).

Quantities are found by quantities.py, indicator tables read by tables.py, sections
and their tense by sections.py; this module decides what each quantity means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orchestration.documents import regions
from orchestration.documents.cleaning import CleanedText
from orchestration.documents.indicators import IndicatorCatalogue, lower_is_better
from orchestration.documents.metadata import DOCUMENT_NUMBER, FIVE_YEAR_PLANS, DocumentMetadata
from orchestration.documents.quantities import (
    AT_LEAST_WORDS,
    AT_MOST_WORDS,
    ATTAINMENT_VERBS,
    COMPARATOR_BEFORE,
    ONE_PER_UNIT,
    SEGMENT_BREAK,
    Mention,
    Sentence,
    end_of_segment,
    find_mentions,
    start_of_segment,
)
from orchestration.documents.records import ACTUAL, STANDARD, TARGET, Target
from orchestration.documents.sections import FUTURE, PAST, Section, find_sections, section_at
from orchestration.documents.structure import Clause, clause_at
from orchestration.documents.tables import table_items

__all__ = ["ACTUAL", "STANDARD", "TARGET", "Target", "extract_targets"]

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^。;；!！?？\n]+[。;；!！?？]?")

# --- scope: who a target binds (每个县, 牵头医院, 全市) and where it is evaluated
_AREA_WORDS = {"全国": regions.NATIONAL, "全省": regions.PROVINCE, "省域": regions.PROVINCE, "全市": regions.CITY, "市域": regions.CITY, "市区": regions.CITY,
               "全县": regions.COUNTY, "县域": regions.COUNTY, "全区": regions.COUNTY, "市州域": regions.CITY}
# 县域医共体 names a kind of consortium and 县域内就诊率 an indicator: neither is the county as scope.
_AREA_WORD = re.compile("|".join(f"{word}(?!医|内?(?:基层)?(?:就诊|住院))" for word in _AREA_WORDS))
_INSTITUTION = re.compile(
    r"牵头医院|成员单位|三级(?:甲等)?(?:公立)?医院|二级(?:及以上|以上)?(?:公立)?(?:医院|医疗机构)|县级(?:综合|中医|公立)?医院|县级医疗机构|"
    r"公立医院|综合性医院|综合医院|中医医院|中医院|妇幼保健院|乡镇卫生院|中心卫生院|社区卫生服务中心|社区卫生服务站|村卫生室|"
    r"基层医疗卫生机构|基层医疗机构|医疗卫生机构|定点医疗机构|医疗机构|医共体|医联体|医疗集团"
)
# Words before an institution that make it an object (向成员单位开放, 为乡镇卫生院招聘, 组建医共体),
# and after it that make it a place (医共体内, 医疗机构间).
_OBJECT_BEFORE = re.compile(r"(?:对|向|与|和|赴|为|给|帮扶|支持|组建|建设|建成|新建|打造|举办|办好|到)$")
_PLACE_AFTER = re.compile(r"^(?:内|间|之间)")
_INSTITUTION_NOUN = r"(?:医院|卫生院|卫生室|服务站|中医馆|中心|机构|医共体|医联体|医疗集团|团队)"
_EACH_UNIT = re.compile(
    rf"(?:每个|每所|每家|每一个|各)(?P<unit>[\u4e00-\u9fff]{{0,6}}?{_INSTITUTION_NOUN}|"
    r"(?:县\([市、区]+\)|县|市|区|乡镇|乡|镇|街道|行政村|村|社区)(?:\([^()]{1,8}\))?"
    rf"(?:[\u4e00-\u9fff]{{0,3}}?{_INSTITUTION_NOUN})?)(?:\([^()]{{1,8}}\))?"
    r"|每名(?P<person>家庭医生|全科医生|乡村医生|医生|医师|护士|村医)"
)
# 1—2家达到…: a count whose subject is elided, followed straight by its verb
_VERB_AFTER_COUNT = re.compile(r"(?:达到|实现|建成|完成|开展|通过|创建|成为)")
# 2家县级中医院…: the count names its own institutions
_COUNTED_INSTITUTION = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:医院|卫生院|卫生室|中心|机构|医共体|医联体|医疗集团)")
_INSTITUTION_UNIT = re.compile(rf"{_INSTITUTION_NOUN}$")
# The level a 每个/各 unit is evaluated at; villages and communities count with townships.
_EACH_UNIT_LEVEL = (
    (re.compile(r"乡|镇|街道|村|社区"), "township"),
    (re.compile(r"县|区"), regions.COUNTY),
    (re.compile(r"市"), regions.CITY),
)
# A provisioning rule for each unit (每个乡镇卫生院至少配备1名…) is a norm, not an aim with a date.
_PROVISIONING = re.compile(r"配备|配置|配齐|设置|设立")
# 乡镇卫生院、社区卫生服务中心均…, 乡镇卫生院(分院): the rest of a list of institutions
_MORE_INSTITUTIONS = re.compile(rf"\([^()]{{1,10}}\)|[、和及与](?:{_INSTITUTION.pattern})")
# 183个县(市、区)全部…: administrative units as the subject of a coverage claim
_COVERED_UNITS = re.compile(r"(?P<units>县\(市、区\)|县\(区\)|县市区|市州|乡镇\(街道\)|乡镇|街道|行政村)\s*(?:都|均)?$")
# X占总Y的比例: a share of the whole system, whoever X is
_SYSTEM_SHARE = re.compile(r"占(?:[\u4e00-\u9fff]{0,4})?(?:总|全)|诊疗(?:量|人次)占比|就诊率")
# 村卫生室能够提供中医药服务的比例: a share of the institutions that do something, counted over the area
_POPULATION_SHARE = re.compile(rf"^[^,，]*?(?:能够|可以|{ATTAINMENT_VERBS})[^,，]*?的(?:比例|占比|比重)")
# Institutions named by their role in a consortium: a share or measure of theirs is each one's
_ROLE_INSTITUTION = re.compile(r"牵头医院|牵头单位|成员单位")

# After an institution, words that make it the subject acting (牵头医院要将…), not a modifier
# of the measured noun (基层医疗卫生机构诊疗量占比).
_SUBJECT_FOLLOWERS = re.compile(
    r"(?:[、和及与][^,，、]{0,12}?)?(?:\([^()]{1,10}\))?"
    r"(?:要|应当|应|将|须|必须|力争|争取|均|都|分别|向|为|可|原则上|每年|至少|全部|通过|新建|建设|拿出|预留|下沉|选派|派驻|牵头|执行)"
)
# A segment that opens with a preposition has lost its subject to the segment before:
# 牵头医院每年下沉…，向成员单位开放的专家号源比例不低于25%
_ELIDED_SUBJECT = re.compile(r"^\s*(?:向|对|为|将|把|按照|按|通过)")

# --- comparators: written before the number (nearest wins) or after it

_COMPARATOR_AFTER = re.compile(r"^\s*(?:(?P<at_least>及以上|以上|之上)|(?P<at_most>及以下|以下|以内|之内|内)|(?P<about>左右))")
_TRAILING_COMPARATOR = re.compile(rf"(?:{AT_LEAST_WORDS}|{AT_MOST_WORDS}|[至到为])\s*[近约超逾]?\s*$")
_APPROXIMATELY_BEFORE = re.compile(r"(?:近|约|大约|接近)$")
_MORE_THAN_BEFORE = re.compile(r"(?:超|逾|突破)$")
_DECREASE = re.compile(r"降|减|缩|压|控制")
# 下降3个百分点, 年均增长10%: the aim is a change of at least that much
_CHANGE_BEFORE = re.compile(r"(?:提高|提升|增长|增加|下降|降低|减少|缩短|压缩)\s*$")
# 1名A、1名B / 1台DR和1台彩超: an enumeration continues the first value's comparator
_ENUMERATION = re.compile(r"[^,，。;；]{0,24}?[、和及与][^,，。;；]{0,4}")
_DURATION_UNITS = {"分钟", "小时", "天", "秒", "个月"}
# Units that measure one institution rather than count things across an area.
_MEASURE_UNITS = {"平方米", "张", "床", "床位", "分钟", "小时", "天", "秒", "个月"}
# A level written after its measure (人均预期寿命达到78.3岁, 应用水平达到4级): the name comes first.
_LEVEL_UNITS = {"岁", "级", "秒"}

# --- kind: target, standard or reported actual
# A per-population level to reach (医师数达到3.2人) is a target; a floor to staff by (不少于1名) a norm.
_AIMS_AT_LEVEL = re.compile(rf"达到|提高到|提高至|提升到|提升至|增加到|增加至|增长到|增长至|增至|扩大到|扩大至|(?<!不)(?:{AT_MOST_WORDS})")
# …数原则上不超过2000人: a rule for a quantity; 原则上牵头医院要将至少20%… is still an actor's aim
_NORM = re.compile(r"原则上(?![^,，]*?(?:要|应当|应|须|必须))")
_ASPIRATIONAL = re.compile(r"力争|争取|努力|力求|尽力|争创")
# …共有/共建成…: a tally of what exists
_PAST = re.compile(r"已经|已|累计|截至|截止|目前|共计|共有|共(?:建成|组建|完成|培训|开展|招聘|招录|下派)|同比|较上年|比上年|较去年|比去年|以来|近年来|过去|去年|上年度")
# “十三五”期间…提高到56% in a later document: a period that is over
_PAST_PLAN_PERIOD = re.compile(r"(?P<plan>十[一二三四五]五)”?(?:时期|期间|以来)")
_ACHIEVED = re.compile(r"已经|已|(?<![为除])了")  # 覆盖率已达到72.3%, 出台了3个文件: achieved, whatever year is named
_FUTURE_IN_REPORT = re.compile(r"提出|计划|力争|争取|目标|确保|预计|拟|底前|年内|之前|以前")
_BASELINE_BEFORE = re.compile(r"在[^,，。;；]*$")
_BASELINE_AFTER = re.compile(r"^[^,，。;；]*?基础上")
# 2022年市级财政已安排资金1200万元: in a plan, a past budget is background, not a figure to monitor
_ALLOCATION = re.compile(r"资金|经费|投入|安排|下达|拨付|补助|筹集")

# --- deadlines
_YEAR = re.compile(r"(?P<first>20\d{2})(?:\s*[-—–~～至到]\s*(?P<last>20\d{2}))?\s*年(?:底前|末前|底|末|前|以前|之前)?")
_RELATIVE_DEADLINE = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:底|末)?(?:前|之前|以前)|年底前|年底|年内|年末|年度内")
# …年6月底前, …年12月31日前: a date that is a deadline
_DATE_DEADLINE = re.compile(r"\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底|末)?(?:前|之前|以前)")
# 从2023年开始, 自2022年起: where a yearly aim starts, not when it is due
_START_BEFORE = re.compile(r"(?:从|自)\s*$")
_START_AFTER = re.compile(r"^\s*(?:起|开始|以来)")
# 到2025年，A达到…；B达到…: a goal year opening a sentence governs the rest of its paragraph.
_GOAL_YEAR = re.compile(r"(?:^|[。;；])\s*(?:到|至)\s*(?P<year>20\d{2})\s*年(?:底|末)?[,，]")
_FIVE_YEAR_PLAN_END = re.compile(r"“?(?P<plan>十[一二三四五]五)”?(?:(?:时期|期间)(?:末|期末)?|末|期末)")

# --- names: the phrase for the measured thing
# Words that open a phrase without being part of what it names.
_LEADING_FILLER = re.compile(
    r"^(?:[、和及与并且的。;；:：\s]|到\s*20\d{2}\s*年(?:底|末)?(?:前)?|20\d{2}\s*年(?:底|末)?(?:前)?|[\d—\-~至]+月份?|力争|争取|努力|确保|"
    r"实现|推动|推进|基本|逐步|进一步|稳步|持续|全面|原则上|其中|目前|累计|已经|已|同时|要|将|使|每年|明确提出|提出|支持|鼓励|从|共有|共(?=建成|组建|完成|培训|开展)|现有|"
    r"(?:较|比)\s*20\d{2}\s*年(?:底|末)?|(?:较|比)上年|近\d+年|所有|"
    r"\(\d{1,2}\)|\d{1,2}[.、](?!\d)|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}(?:、|是)|"
    r"在(?![岗职编读校线]))+"
)
_TRAILING_FILLER = re.compile(r"(?:[、和及与的，,。;；:：!！?？\s]|以上|以下|左右|以内|近|约|超|逾|达|为|是|有|已经|已|分别|(?<![县市区])\([^()]*\))+$")
# Deadlines and baselines inside a phrase are not part of what it names: 其他县9月底前推开…, 重复检查率较2022年下降
_NOT_PART_OF_NAME = re.compile(
    r"(?:到|至)?\s*20\d{2}\s*年(?:底|末)?(?:前|之前|以前)|\d{1,2}月(?:底|末)?(?:前|之前|以前)|年底前|年内"
    r"|(?:较|比)\s*(?:20\d{2}\s*年(?:底|末)?|上年|去年)(?:同期)?|(?:由|从|到|至)\s*20\d{2}\s*年(?:底|末)?的?"
)
_WHOSE_AND_HOW_MANY = re.compile(r"^(?:全(?:国|省|市|县|区)|\d+(?:\.\d+)?(?:家|个|所))+(?=[\u4e00-\u9fff])|(?<=[、和及与])\d+(?:\.\d+)?(?:家|个|所)(?=[\u4e00-\u9fff])")
# 都/均 (+ a modal) after the institutions of a coverage claim: how the claim is made, not what
_DISTRIBUTIVE = re.compile(r"(?<=[院心室站构体])(?:都|均)(?:能够|能|可|要|应|已|将)?")
_CHANGE_WORDS = {"同比增长", "增长", "同比下降", "下降", "提高", "提升", "增加", "减少"}
# A share named only by its relation (占比, 占全市总诊疗量): its subject is the previous figure's.
_RELATIONAL_NAME = re.compile(r"^(?:占比|比例|比重|占[\u4e00-\u9fff]+)$")
# 紧密型县域医共体建设实现县(市、区)全覆盖: the units covered are not what is covered
_ADMINISTRATIVE_UNITS = re.compile(r"(?:各|所有|全部)?(?:县\(市、区\)|县\(区\)|县市区|市州|乡镇\(街道\)|乡镇|街道|行政村|村|社区|县|市|区|镇)")


@dataclass(frozen=True)
class _Neighbour:
    """What a quantity may take over from the one before it in its sentence."""

    subject: str  # the measured thing it named itself (not a 同比增长 borrowed from another)
    comparator: str
    end: int  # where its mention ends in the sentence
    scope: str
    evaluation_level: str


@dataclass(frozen=True)
class _Context:
    metadata: DocumentMetadata
    clauses: list[Clause]
    catalogue: IndicatorCatalogue
    regions_at: list[tuple[int, int, str]]  # (start, end, place) of local region sections
    sections: list[Section]


def extract_targets(
    cleaned: CleanedText, metadata: DocumentMetadata, clauses: list[Clause], catalogue: IndicatorCatalogue
) -> list[Target]:
    """Every target, standard and reported actual of the document, in reading order."""
    text = cleaned.text
    masked = _mask(text, clauses)
    context = _Context(metadata, clauses, catalogue, _local_regions(text, metadata), find_sections(text))
    items = table_items(cleaned, clauses, catalogue, lambda position: _region_at(position, context))
    table_rows = {(item.start, item.end) for item in items}
    for match in _SENTENCE.finditer(text):
        if any(start <= match.start() < end for start, end in table_rows):
            continue  # read as a table row already
        raw = match.group(0)
        offset = len(raw) - len(raw.lstrip())
        content = raw.strip()
        if not content:
            continue
        start = match.start() + offset
        sentence = Sentence(start, content, masked[start : start + len(content)])
        paragraph_before = text[text.rfind("\n", 0, start) + 1 : start]
        neighbour: _Neighbour | None = None
        mentions = find_mentions(sentence)
        spans = [(m.start, m.end) for m in mentions]
        for mention in mentions:
            item, neighbour = _item(mention, sentence, spans, paragraph_before, neighbour, cleaned, context)
            if item is not None:
                items.append(item)
    return sorted(items, key=lambda item: item.start)


# ---------------------------------------------------------------------------
# Masking: text that can hold numbers but never a quantity
# ---------------------------------------------------------------------------

_QUOTED = re.compile(r"“[^”\n]{0,80}”|《[^》\n]{0,120}》|‘[^’\n]{0,40}’|「[^」\n]{0,40}」")
_RESPONSIBILITY = re.compile(r"[(（][^()（）\n]{0,200}(?:责任单位|牵头单位|负责)[^()（）\n]{0,200}[)）]")


def _mask(text: str, clauses: list[Clause]) -> str:
    chars = list(text)

    def blank(start: int, end: int) -> None:
        chars[start:end] = ["□"] * (end - start)

    for pattern in (_QUOTED, DOCUMENT_NUMBER, _RESPONSIBILITY):
        for match in pattern.finditer(text):
            blank(*match.span())
    for clause in clauses:
        blank(clause.start, clause.start + len(clause.marker))
    return "".join(chars)


def _local_regions(text: str, metadata: DocumentMetadata) -> list[tuple[int, int, str]]:
    """Sections about another place than the document's (a bulletin's 易县强力推进… part).

    A line that starts with a place name opens such a section: a short title line
    until the next such title, a paragraph only for itself. Lines naming an organ
    (莲都区人民政府, 丽水市中心医院) are addressees or institutions, not sections.
    """
    sections: list[tuple[int, int, str]] = []
    open_title: tuple[int, str] | None = None
    for line in re.finditer(r"[^\n]+", text):
        content = line.group(0).strip()
        place = regions.place_at_start(content)
        if not place or re.match(rf"{re.escape(place)}[\u4e00-\u9fff]{{0,4}}(?:人民政府|政府|人民医院|医院|中医院|卫生|委员会|办公室|党委|人大)", content):
            continue
        is_title = len(content) <= 30 and not re.search(r"[,，。;；:：]", content)
        if is_title:
            if open_title:
                sections.append((open_title[0], line.start(), open_title[1]))
            open_title = (line.start(), place)
        else:
            sections.append((line.start(), line.end(), place))
    if open_title:
        sections.append((open_title[0], len(text), open_title[1]))
    return [section for section in sections if section[2] != metadata.region]


# ---------------------------------------------------------------------------
# From a quantity to an item
# ---------------------------------------------------------------------------


def _item(
    mention: Mention,
    sentence: Sentence,
    spans: list[tuple[int, int]],
    paragraph_before: str,
    neighbour: _Neighbour | None,
    cleaned: CleanedText,
    context: _Context,
) -> tuple[Target | None, _Neighbour | None]:
    """The item a quantity states (None for a past budget in a plan) and what the next quantity may borrow."""
    metadata = context.metadata
    text = sentence.text
    before_sentence = sentence.masked[: mention.start]
    segment_start = start_of_segment(sentence.masked, mention.start)
    segment_before = sentence.masked[segment_start : mention.start]
    section = section_at(context.sections, sentence.start)

    deadline_year, deadline_source = _stated_deadline(before_sentence, text[: mention.start], metadata)
    kind = _kind(mention, sentence, before_sentence, deadline_year, deadline_source, metadata, section)
    if kind == TARGET and deadline_year is None:
        deadline_year, deadline_source = _section_deadline(section, metadata) or _inherited_deadline(paragraph_before, metadata)
    if kind != TARGET:
        deadline_year, deadline_source = None, None

    subject_start = _subject_start(mention, sentence, segment_start, spans)
    own_name = _indicator_name(mention, sentence, segment_start, subject_start, spans)
    borrows_subject = neighbour is not None and (not own_name or own_name in _CHANGE_WORDS or _RELATIONAL_NAME.match(own_name))
    name = neighbour.subject + own_name if borrows_subject else own_name  # …率分别达到65%、70%; 同比增长6.8%
    is_change = borrows_subject and own_name in _CHANGE_WORDS  # 签约率…，较上年提高2.1个百分点: a change, not the rate
    comparator = _comparator(mention, text, segment_before, kind, name, neighbour)
    if kind == ACTUAL and mention.unit == "元" and not metadata.is_report and _ALLOCATION.search(sentence.masked[segment_start : end_of_segment(sentence.masked, mention.end)]):
        return None, neighbour  # a budget already spent, told as background in a plan
    region = _region_at(sentence.start, context)
    if borrows_subject and neighbour is not None:
        scope, evaluation_level = neighbour.scope, neighbour.evaluation_level  # the same subject, the same units
    else:
        scope, evaluation_level = _scope(mention, sentence, segment_start, subject_start, region, name)
    clause = clause_at(context.clauses, sentence.start)
    source_start, source_end = cleaned.original_span(sentence.start, sentence.start + len(text))
    coverage_words = name + mention.text if mention.form == "coverage" else name  # 共享中心…全覆盖 names a coverage rate
    target = Target(
        kind=kind,
        indicator_code=None if is_change else context.catalogue.code_for(coverage_words, text, mention.unit),
        indicator_name=name,
        comparator=comparator,
        value=mention.value,
        value_max=mention.value_max,
        unit=mention.unit,
        deadline_year=deadline_year,
        deadline_source=deadline_source,
        scope=scope,
        evaluation_level=evaluation_level,
        is_aspirational=_is_aspirational(mention, sentence, spans),
        region=region,
        quote=text,
        mention=mention.text,
        start=sentence.start,
        end=sentence.start + len(text),
        source_start=source_start,
        source_end=source_end,
        clause_id=clause.clause_id if clause else None,
        responsible_units=clause.responsible_units if clause else (),
    )
    subject = neighbour.subject if borrows_subject and neighbour else name
    return target, _Neighbour(subject, comparator, mention.end, scope, evaluation_level)


def _kind(
    mention: Mention,
    sentence: Sentence,
    before: str,
    deadline_year: int | None,
    deadline_source: str | None,
    metadata: DocumentMetadata,
    section: Section | None,
) -> str:
    states_future = deadline_source == "document_year" or (
        deadline_year is not None and (metadata.year is None or deadline_year >= metadata.year)
    )
    segment_start = start_of_segment(sentence.masked, mention.start)
    segment_before = sentence.masked[segment_start : mention.start]
    if _BASELINE_BEFORE.search(segment_before) and _BASELINE_AFTER.search(sentence.masked[mention.end :]):
        return ACTUAL  # 在每年20-30名的基础上…: the starting point, not the aim
    if deadline_source == "stated" and metadata.year and deadline_year < metadata.year:
        return ACTUAL  # 2021年，全市就诊率为87.6% in a document of 2022: the year is past
    looks_ahead = section is not None and section.tense == FUTURE  # 三、2024年工作打算
    if metadata.is_report and not looks_ahead:
        return TARGET if states_future or _FUTURE_IN_REPORT.search(before) else ACTUAL
    if _PAST.search(before) and not states_future or _ACHIEVED.search(segment_before):
        return ACTUAL
    if section is not None and section.tense == PAST and not states_future and not _FUTURE_IN_REPORT.search(before):
        return ACTUAL  # 一、发展现状: what the plan starts from
    past_period = _PAST_PLAN_PERIOD.search(sentence.text[: mention.start])
    if past_period and metadata.year and FIVE_YEAR_PLANS[past_period.group("plan")] < metadata.year:
        return ACTUAL
    if deadline_source != "stated" and _is_norm(mention, sentence, segment_before):
        return STANDARD
    return TARGET


def _is_norm(mention: Mention, sentence: Sentence, segment_before: str) -> bool:
    """每千人口配备1名, 一个行政村一所村卫生室, 每个乡镇卫生院至少配备1名…, …原则上不超过2000人."""
    if mention.form in ("per_population", "one_per_unit"):
        return not _AIMS_AT_LEVEL.search(mention.text)  # 每千人口医师数达到3.2人 is a level to reach
    if _NORM.search(segment_before):
        return True
    each = list(_EACH_UNIT.finditer(sentence.masked, 0, mention.start))
    counted = mention.form == "number" and mention.unit not in ("%", "‰")
    return counted and bool(each) and _PROVISIONING.search(sentence.masked[each[-1].end() : mention.start]) is not None


def _is_aspirational(mention: Mention, sentence: Sentence, spans: list[tuple[int, int]]) -> bool:
    """力争 in the quantity's segment, or framing the clauses after it.

    力争 frames what follows when it opens its clause (力争到2025年，A…，B…; 力争年底前A…，B…)
    or when its clause holds no figure of its own. After a subject it hedges only that
    subject's aim: in 县域内就诊率力争达到90%，基层就诊率达到65% the second is not hedged.
    """
    masked = sentence.masked
    segment_start = start_of_segment(masked, mention.start)
    if _ASPIRATIONAL.search(masked, segment_start, mention.start):
        return True
    for hedge in _ASPIRATIONAL.finditer(masked, 0, segment_start):
        clause_start = start_of_segment(masked, hedge.start())
        opens_clause = not _strip_filler(masked[clause_start : hedge.start()])
        framing_end = end_of_segment(masked, hedge.end())
        if opens_clause or not any(hedge.start() <= start < framing_end for start, _ in spans):
            return True
    return False


def _stated_deadline(before: str, before_text: str, metadata: DocumentMetadata) -> tuple[int | None, str | None]:
    """The nearest deadline written before the quantity in its sentence.

    `before` is masked; `before_text` is not, for 到“十四五”末 whose plan name is quoted.
    """
    candidates: list[tuple[int, int, str]] = []
    for match in _YEAR.finditer(before):
        after = before[match.end() :]
        if re.match(r"度|的?基础上", after) or re.search(r"(?:比|较|与|同)\s*$", before[: match.start()]):
            continue  # a fiscal year or a baseline year
        if _START_BEFORE.search(before[: match.start()]) or _START_AFTER.match(after):
            continue  # 从2023年开始: when a yearly aim starts
        if re.match(r"\s*\d{1,2}\s*月", after) and not _DATE_DEADLINE.match(after):
            continue  # 2022年1月18日成立: a date, not a deadline
        year = int(match.group("last") or match.group("first"))
        candidates.append((match.end(), year, "stated"))
    for match in _FIVE_YEAR_PLAN_END.finditer(before_text):
        candidates.append((match.end(), FIVE_YEAR_PLANS[match.group("plan")], "stated"))
    for match in _RELATIVE_DEADLINE.finditer(before):
        if metadata.year and not re.search(r"20\d{2}\s*年?\s*$", before[: match.start()]):
            candidates.append((match.end(), metadata.year, "document_year"))
    if not candidates:
        return None, None
    _, year, source = max(candidates)
    return year, source


def _section_deadline(section: Section | None, metadata: DocumentMetadata) -> tuple[int, str] | None:
    """三、2024年工作打算 → 2024; a report's 下一步工作 without a year → the document's year."""
    if section is None or section.tense != FUTURE:
        return None
    if section.year:
        return section.year, "section"
    if metadata.is_report and metadata.year:
        return metadata.year, "document_year"
    return None


def _inherited_deadline(paragraph_before: str, metadata: DocumentMetadata) -> tuple[int | None, str | None]:
    goals = list(_GOAL_YEAR.finditer(re.sub(r"《[^》]*》", "", paragraph_before)))
    if goals:
        return int(goals[-1].group("year")), "paragraph"
    if metadata.plan_end_year:
        return metadata.plan_end_year, "plan_period"
    return None, None


def _comparator(mention: Mention, sentence: str, segment_before: str, kind: str, name: str, neighbour: _Neighbour | None) -> str:
    if mention.value_max is not None:
        return "between"
    after = _COMPARATOR_AFTER.match(sentence[mention.end :])
    if after and mention.form != "coverage":
        return ">=" if after.group("at_least") else "<=" if after.group("at_most") else "="
    if mention.more_than or _MORE_THAN_BEFORE.search(segment_before):
        return ">="
    if kind == ACTUAL or _APPROXIMATELY_BEFORE.search(segment_before):
        return "="  # an observed figure (提升至72.1%, 全部整改到位) is a value, not a bound
    if mention.form in ("coverage", "multiple"):
        return ">="
    inside = COMPARATOR_BEFORE.search(mention.text) if mention.form in ("per_population", "one_per_unit") else None
    if inside and not inside.group("towards"):
        return ">=" if inside.group("at_least") else "<="  # 每千服务人口不少于1名, 每个行政村至少有1名: the words are inside
    before = list(COMPARATOR_BEFORE.finditer(segment_before[-12:]))
    if before:
        nearest = before[-1]
        if nearest.group("at_most"):
            return "<="
        if nearest.group("towards"):  # 增加…至 / 降低…至
            return "<=" if _DECREASE.search(segment_before) else ">="
        return ">="
    if neighbour is not None and _ENUMERATION.fullmatch(sentence[neighbour.end : mention.start]):
        return neighbour.comparator  # 至少配备1名公共卫生医师、1名中医类别医师
    if _CHANGE_BEFORE.search(segment_before):
        return ">="  # 重复检查率下降5个百分点: at least that much change
    if mention.unit in _DURATION_UNITS:
        return "<="
    if mention.unit in ("%", "‰") or mention.unit.startswith("per "):
        return "<=" if lower_is_better(name) else ">="
    return "="


def _indicator_name(mention: Mention, sentence: Sentence, segment_start: int, subject_start: int, spans: list[tuple[int, int]]) -> str:
    """The phrase for what is measured: 覆盖率 in 覆盖率达到90%, 县级医院 in 办好1-2所县级医院.

    An area word or a count opening it (全县9家乡镇卫生院全部达到…) says whose and how many, not what.
    """
    return _WHOSE_AND_HOW_MANY.sub("", _phrase_measured(mention, sentence, segment_start, subject_start, spans))


def _phrase_measured(mention: Mention, sentence: Sentence, segment_start: int, subject_start: int, spans: list[tuple[int, int]]) -> str:
    if mention.name_hint:
        return _strip_filler(mention.name_hint)
    text, masked = sentence.text, sentence.masked
    segment_end = end_of_segment(masked, mention.end)
    if mention.form == "coverage":
        if mention.text == "全覆盖":  # 实现胸痛…“五大中心”全覆盖: what is covered comes before
            pieces = [piece for piece in (_strip_filler(p) for p in re.split(r"实现|做到|达到", text[segment_start : mention.start])) if piece]
            if len(pieces) > 1 and _ADMINISTRATIVE_UNITS.fullmatch(pieces[-1]):
                return pieces[-2]  # 医共体建设实现县(市、区)全覆盖: the counties are where, not what
            return pieces[-1] if pieces else ""
        claim = text[segment_start : mention.start] + text[mention.end : segment_end]
        return _strip_filler(_DISTRIBUTIVE.sub("", claim))  # 所有卫生院都能提供… → 卫生院提供…
    # Bound the phrase by the neighbouring quantities of the same segment.
    following = [start for start, _ in spans if mention.end <= start < segment_end]
    after_text = text[mention.end : min(following, default=segment_end)]
    qualified = re.match(r"\s*(?:及以上|以上|以下|及以下|以内|左右|余|多)?\s*的", after_text)  # 20%的门诊号源…
    if _BASELINE_AFTER.search(masked[mention.end :]):
        after_text = re.split(r"的?基础上", after_text)[0]  # 20-30名招生数量的基础上 → 招生数量
    after_name = _strip_filler(re.sub(r"^\s*(?:及以上|以上|以下|及以下|以内|左右|余|多)?\s*的?", "", after_text))
    before = re.split(r"基础上", text[subject_start : mention.start])[-1]
    before_name = _strip_filler(_TRAILING_COMPARATOR.sub("", before))
    if re.match(r"\s*[、和及与]", after_text) or (mention.unit in _LEVEL_UNITS and before_name):
        return before_name or after_name  # 心电会诊13000人次、CT会诊2127人次, 人均预期寿命达到78.3岁: the name comes first
    if before_name in _CHANGE_WORDS and _BASELINE_AFTER.search(masked[subject_start : mention.start]):
        # 覆盖率在2023年基础上提高1个百分点: what rises is named before the baseline
        return _strip_filler(re.split(r"在[^,，。;；]*?基础上", text[subject_start : mention.start])[0]) + before_name
    is_count = mention.unit not in ("%", "‰") and mention.unit not in _LEVEL_UNITS and not mention.unit.startswith("per ")
    if after_name and (qualified or is_count):
        return after_name  # 20%的门诊号源…, 不少于6名全科医生: the thing after the number
    if _TRAILING_COMPARATOR.search(before) and (subject := _aspiration_tail(before_name)):
        return subject  # 覆盖率达到90%: the measured thing comes first
    return after_name or before_name


def _aspiration_tail(name: str) -> str:
    """新规划建设的社区卫生服务中心力争建筑面积 → 建筑面积: the subject before 力争/要/将 is the scope."""
    return _strip_filler(re.split(r"力争|争取|努力|确保", name)[-1])


def _strip_filler(text: str) -> str:
    text = _NOT_PART_OF_NAME.sub("", text.replace("□", "")).strip()
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING_FILLER.sub("", _LEADING_FILLER.sub("", text)).strip()
        for opening, closing in (("(", ")"), ("“", "”")):
            # A mark whose partner lies outside the phrase: 项目” or “双千
            if text.endswith(closing) and text.count(closing) > text.count(opening):
                text = text[:-1]
            if text.startswith(closing) or (text.startswith(opening) and text.count(opening) > text.count(closing)):
                text = text[1:]
            if text.endswith(opening):
                text = text[:-1]
        if text.startswith("“") and text.endswith("”") and text.count("“") == 1:
            text = text[1:-1]  # a name quoted whole: “外聘专家工作室”
    return text


def _scope(mention: Mention, sentence: Sentence, segment_start: int, subject_start: int, region: str | None, name: str) -> tuple[str, str]:
    """Whose target it is (每个县, 牵头医院, 全市) and the level it is evaluated at.

    每个/各 + unit binds every unit of that kind, wherever it stands in the sentence. An
    institution or area word binds only within the segment, after any earlier quantity
    (in 50%的机构…、10%的机构… the first population is not the second item's subject).
    A total (县级中医院建设50个专科) is evaluated over the area; a share or measure of each
    acting institution (牵头医院要将20%的号源…) at the institution. A share of the whole
    system (基层医疗卫生机构诊疗量占总诊疗量的比例) belongs to the area.
    """
    region_level = regions.level_of(region) if region else regions.CITY
    default = {regions.NATIONAL: "全国", regions.PROVINCE: "全省", regions.CITY: "全市", regions.COUNTY: "全县"}.get(region_level, "全市")
    if mention.form == "one_per_unit":  # 每个行政村…一所村卫生室 binds every village
        base = ONE_PER_UNIT.match(mention.text).group("base")
        return "每个" + base, _level_of_unit(base)
    # 每个县… binds its own segment, and later ones that name no subject of their own
    # (每个县20%的卫生院…，1—2家达到…), not 力争2家县级中医院… nor 争取新增2个专科 after it.
    after = sentence.masked[mention.end :].lstrip("的")
    elliptical = not _strip_filler(sentence.masked[segment_start : mention.start]) and (
        _VERB_AFTER_COUNT.match(after) is not None or not _COUNTED_INSTITUTION.match(after)
    )
    each = list(_EACH_UNIT.finditer(sentence.masked[: mention.start] if elliptical else sentence.masked[segment_start : mention.start]))
    if each:
        unit = each[-1].group("unit")
        if unit is None:  # 每名家庭医生: a norm per professional, checked at their institution
            return each[-1].group(0), "institution"
        return each[-1].group(0), "institution" if _INSTITUTION_UNIT.search(unit) else _level_of_unit(unit)
    subject = sentence.masked[subject_start : mention.start]
    area = _AREA_WORD.search(subject)
    covers_area = mention.text == "全覆盖" or sentence.masked[: mention.start].endswith("覆盖")
    if mention.text == "所有" and not covers_area:  # 所有成员单位接入…: the institutions follow the word
        subject = sentence.masked[subject_start : end_of_segment(sentence.masked, mention.end)]
    # 三级医院全部开展… binds every 三级医院; in 实现基层医疗机构全覆盖 (and 远程医疗覆盖所有乡镇卫生院)
    # the institutions are what the area must cover, so the area is whose target it is.
    institution = None if covers_area or _SYSTEM_SHARE.search(name) else _subject_institution(subject)
    if institution and mention.form != "coverage" and _POPULATION_SHARE.match(subject[institution.end() :] + name):
        institution = None  # 村卫生室能够提供中医药服务的比例: the institutions are counted, the area is bound
    units = _COVERED_UNITS.search(subject) if mention.form == "coverage" and mention.text != "全覆盖" and institution is None else None
    if units:  # 183个县(市、区)全部组建县域医共体: every county is bound, the area evaluated
        return units.group("units"), region_level
    if institution is None and re.search(r"分别|均", subject):
        # 支持现有基层医疗机构…,分别打造1~2个专科: the distributed subject opens the sentence
        institution = _subject_institution(sentence.masked[: mention.start])
        if institution:
            return _strip_filler(sentence.text[: institution.end()].split(",")[-1].split("，")[-1]), "institution"
    if institution is None and area is None and mention.form != "coverage" and _ELIDED_SUBJECT.match(sentence.masked[segment_start : mention.start]):
        # 牵头医院每年下沉…，向成员单位开放的专家号源比例不低于25%: the subject is the previous segment's
        acting = _acting_institution(sentence, segment_start)
        if acting:
            return acting, "institution" if _binds_each_institution(mention, sentence, segment_start) else region_level
    if institution:
        acting = _SUBJECT_FOLLOWERS.match(subject, institution.end()) is not None or _ROLE_INSTITUTION.fullmatch(institution.group(0)) is not None
        if not acting and mention.form == "number" and _is_count(mention):
            # 基层医疗卫生机构全科医生转岗培训累计达到5000人: the institutions qualify what is counted
            return (area.group(0), _AREA_WORDS[area.group(0)]) if area else (default, region_level)
        phrase = _strip_filler(sentence.text[subject_start : subject_start + institution.end()])
        phrase = phrase if len(phrase) <= 20 else institution.group(0)
        phrase += sentence.text[subject_start + institution.end() : subject_start + _institutions_end(subject, institution)]
        if area and area.start() < institution.start():
            return phrase, _AREA_WORDS[area.group(0)]
        return phrase, "institution" if acting and _binds_each_institution(mention, sentence, segment_start) else region_level
    if area:
        return area.group(0), _AREA_WORDS[area.group(0)]
    return default, region_level


def _level_of_unit(unit: str) -> str:
    return next((level for pattern, level in _EACH_UNIT_LEVEL if pattern.search(unit)), regions.COUNTY)


def _subject_start(mention: Mention, sentence: Sentence, segment_start: int, spans: list[tuple[int, int]]) -> int:
    """Where the words about this quantity begin in its segment.

    After an earlier quantity of the segment, the words up to the enumeration mark still
    belong to it: 50%以上的机构达到基本标准、10%的机构… → the second item starts after 、.
    """
    previous = [end for _, end in spans if segment_start < end <= mention.start]
    if not previous:
        return segment_start
    enumeration = sentence.masked.rfind("、", max(previous), mention.start)
    return enumeration + 1 if enumeration >= 0 else max(previous)


def _subject_institution(subject: str) -> re.Match[str] | None:
    """The first institution named as a subject: not an object (对/向/为/组建…) nor a place (…内/间)."""
    return next(
        (m for m in _INSTITUTION.finditer(subject) if not _OBJECT_BEFORE.search(subject[: m.start()]) and not _PLACE_AFTER.match(subject[m.end() :])),
        None,
    )


def _institutions_end(subject: str, institution: re.Match[str]) -> int:
    """Where the named institutions end: 乡镇卫生院、社区卫生服务中心, 县人民医院(分院)."""
    end = institution.end()
    while following := _MORE_INSTITUTIONS.match(subject, end):
        end = following.end()
    return end


def _is_count(mention: Mention) -> bool:
    return mention.unit not in ("%", "‰") and mention.unit not in _MEASURE_UNITS and not mention.unit.startswith("per ")


def _acting_institution(sentence: Sentence, segment_start: int) -> str | None:
    """The institution acting in the nearest earlier segment of the sentence (牵头医院每年下沉…)."""
    breaks = [0] + [m.end() for m in SEGMENT_BREAK.finditer(sentence.masked, 0, segment_start)]
    for start, end in reversed(list(zip(breaks, breaks[1:]))):
        earlier = sentence.masked[start:end]
        institution = _subject_institution(earlier)
        if institution and _SUBJECT_FOLLOWERS.match(earlier, institution.end()):
            return _strip_filler(sentence.text[start : start + institution.end()])
    return None


def _binds_each_institution(mention: Mention, sentence: Sentence, segment_start: int) -> bool:
    """牵头医院…20%的号源, 社区卫生服务中心…建筑面积1万平方米: a share or a measure of each institution.

    A count (县级中医院建设50个专科) is a total over the area, unless 分别/均 distributes it.
    """
    if mention.form == "coverage":
        return False
    measure = mention.unit in ("%", "‰") or mention.unit in _MEASURE_UNITS or mention.unit.startswith("per ")
    return measure or bool(re.search(r"分别|均", sentence.masked[segment_start : mention.start]))


def _region_at(position: int, context: _Context) -> str | None:
    inside = [place for start, end, place in context.regions_at if start <= position < end]
    return inside[-1] if inside else context.metadata.region
