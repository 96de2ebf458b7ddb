"""Find the quantified targets, standards and reported actuals of a policy document.

The unit of analysis is the sentence (ended by 。；！？ or a line break); inside
it, segments are separated by commas. The rules follow how Chinese policy
documents state aims, not the wording of particular files:

* A *quantity* is a number with a unit (20%, 1-3所, 1万平方米, 32万人次,
  百分之三十, 三分之一), a per-population ratio (每千常住人口配备1名) or a
  coverage claim (全覆盖, 全部/均 + an attainment verb → 100%). Numbers inside
  quotation marks and titles (“五大中心”, 《…2021年…》), document numbers,
  dates, years, ordinals (第99次) and clause numbers are never quantities.
  Chinese numerals count only after a provisioning verb (配备两名), because
  most of them are names (三明, 千县工程, 十四五, 一院一特色).
* A count that only sizes the population of another claim in the same segment
  is dropped: 250个病种全部…, 30种大病80%的患者…, 对147个学科考核.
* Its *kind*: a figure in a report (简报/报告) or after past-tense markers
  (已, 累计, 目前, 同比, 近年来, 出台了, “十三五”期间 in a later document,
  在…基础上) is a reported_actual, unless the sentence states a future aim
  (提出2025年…, 9月底前); a per-population or one-per-unit norm (配备) without
  a stated deadline is a standard; anything else is a target.
* The *comparator* comes from the words around the number (以上/不低于/至少/
  达到 → >=; 以下/不超过/控制在…以内 → <=; a range → between). Without such a
  word a share is a floor (>=), a duration a ceiling (<=), a count exact (=).
* Indicator tables (主要指标 | 单位 | 2020年 | 2025年 | 属性) give one target per row, due
  the latest year of the header, and the earlier years' values as reported actuals.
* The *deadline* is the nearest year stated before the quantity in its sentence
  (到2025年, 2025年底前, 2023-2025年 → 2025), a relative one (9月底前, 年内 →
  the document's year), an earlier 到2025年 of the same paragraph, else the
  plan's period (metadata.plan_end_year). Actuals and standards have none.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from orchestration.documents import regions
from orchestration.documents.cleaning import CleanedText
from orchestration.documents.indicators import IndicatorCatalogue
from orchestration.documents.metadata import DOCUMENT_NUMBER, FIVE_YEAR_PLANS, DocumentMetadata
from orchestration.documents.numerals import parse_number, parse_percent
from orchestration.documents.structure import Clause, clause_at

TARGET, STANDARD, ACTUAL = "target", "standard", "reported_actual"

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

_ARABIC = r"\d+(?:\.\d+)?[万亿]?"
_CHINESE = r"[零〇两一二三四五六七八九十百千万亿]+"
_UNITS = (
    "个百分点|百分点|平方米|公里|千米|分钟|小时|人次|例次|床位|元|名|个|所|家|张|人|次|倍|项|批|种|类|例|期|支|台|辆|套|座|户|间|门|条|篇|床|天"
)
_RANGE = r"\s*[-－—–~～至到]\s*"
# 20-30名, 1—2家, 20%-30%, 1.4亿元, 2万余人, 50个左右, 1000名以上
_QUANTITY = re.compile(
    rf"(?<![\d.A-Za-z])(?P<low>{_ARABIC}|{_CHINESE})(?P<low_percent>%)?(?:{_RANGE}(?P<high>{_ARABIC}|{_CHINESE}))?"
    rf" ?(?P<more>余|多)? ?(?P<unit>%|‰|{_UNITS})(?![A-Za-z\d])"
)
# 孕产妇死亡率控制在10/10万以下: a rate per ten or hundred thousand
_PER_BASE_RATE = re.compile(r"(?<![\d.])(?P<value>\d+(?:\.\d+)?)\s*/\s*(?P<base>10万|十万|100000|1万|万|1000|千)(?!\d)")
_PER_BASE = {"10万": 100_000, "十万": 100_000, "100000": 100_000, "1万": 10_000, "万": 10_000, "1000": 1000, "千": 1000}
_PERCENT_WORDS = re.compile(r"百分之(?P<number>[零〇两一二三四五六七八九十百\d.]+)|(?P<whole>[一二三四五六七八九十百千\d]+)分之(?P<part>[一二三四五六七八九十百千\d]+)")
# 每千常住人口…1名, 每一千常住人口左右配备一名, 每万人口…3.2张
_PER_POPULATION = re.compile(
    rf"每(?P<base>{_CHINESE}|\d+(?:\.\d+)?[万千]?)?(?:名)?(?:常住|服务|户籍|农村|城乡)?(?:人口|居民)(?:左右)?"
    rf"(?P<between>[^,，。;；]{{0,24}}?)(?P<value>\d+(?:\.\d+)?|{_CHINESE})(?:{_RANGE}(?P<value_max>\d+(?:\.\d+)?))?\s*(?P<unit>名|人|张|个|所|家)"
)
# 一个行政村一所村卫生室: one thing of a kind for every unit of another
# The thing must close the phrase: 每个县至少有1家县级医院达到二级甲等 is a target about hospitals.
_ONE_PER_UNIT = re.compile(
    r"(?:每|一)个(?P<base>行政村|村|乡镇|乡|镇|街道|社区|县|县区|市)(?:至少)?(?:设置|建设|配备|有)?(?P<value>一|1)(?P<unit>所|个|名|家)"
    r"(?P<thing>[\u4e00-\u9fff]{2,8}?)(?=[”\"’」,，。;；、)）]|的|$)"
)
# Verbs that make 全部/均/所有 a measurable claim (全部接入, 均达到); 全部落实职责 is not one.
_ATTAINMENT_VERBS = "实现|接入|开展|达到|达标|纳入|推开|整改|增加|建成|完成|设立|设置|配备|配齐|覆盖|上线|联网|具备|签约|转为|开通|使用"
_COVERAGE = re.compile(
    rf"全覆盖"
    rf"|(?:全部|均)(?:都|均|将|已|要|能|可|已经|得到)?(?={_ATTAINMENT_VERBS}|在)"
    rf"|所有(?=[\u4e00-\u9fff、]{{2,14}}?(?:都|均)?(?:要|应|已|将)?(?:{_ATTAINMENT_VERBS}))"
)
_AREA_WORDS = {"全国": regions.NATIONAL, "全省": regions.PROVINCE, "省域": regions.PROVINCE, "全市": regions.CITY, "市域": regions.CITY, "市区": regions.CITY,
               "全县": regions.COUNTY, "县域": regions.COUNTY, "全区": regions.COUNTY}
# 县域内就诊率 is about the county; 县域医共体 only names a kind of consortium.
_AREA_WORD = re.compile("|".join(f"{word}(?!医)" for word in _AREA_WORDS))
_INSTITUTION = re.compile(
    r"牵头医院|成员单位|三级(?:甲等)?(?:公立)?医院|二级(?:及以上|以上)?(?:公立)?(?:医院|医疗机构)|县级(?:综合|中医|公立)?医院|县级医疗机构|"
    r"公立医院|综合性医院|综合医院|中医医院|中医院|妇幼保健院|乡镇卫生院|中心卫生院|社区卫生服务中心|社区卫生服务站|村卫生室|"
    r"基层医疗卫生机构|基层医疗机构|医疗卫生机构|定点医疗机构|医疗机构|医共体|医联体|医疗集团"
)
_EACH_UNIT = re.compile(
    r"(?:每个|每所|每家|每一个|各)(?P<unit>[\u4e00-\u9fff]{0,6}?(?:医院|卫生院|中心|机构|医共体|医联体|医疗集团)|"
    r"县\([市、区]+\)|县|市|区|乡镇|乡|镇|街道|行政村|村|社区)(?:\([^()]{1,8}\))?"
)
# 2家县级中医院…: the count names its own institutions
_COUNTED_INSTITUTION = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:医院|卫生院|卫生室|中心|机构|医共体|医联体|医疗集团)")
_INSTITUTION_UNIT = re.compile(r"(?:医院|卫生院|中心|机构|医共体|医联体|医疗集团)$")
# The level a 每个/各 unit is evaluated at; villages and communities count with townships.
_EACH_UNIT_LEVEL = (
    (re.compile(r"乡|镇|街道|村|社区"), "township"),
    (re.compile(r"县|区"), regions.COUNTY),
    (re.compile(r"市"), regions.CITY),
)

# Comparators written before the number (nearest wins) and after it.
_AT_LEAST_BEFORE = "不低于|不少于|不小于|至少|最少|达到|超过|高于|大于|保持在|稳定在|维持在|提高到|提高至|提升到|提升至|增加到|增加至|增长到|增长至|增至|扩大到|扩大至|达"
_AT_MOST_BEFORE = "不超过|不高于|不大于|低于|少于|小于|控制在|降至|降低到|降低至|下降到|下降至|压缩到|压缩至|缩短到|缩短至|减少到|减少至"
_COMPARATOR_BEFORE = re.compile(rf"(?P<at_least>{_AT_LEAST_BEFORE})|(?P<at_most>{_AT_MOST_BEFORE})|(?P<towards>[至到])")
_COMPARATOR_AFTER = re.compile(r"^\s*(?:(?P<at_least>及以上|以上|之上)|(?P<at_most>及以下|以下|以内|之内|内)|(?P<about>左右))")
_TRAILING_COMPARATOR = re.compile(rf"(?:{_AT_LEAST_BEFORE}|{_AT_MOST_BEFORE}|[至到为])\s*[近约超逾]?\s*$")
_APPROXIMATELY_BEFORE = re.compile(r"(?:近|约|大约|接近)$")
_MORE_THAN_BEFORE = re.compile(r"(?:超|逾)$")
_DECREASE = re.compile(r"降|减|缩|压|控制")
_DURATION_UNITS = {"分钟", "小时", "天"}
# Units that measure one institution rather than count things across an area.
_MEASURE_UNITS = {"平方米", "张", "床", "床位", "分钟", "小时", "天"}

_AIMS_AT_LEVEL = re.compile(rf"{_AT_LEAST_BEFORE}|{_AT_MOST_BEFORE}")
_ASPIRATIONAL = re.compile(r"力争|争取|努力|力求|尽力|争创")
_PAST = re.compile(r"已经|已|累计|截至|截止|目前|共计|同比|较上年|比上年|较去年|比去年|以来|近年来|过去|去年|上年度")
# “十三五”期间…提高到56% in a later document: a period that is over
_PAST_PLAN_PERIOD = re.compile(r"(?P<plan>十[一二三四五]五)”?(?:时期|期间|以来)")
_ACHIEVED = re.compile(r"已经|已|(?<![为除])了")  # 覆盖率已达到72.3%, 出台了3个文件: achieved, whatever year is named
_FUTURE_IN_REPORT = re.compile(r"提出|计划|力争|争取|目标|确保|预计|拟|底前|年内|之前|以前")
_BASELINE_BEFORE = re.compile(r"在[^,，。;；]*$")
_BASELINE_AFTER = re.compile(r"^[^,，。;；]*?基础上")
_POPULATION_BEFORE = re.compile(r"(?:对|针对)[\u4e00-\u9fff]{0,4}$")
# 国家卫生健康委等10个部门联合印发: a count of actors, not an aim
_ACTORS_AFTER = re.compile(r"^(?:部门|单位|部委|方面|成员单位)")
_CHINESE_NUMERAL_VERBS = re.compile(r"(?:配备|配置|配齐|至少|不少于|不低于|达到|超过|增加|新增|培养|招录|招收|建设|建成|新建|打造|选派|遴选|设立|设置)$")

_YEAR = re.compile(r"(?P<first>20\d{2})(?:\s*[-—–~～至到]\s*(?P<last>20\d{2}))?\s*年(?:底前|末前|底|末|前|以前|之前)?")
_RELATIVE_DEADLINE = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:底|末)?(?:前|之前|以前)|年底前|年底|年内|年末|年度内")
# …年6月底前, …年12月31日前: a date that is a deadline
_DATE_DEADLINE = re.compile(r"\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底|末)?(?:前|之前|以前)")
# 到2025年，A达到…；B达到…: a goal year opening a sentence governs the rest of its paragraph.
_GOAL_YEAR = re.compile(r"(?:^|[。;；])\s*(?:到|至)\s*(?P<year>20\d{2})\s*年(?:底|末)?[,，]")
_FIVE_YEAR_PLAN_END = re.compile(r"“?(?P<plan>十[一二三四五]五)”?(?:时期)?(?:末|期末)")

_SENTENCE = re.compile(r"[^。;；!！?？\n]+[。;；!！?？]?")
_SEGMENT_BREAK = re.compile(r"[,，]")
# Words that open a phrase without being part of what it names.
_LEADING_FILLER = re.compile(
    r"^(?:[、和及与并且的。;；:：\s]|到\s*20\d{2}\s*年(?:底|末)?(?:前)?|20\d{2}\s*年(?:底|末)?(?:前)?|[\d—\-~至]+月份?|力争|争取|努力|确保|"
    r"实现|推动|推进|基本|逐步|进一步|稳步|持续|全面|原则上|其中|目前|累计|已经|已|同时|要|将|使|每年|明确提出|提出|支持|鼓励|从|共有|现有|"
    r"(?:较|比)\s*20\d{2}\s*年(?:底|末)?|(?:较|比)上年|近\d+年|所有|"
    r"\(\d{1,2}\)|\d{1,2}[.、](?!\d)|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}(?:、|是)|"
    r"在(?![岗职编读校线]))+"
)
_TRAILING_FILLER = re.compile(r"(?:[、和及与的，,。;；:：!！?？\s]|以上|以下|左右|以内|近|约|超|逾|达|为|是|有|已经|已|分别|(?<![县市区])\([^()]*\))+$")
# Deadlines inside a phrase are not part of what it names: 其他县9月底前推开…
_DEADLINE_WORDS = re.compile(r"(?:到|至)?\s*20\d{2}\s*年(?:底|末)?(?:前|之前|以前)|\d{1,2}月(?:底|末)?(?:前|之前|以前)|年底前|年内")
_CHANGE_WORDS = {"同比增长", "增长", "同比下降", "下降", "提高", "提升", "增加", "减少"}
# After an institution, words that make it the subject acting (牵头医院要将…), not a modifier
# of the measured noun (基层医疗卫生机构诊疗量占比).
_SUBJECT_FOLLOWERS = re.compile(r"(?:[、和及与][^,，、]{0,12}?)?(?:\([^()]{1,10}\))?(?:要|应当|应|将|须|必须|力争|争取|均|都|分别|向|为|可|原则上|每年|至少|全部|通过|新建|建设)")


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
    deadline_source: str | None  # stated | document_year | paragraph | plan_period
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


@dataclass(frozen=True)
class _Mention:
    start: int  # within the sentence
    end: int
    text: str
    value: float | int
    value_max: float | int | None
    unit: str
    form: str  # number | percent_words | per_population | one_per_unit | coverage
    name_hint: str | None = None  # the measured thing when the pattern itself says it
    more_than: bool = False  # 1000余人次


@dataclass(frozen=True)
class _Sentence:
    start: int  # in the cleaned text
    text: str
    masked: str  # the same length, quotations and titles blanked out


@dataclass(frozen=True)
class _Context:
    metadata: DocumentMetadata
    clauses: list[Clause]
    catalogue: IndicatorCatalogue
    regions_at: list[tuple[int, int, str]]  # (start, end, place) of local region sections


def extract_targets(
    cleaned: CleanedText, metadata: DocumentMetadata, clauses: list[Clause], catalogue: IndicatorCatalogue
) -> list[Target]:
    """Every target, standard and reported actual of the document, in reading order."""
    text = cleaned.text
    masked = _mask(text, clauses)
    context = _Context(metadata, clauses, catalogue, _local_regions(text, metadata))
    items = _table_items(cleaned, context)
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
        sentence = _Sentence(start, content, masked[start : start + len(content)])
        paragraph_before = text[text.rfind("\n", 0, start) + 1 : start]
        previous_name: str | None = None
        mentions = _mentions(sentence)
        spans = [(m.start, m.end) for m in mentions]
        for mention in mentions:
            item = _item(mention, sentence, spans, paragraph_before, previous_name, cleaned, context)
            items.append(item)
            previous_name = item.indicator_name
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
# Quantities in a sentence
# ---------------------------------------------------------------------------


def _mentions(sentence: _Sentence) -> list[_Mention]:
    found = _ratio_mentions(sentence)
    taken = [(m.start, m.end) for m in found]
    for mention in _number_mentions(sentence) + _coverage_mentions(sentence):
        if not any(start < mention.end and mention.start < end for start, end in taken):
            found.append(mention)
            taken.append((mention.start, mention.end))
    return _without_population_counts(sorted(found, key=lambda m: m.start), sentence)


def _ratio_mentions(sentence: _Sentence) -> list[_Mention]:
    """Per-population ratios (每千常住人口…1名) and one-per-unit norms (一个行政村一所村卫生室).

    They are read on the unmasked text: a norm is often quoted as a principle (按照“一个…”的原则).
    """
    mentions = []
    for match in _PER_POPULATION.finditer(sentence.text):
        base = _base_population(match.group("base"))
        value = parse_number(match.group("value"))
        value_max = parse_number(match.group("value_max") or "")
        if not base or value is None:
            continue
        # 每五百常住人口一名 → 2 per 1000, the catalogue's unit; 每千/每万/每十万 stay as written.
        per = base if base in (1000, 10_000, 100_000) else 1000
        normalised, normalised_max = (_per(value, base, per), _per(value_max, base, per) if value_max is not None else None)
        thing = re.match(r"[\u4e00-\u9fff]{2,12}", sentence.text[match.end():])
        between = _COMPARATOR_BEFORE.sub("", _strip_filler(match.group("between")))
        between = re.sub(r"^(?:配备|配置|拥有|设置|有)", "", between)
        name = between or (thing.group(0) if thing else "")
        mentions.append(_Mention(match.start(), match.end(), match.group(0), normalised, normalised_max, f"per {per}", "per_population", name))
    for match in _ONE_PER_UNIT.finditer(sentence.text):
        mentions.append(
            _Mention(match.start(), match.end(), match.group(0), 1, None, f"{match.group('unit')} per {match.group('base')}", "one_per_unit", match.group("thing"))
        )
    return mentions


def _per(value: float | int, base: int, per: int) -> float | int:
    scaled = round(value * per / base, 4)
    return int(scaled) if float(scaled).is_integer() else scaled


def _base_population(text: str | None) -> int | None:
    """每千 → 1000, 每万 → 10000, 每一千 → 1000, 每五百 → 500; 每人口 has no base."""
    if not text:
        return None
    value = {"千": 1000, "万": 10_000, "百": 100}.get(text) or parse_number(text)
    return int(value) if value else None


def _number_mentions(sentence: _Sentence) -> list[_Mention]:
    mentions = []
    masked = sentence.masked
    for match in _QUANTITY.finditer(masked):
        start, end = match.span()
        before = masked[:start]
        if before.endswith("第") or re.search(r"\d[:：]$", before) or masked[end : end + 1] in (":", "："):
            continue  # ordinal or clock time
        low, high = parse_number(match.group("low")), parse_number(match.group("high") or "")
        if low is None or (match.group("high") and high is None):
            continue
        if _is_chinese(match.group("low")) and not (low >= 2 and _CHINESE_NUMERAL_VERBS.search(before)):
            continue  # 十类人群, 三个清单, 一支队伍: idiom or name, not an aim
        unit = match.group("unit")
        if high is not None and high < low:
            continue
        mentions.append(
            _Mention(start, end, sentence.text[start:end], low, high, unit, "number", more_than=bool(match.group("more")))
        )
    for match in _PER_BASE_RATE.finditer(masked):
        value = parse_number(match.group("value"))
        unit = f"per {_PER_BASE[match.group('base')]}"
        mentions.append(_Mention(match.start(), match.end(), sentence.text[match.start() : match.end()], value, None, unit, "number"))
    for match in _PERCENT_WORDS.finditer(masked):
        value = parse_percent(match.group(0))
        if value is not None:
            mentions.append(_Mention(match.start(), match.end(), match.group(0), value, None, "%", "percent_words"))
    return mentions


def _coverage_mentions(sentence: _Sentence) -> list[_Mention]:
    """全覆盖 / 全部 / 均 / 所有 claims; one per segment (所有乡镇卫生院均达到… is one claim)."""
    by_segment: dict[int, _Mention] = {}
    for match in _COVERAGE.finditer(sentence.masked):
        mention = _Mention(match.start(), match.end(), match.group(0), 100, None, "%", "coverage")
        by_segment[_segment_start(sentence.masked, match.start())] = mention  # the last, nearest its verb
    return list(by_segment.values())


def _without_population_counts(mentions: list[_Mention], sentence: _Sentence) -> list[_Mention]:
    """Drop counts that only size the population of another claim in their segment."""
    kept = []
    for mention in mentions:
        segment_end = _segment_end(sentence.masked, mention.end)
        later = [other for other in mentions if mention.end <= other.start < segment_end]
        is_count = mention.form == "number" and mention.unit not in ("%", "‰")
        sized_claim = any(other.form == "coverage" or other.unit == "%" for other in later)
        addressed = _POPULATION_BEFORE.search(sentence.masked[: mention.start])
        actors = _ACTORS_AFTER.match(sentence.masked[mention.end :])
        if is_count and (sized_claim or addressed or actors):
            continue
        kept.append(mention)
    return kept


# ---------------------------------------------------------------------------
# From a quantity to an item
# ---------------------------------------------------------------------------


def _item(
    mention: _Mention,
    sentence: _Sentence,
    spans: list[tuple[int, int]],
    paragraph_before: str,
    previous_name: str | None,
    cleaned: CleanedText,
    context: _Context,
) -> Target:
    metadata = context.metadata
    text = sentence.text
    before_sentence = sentence.masked[: mention.start]
    segment_start = _segment_start(sentence.masked, mention.start)
    segment_before = sentence.masked[segment_start : mention.start]

    deadline_year, deadline_source = _stated_deadline(before_sentence, text[: mention.start], metadata)
    kind = _kind(mention, sentence, before_sentence, deadline_year, deadline_source, metadata)
    if kind == TARGET and deadline_year is None:
        deadline_year, deadline_source = _inherited_deadline(paragraph_before, metadata)
    if kind != TARGET:
        deadline_year, deadline_source = None, None

    subject_start = _subject_start(mention, sentence, segment_start, spans)
    name = _indicator_name(mention, sentence, segment_start, subject_start, spans)
    if previous_name and (not name or name in _CHANGE_WORDS):
        name = previous_name + name  # …率分别达到65%、70%: the second figure shares the name
    comparator = _comparator(mention, text, segment_before, kind)
    region = _region_at(sentence.start, context)
    scope, evaluation_level = _scope(mention, sentence, segment_start, subject_start, region)
    clause = clause_at(context.clauses, sentence.start)
    source_start, source_end = cleaned.original_span(sentence.start, sentence.start + len(text))
    return Target(
        kind=kind,
        indicator_code=context.catalogue.code_for(name, text, mention.unit),
        indicator_name=name,
        comparator=comparator,
        value=mention.value,
        value_max=mention.value_max,
        unit=mention.unit,
        deadline_year=deadline_year,
        deadline_source=deadline_source,
        scope=scope,
        evaluation_level=evaluation_level,
        is_aspirational=bool(_ASPIRATIONAL.search(before_sentence)),
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


# ---------------------------------------------------------------------------
# Indicator tables
# ---------------------------------------------------------------------------

# Cells are tab- or bar-separated (.docx, HTML), else space-separated (a PDF text layer).
_CELL_SEPARATOR = re.compile(r"\s*[\t|｜]\s*")
_YEAR_CELL = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年?(?:底|末)?(?:目标值?|预期值?|基期值?|现状值?)?$")
_CELL_VALUE = re.compile(r"^(?P<comparator>≥|≤|>|<|＞|＜|不低于|不高于|不少于|不超过)?\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<percent>%)?\s*(?P<suffix>以上|以下)?$")
_UNIT_IN_NAME = re.compile(r"[(（](?P<unit>%|‰|[^()（）]{1,6})[)）]$")
_CELL_COMPARATORS = {"≥": ">=", ">": ">=", "＞": ">=", "不低于": ">=", "不少于": ">=", "以上": ">=",
                     "≤": "<=", "<": "<=", "＜": "<=", "不高于": "<=", "不超过": "<=", "以下": "<="}


def _table_items(cleaned: CleanedText, context: _Context) -> list[Target]:
    """Rows of a table whose header names years: the latest year's column is the target."""
    items: list[Target] = []
    header: list[str] | None = None
    for line in re.finditer(r"[^\n]+", cleaned.text):
        content = line.group(0).strip()
        cells = [cell for cell in (_CELL_SEPARATOR.split(content) if _CELL_SEPARATOR.search(content) else content.split()) if cell]
        years = [i for i, cell in enumerate(cells) if _YEAR_CELL.match(cell)]
        if len(years) >= 2:
            header = cells
            continue
        if header is None or len(cells) != len(header):
            header = None if not cells or re.search(r"[。；;]", line.group(0)) else header
            continue
        items += _row_items(cells, header, line, cleaned, context)
    return items


def _row_items(cells: list[str], header: list[str], line: re.Match[str], cleaned: CleanedText, context: _Context) -> list[Target]:
    name_cell = next((cell for cell in cells if re.search(r"[\u4e00-\u9fff]", cell) and not _CELL_VALUE.match(cell)), None)
    if name_cell is None:
        return []
    unit_column = next((i for i, cell in enumerate(header) if cell == "单位"), None)
    unit_in_name = _UNIT_IN_NAME.search(name_cell)
    name = _UNIT_IN_NAME.sub("", name_cell)
    unit = _table_unit(cells[unit_column] if unit_column is not None else (unit_in_name.group("unit") if unit_in_name else ""), name)
    year_columns = sorted((int(_YEAR_CELL.match(cell).group("year")), i) for i, cell in enumerate(header) if _YEAR_CELL.match(cell))
    target_year = year_columns[-1][0]
    quote = line.group(0).strip()
    start = line.start() + line.group(0).index(quote)
    source_start, source_end = cleaned.original_span(start, start + len(quote))
    clause = clause_at(context.clauses, start)
    region = _region_at(start, context)
    level = regions.level_of(region) if region else regions.CITY
    items = []
    for year, column in year_columns:
        value = _CELL_VALUE.match(cells[column])
        if not value:
            continue
        kind = TARGET if year == target_year else ACTUAL
        written = value.group("comparator") or value.group("suffix")
        cell_unit = "%" if value.group("percent") else unit
        comparator = _CELL_COMPARATORS.get(written or "", "=" if kind == ACTUAL or cell_unit not in ("%", "‰") else ">=")
        items.append(
            Target(
                kind=kind,
                indicator_code=context.catalogue.code_for(name, quote, cell_unit),
                indicator_name=name,
                comparator=comparator,
                value=parse_number(value.group("value")),
                value_max=None,
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


def _table_unit(unit: str, name: str) -> str:
    """/10万 → per 100000; 人 in a 每千人口… row → per 1000: the units sentences use."""
    per_base = re.fullmatch(r"1?\s*/\s*(?P<base>10万|十万|万|千|1000|100000)", unit)
    if per_base:
        return f"per {_PER_BASE[per_base.group('base')]}"
    per_population = re.match(r"每(?P<base>千|万|十万)", name)
    if per_population:
        return f"per {_base_population(per_population.group('base'))}"
    return unit


def _kind(
    mention: _Mention,
    sentence: _Sentence,
    before: str,
    deadline_year: int | None,
    deadline_source: str | None,
    metadata: DocumentMetadata,
) -> str:
    states_future = deadline_source == "document_year" or (
        deadline_year is not None and (metadata.year is None or deadline_year >= metadata.year)
    )
    segment_start = _segment_start(sentence.masked, mention.start)
    if _BASELINE_BEFORE.search(sentence.masked[segment_start : mention.start]) and _BASELINE_AFTER.search(sentence.masked[mention.end :]):
        return ACTUAL  # 在每年20-30名的基础上…: the starting point, not the aim
    if deadline_source == "stated" and metadata.year and deadline_year < metadata.year:
        return ACTUAL  # 2021年，全市就诊率为87.6% in a document of 2022: the year is past
    if metadata.is_report:
        return TARGET if states_future or _FUTURE_IN_REPORT.search(before) else ACTUAL
    if _PAST.search(before) and not states_future or _ACHIEVED.search(sentence.masked[segment_start : mention.start]):
        return ACTUAL
    past_period = _PAST_PLAN_PERIOD.search(sentence.text[: mention.start])
    if past_period and metadata.year and FIVE_YEAR_PLANS[past_period.group("plan")] < metadata.year:
        return ACTUAL
    if mention.form in ("per_population", "one_per_unit") and deadline_source != "stated" and not _AIMS_AT_LEVEL.search(mention.text):
        return STANDARD  # 每千人口配备1名: a norm; 每千人口医师数达到3.2人 is a level to reach
    return TARGET


def _stated_deadline(before: str, before_text: str, metadata: DocumentMetadata) -> tuple[int | None, str | None]:
    """The nearest deadline written before the quantity in its sentence.

    `before` is masked; `before_text` is not, for 到“十四五”末 whose plan name is quoted.
    """
    candidates: list[tuple[int, int, str]] = []
    for match in _YEAR.finditer(before):
        after = before[match.end() :]
        if re.match(r"度|的?基础上", after) or re.search(r"(?:比|较|与|同)\s*$", before[: match.start()]):
            continue  # a fiscal year or a baseline year
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


def _inherited_deadline(paragraph_before: str, metadata: DocumentMetadata) -> tuple[int | None, str | None]:
    goals = list(_GOAL_YEAR.finditer(re.sub(r"《[^》]*》", "", paragraph_before)))
    if goals:
        return int(goals[-1].group("year")), "paragraph"
    if metadata.plan_end_year:
        return metadata.plan_end_year, "plan_period"
    return None, None


def _comparator(mention: _Mention, sentence: str, segment_before: str, kind: str) -> str:
    if mention.value_max is not None:
        return "between"
    after = _COMPARATOR_AFTER.match(sentence[mention.end :])
    if after and mention.form != "coverage":
        return ">=" if after.group("at_least") else "<=" if after.group("at_most") else "="
    if mention.more_than or _MORE_THAN_BEFORE.search(segment_before):
        return ">="
    if kind == ACTUAL or _APPROXIMATELY_BEFORE.search(segment_before):
        return "="  # an observed figure (提升至72.1%, 全部整改到位) is a value, not a bound
    if mention.form == "coverage":
        return ">="
    before = list(_COMPARATOR_BEFORE.finditer(segment_before[-12:]))
    if before:
        nearest = before[-1]
        if nearest.group("at_most"):
            return "<="
        if nearest.group("towards"):  # 增加…至 / 降低…至
            return "<=" if _DECREASE.search(segment_before) else ">="
        return ">="
    if mention.unit in _DURATION_UNITS:
        return "<="
    return ">=" if mention.unit in ("%", "‰") or mention.unit.startswith("per ") else "="


def _indicator_name(mention: _Mention, sentence: _Sentence, segment_start: int, subject_start: int, spans: list[tuple[int, int]]) -> str:
    """The phrase for what is measured: 覆盖率 in 覆盖率达到90%, 县级医院 in 办好1-2所县级医院."""
    if mention.name_hint:
        return mention.name_hint
    text, masked = sentence.text, sentence.masked
    segment_end = _segment_end(masked, mention.end)
    if mention.form == "coverage":
        if mention.text == "全覆盖":  # 实现胸痛…“五大中心”全覆盖: what is covered comes before
            pieces = [_strip_filler(piece) for piece in re.split(r"实现|做到|达到", text[segment_start : mention.start])]
            return next((piece for piece in reversed(pieces) if piece), "")
        return _strip_filler(text[segment_start : mention.start] + text[mention.end : segment_end])
    # Bound the phrase by the neighbouring quantities of the same segment.
    following = [start for start, _ in spans if mention.end <= start < segment_end]
    after_text = text[mention.end : min(following, default=segment_end)]
    qualified = re.match(r"\s*(?:及以上|以上|以下|及以下|以内|左右|余|多)?\s*的", after_text)  # 20%的门诊号源…
    if _BASELINE_AFTER.search(masked[mention.end :]):
        after_text = re.split(r"的?基础上", after_text)[0]  # 20-30名招生数量的基础上 → 招生数量
    after_name = _strip_filler(re.sub(r"^\s*(?:及以上|以上|以下|及以下|以内|左右|余|多)?\s*的?", "", after_text))
    before = re.split(r"基础上", text[subject_start : mention.start])[-1]
    before_name = _strip_filler(_TRAILING_COMPARATOR.sub("", before))
    if re.match(r"\s*[、和及与]", after_text):
        return before_name or after_name  # 心电会诊13000人次、CT会诊2127人次: the name precedes each number
    if after_name and (qualified or mention.unit not in ("%", "‰") and not mention.unit.startswith("per ")):
        return after_name  # 20%的门诊号源…, 不少于6名全科医生: the thing after the number
    if _TRAILING_COMPARATOR.search(before) and (subject := _aspiration_tail(before_name)):
        return subject  # 覆盖率达到90%: the measured thing comes first
    return after_name or before_name


def _aspiration_tail(name: str) -> str:
    """新规划建设的社区卫生服务中心力争建筑面积 → 建筑面积: the subject before 力争/要/将 is the scope."""
    return _strip_filler(re.split(r"力争|争取|努力|确保", name)[-1])


def _strip_filler(text: str) -> str:
    text = _DEADLINE_WORDS.sub("", text.replace("□", "")).strip()
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


def _scope(mention: _Mention, sentence: _Sentence, segment_start: int, subject_start: int, region: str | None) -> tuple[str, str]:
    """Whose target it is (每个县, 牵头医院, 全市) and the level it is evaluated at.

    每个/各 + unit binds every unit of that kind, wherever it stands in the sentence. An
    institution or area word binds only within the segment, after any earlier quantity
    (in 50%的机构…、10%的机构… the first population is not the second item's subject).
    A total (县级中医院建设50个专科) is evaluated over the area; a share or measure of each
    acting institution (牵头医院要将20%的号源…) at the institution.
    """
    region_level = regions.level_of(region) if region else regions.CITY
    if mention.form == "one_per_unit":  # 每个行政村…一所村卫生室 binds every village
        base = _ONE_PER_UNIT.match(mention.text).group("base")
        return "每个" + base, _level_of_unit(base)
    # 每个县… binds its own segment, and later ones that name no subject of their own
    # (每个县20%的卫生院…，1—2家达到…), not 力争2家县级中医院… after it.
    elliptical = not _COUNTED_INSTITUTION.match(sentence.masked[mention.end :].lstrip("的"))
    each = list(_EACH_UNIT.finditer(sentence.masked[: mention.start] if elliptical else sentence.masked[segment_start : mention.start]))
    if each:
        unit = each[-1].group("unit")
        return each[-1].group(0), "institution" if _INSTITUTION_UNIT.search(unit) else _level_of_unit(unit)
    subject = sentence.masked[subject_start : mention.start]
    area = _AREA_WORD.search(subject)
    # 三级医院全部开展… binds every 三级医院; in 实现基层医疗机构全覆盖 the institutions are what
    # the area must cover, so the area is whose target it is.
    institution = None if mention.text == "全覆盖" else _subject_institution(subject)
    if institution is None and re.search(r"分别|均", subject):
        # 支持现有基层医疗机构…,分别打造1~2个专科: the distributed subject opens the sentence
        institution = _subject_institution(sentence.masked[: mention.start])
        if institution:
            return _strip_filler(sentence.text[: institution.end()].split(",")[-1].split("，")[-1]), "institution"
    if institution:
        phrase = _strip_filler(sentence.text[subject_start : subject_start + institution.end()])
        phrase = phrase if len(phrase) <= 20 else institution.group(0)
        parenthesis = re.match(r"\([^()]{1,10}\)", sentence.text[subject_start + institution.end() :])
        phrase += parenthesis.group(0) if parenthesis else ""
        if area and area.start() < institution.start():
            return phrase, _AREA_WORDS[area.group(0)]
        acting = _SUBJECT_FOLLOWERS.match(subject, institution.end()) is not None
        return phrase, "institution" if acting and _binds_each_institution(mention, sentence, segment_start) else region_level
    if area:
        return area.group(0), _AREA_WORDS[area.group(0)]
    default = {regions.NATIONAL: "全国", regions.PROVINCE: "全省", regions.CITY: "全市", regions.COUNTY: "全县"}.get(region_level, "全市")
    return default, region_level


def _level_of_unit(unit: str) -> str:
    return next((level for pattern, level in _EACH_UNIT_LEVEL if pattern.search(unit)), regions.COUNTY)


def _subject_start(mention: _Mention, sentence: _Sentence, segment_start: int, spans: list[tuple[int, int]]) -> int:
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
    """The first institution named as a subject (not after 对/向/与: those are objects)."""
    return next((m for m in _INSTITUTION.finditer(subject) if not re.search(r"(?:对|向|与|和|赴)$", subject[: m.start()])), None)


def _binds_each_institution(mention: _Mention, sentence: _Sentence, segment_start: int) -> bool:
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


def _segment_start(masked: str, position: int) -> int:
    breaks = [m.end() for m in _SEGMENT_BREAK.finditer(masked, 0, position)]
    return breaks[-1] if breaks else 0


def _segment_end(masked: str, position: int) -> int:
    following = _SEGMENT_BREAK.search(masked, position)
    return following.start() if following else len(masked)


def _is_chinese(number: str) -> bool:
    return not any(ch.isdigit() for ch in number)
