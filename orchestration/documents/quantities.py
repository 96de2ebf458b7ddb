"""Where the quantities of a sentence are: numbers with units, ratios, norms, coverage claims.

This module only finds them; extraction.py decides what each one means (kind,
comparator, deadline, scope). A quantity is

* a number with a unit: 20%, 1-3所, 20—30名, 1万平方米, 32万人次 → 320000,
  4200余万元, 10/10万, 5‰, 百分之三十, 三分之一, 九成以上, 翻一番 (→ 2 倍);
* a per-population ratio: 每千常住人口…1名 (每五百…一名 is normalised to 2 per 1000);
* a one-per-unit norm: 一个行政村一所村卫生室, 每个乡镇原则上办好1所乡镇卫生院;
* a coverage claim: 全覆盖, 全部/均 + an attainment verb, 所有…都要接入, 覆盖全部… → 100%.

Sentences arrive masked: quotations, titles, document numbers, responsibility
parentheticals and clause numbers are blanked out, so “五大中心”, 《…65%…》 and
国办发〔2023〕3号 never yield a quantity. Years, dates, clock times, ordinals
(第99次), ages (65岁以上) and ranks (三级医院) are not quantities either, nor are
Chinese numerals unless a provisioning verb precedes them (配备两名, 建设一至两个):
most of them are names (三明, 千县工程, 十四五, 一院一特色).

Some quantities are not items: a count that only sizes the population of another
claim (250个病种全部…, 30种大病80%的患者…, 对147个学科考核), a count of actors
(等10个部门联合印发) and a threshold that picks out whom a measure applies to
(对互认率低于80%的医疗机构进行通报) are dropped here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orchestration.documents.numerals import PER_BASE, parse_number, parse_percent, population_base

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

_ARABIC = r"\d+(?:\.\d+)?[万亿]?"
_CHINESE = r"[零〇两一二三四五六七八九十百千万亿]+"
_UNITS = (
    "个百分点|百分点|平方米|公里|千米|分钟|小时|人次|例次|项次|场次|床位|个月|元|名|个|所|家|张|人|次|倍|项|批|种|类|例|期|支|台|辆|套|座|户|间|门|条|篇|床|天|秒|级|岁|场"
)
_RANGE = r"\s*[-－—–~～至到]\s*"
# 20-30名, 1—2家, 20%-30%, 1.4亿元, 2万余人, 4200余万元, 50个左右, 1000名以上, 1台DR
_QUANTITY = re.compile(
    rf"(?<![\d.A-Za-z])(?P<low>{_ARABIC}|{_CHINESE})(?P<low_percent>%)?(?:{_RANGE}(?P<high>{_ARABIC}|{_CHINESE}))?"
    rf" ?(?P<more>余|多)?(?P<scale>[万亿])? ?(?P<unit>%|‰|{_UNITS})(?![a-z\d])"
)
# 孕产妇死亡率控制在10/10万以下: a rate per ten or hundred thousand
_PER_BASE_RATE = re.compile(r"(?<![\d.])(?P<value>\d+(?:\.\d+)?)\s*/\s*(?P<base>10万|十万|100000|1万|万|1000|千)(?!\d)")
_PERCENT_WORDS = re.compile(
    r"百分之(?P<number>[零〇两一二三四五六七八九十百\d.]+)|(?P<whole>[一二三四五六七八九十百千\d]+)分之(?P<part>[一二三四五六七八九十百千\d]+)"
    r"|(?P<tenths>[一二两三四五六七八九])成(?=以上|以下|左右|的|[,，。;；]|$)"  # 九成以上: 90%
)
# 远程医疗服务量翻一番: a multiple of the baseline
_DOUBLING = re.compile(r"翻(?P<times>一|两|二|三)番")
# 人均预期寿命达到78.3岁: 岁 measures a life span; elsewhere (65岁以上) it is an age.
_LIFE_SPAN = re.compile(r"寿命")
# 电子病历应用水平达到4级: 级 measures a level; 三级医院, 2级甲等 name a rank.
_RANK_AFTER = re.compile(r"[医甲乙丙综公专]")
# 每千常住人口…1名, 每一千常住人口左右配备一名, 每万名城乡居民拥有2—3名
_PER_POPULATION = re.compile(
    rf"每(?P<base>{_CHINESE}|\d+(?:\.\d+)?[万千]?)?(?:名)?(?:常住|服务|户籍|农村|城乡)?(?:人口|居民)(?:左右)?"
    rf"(?P<between>[^,，。;；]{{0,24}}?)(?P<value>\d+(?:\.\d+)?|{_CHINESE})(?:{_RANGE}(?P<value_max>\d+(?:\.\d+)?))?\s*(?P<unit>名|人|张|个|所|家)"
)
_PROVIDES = re.compile(r"^(?:配备|配置|拥有|设置|有)")
# 一个行政村一所村卫生室, 每个乡镇原则上办好1所政府举办的乡镇卫生院: one thing of a kind for every unit
# of another. The thing must close the phrase: 每个县至少有1家县级医院达到二级甲等 is a target about hospitals.
ONE_PER_UNIT = re.compile(
    r"(?:每|一)个(?P<base>行政村|村|乡镇|乡|镇|街道|社区|县|县区|市)(?:原则上)?(?:至少)?(?:设置|设立|建设|配备|办好|举办|有)?(?P<value>一|1)(?P<unit>所|个|名|家)"
    r"(?P<thing>(?:[\u4e00-\u9fff]{1,6}的)?[\u4e00-\u9fff]{2,8}?)(?=[”\"’」,，。;；、)）]|的|$)"
)
# Verbs that make 全部/均/所有 a measurable claim (全部接入, 均达到); 全部落实职责 is not one.
ATTAINMENT_VERBS = "实现|接入|开展|达到|达标|纳入|推开|整改|增加|建成|组建|建立|完成|设立|设置|配备|配齐|覆盖|上线|联网|具备|签约|转为|开通|使用|用于|提供"
_COVERAGE = re.compile(
    rf"全覆盖"
    rf"|(?:全部|均)(?:都|均|将|已|要|能|可|已经|得到)?(?={ATTAINMENT_VERBS}|在)"
    rf"|所有(?=[\u4e00-\u9fff、()]{{2,16}}?(?:都|均)?(?:要|应|已|将|能够|能|可)?(?:{ATTAINMENT_VERBS}))"
    rf"|(?<=覆盖)(?:全部|所有)"  # 远程医疗服务覆盖全部县级医院
)
# Comparator words written before a number; extraction.py reads them for the comparator too.
AT_LEAST_WORDS = "不低于|不少于|不小于|至少|最少|达到|超过|高于|大于|保持在|稳定在|维持在|提高到|提高至|提升到|提升至|增加到|增加至|增长到|增长至|增至|扩大到|扩大至|达"
AT_MOST_WORDS = "不超过|不高于|不大于|低于|少于|小于|控制在|降至|降低到|降低至|下降到|下降至|压缩到|压缩至|缩短到|缩短至|减少到|减少至"
COMPARATOR_BEFORE = re.compile(rf"(?P<at_least>{AT_LEAST_WORDS})|(?P<at_most>{AT_MOST_WORDS})|(?P<towards>[至到])")
# What may stand before 九成 as a share: a comparator, 占, or the start of a clause
_TENTHS_BEFORE = re.compile(rf"(?:{AT_LEAST_WORDS}|{AT_MOST_WORDS}|[至到为占约近超逾,，、]|^)\s*$")
_POPULATION_BEFORE = re.compile(r"(?:对|针对)[\u4e00-\u9fff]{0,4}$")
# 对互认率低于80%的医疗机构进行通报: the number selects whom a measure applies to
_CONDITION_BEFORE = re.compile(r"(?:对|对于|凡)[^,，]*$")
_CONDITION_AFTER = re.compile(
    r"^(?:及以上|以上|及以下|以下|以内)?的[\u4e00-\u9fff()、]{1,20}?(?:进行|予以|给予|实行|实施|采取|通报|约谈|核减|扣减|暂停|取消)"
)
# 国家卫生健康委等10个部门联合印发: a count of actors, not an aim
_ACTORS_AFTER = re.compile(r"^(?:部门|单位|部委|方面|成员单位)")
# Chinese numerals are quantities only after these (配备两名, 建设一至两个)
_CHINESE_NUMERAL_VERBS = re.compile(r"(?:配备|配置|配齐|至少|不少于|不低于|达到|超过|增加|新增|培养|招录|招收|建设|建成|新建|打造|选派|遴选|设立|设置)$")
SEGMENT_BREAK = re.compile(r"[,，]")


@dataclass(frozen=True)
class Mention:
    """A quantity as written in a sentence, with its value read."""

    start: int  # within the sentence
    end: int
    text: str
    value: float | int
    value_max: float | int | None
    unit: str
    form: str  # number | percent_words | per_population | one_per_unit | coverage | multiple
    name_hint: str | None = None  # the measured thing when the pattern itself says it
    more_than: bool = False  # 1000余人次


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned text and its masked copy (see the module docstring)."""

    start: int  # in the cleaned text
    text: str
    masked: str  # the same length, quotations and titles blanked out


# ---------------------------------------------------------------------------
# Finding them
# ---------------------------------------------------------------------------


def find_mentions(sentence: Sentence) -> list[Mention]:
    """Every quantity of the sentence that may be an item, in reading order.

    Ratios and norms are read first: their numbers (每千人口…1名) are not read again alone.
    """
    found = _ratio_mentions(sentence)
    taken = [(m.start, m.end) for m in found]
    for mention in _number_mentions(sentence) + _coverage_mentions(sentence):
        if not any(start < mention.end and mention.start < end for start, end in taken):
            found.append(mention)
            taken.append((mention.start, mention.end))
    ordered = sorted(found, key=lambda m: m.start)
    return [m for m in _without_population_counts(ordered, sentence) if not _is_condition(m, sentence)]


def _ratio_mentions(sentence: Sentence) -> list[Mention]:
    """Per-population ratios (每千常住人口…1名) and one-per-unit norms (一个行政村一所村卫生室).

    They are read on the unmasked text: a norm is often quoted as a principle (按照“一个…”的原则).
    """
    mentions = []
    for match in _PER_POPULATION.finditer(sentence.text):
        base = population_base(match.group("base"))
        value = parse_number(match.group("value"))
        value_max = parse_number(match.group("value_max") or "")
        if not base or value is None:
            continue
        # 每五百常住人口一名 → 2 per 1000, the catalogue's unit; 每千/每万/每十万 stay as written.
        per = base if base in (1000, 10_000, 100_000) else 1000
        normalised, normalised_max = (_per(value, base, per), _per(value_max, base, per) if value_max is not None else None)
        # …1名合格的全科医生, …不少于1名的比例配备乡村医生: the thing is the noun after
        thing = re.match(r"(?:的?(?:比例|标准)(?:配备|配置)?)?(?:合格的)?(?P<thing>[\u4e00-\u9fff]{2,12})", sentence.text[match.end():])
        between = COMPARATOR_BEFORE.sub("", _PROVIDES.sub("", match.group("between").strip()))
        between = re.sub(r"^[的、\s]+|[的、\s]+$", "", _PROVIDES.sub("", between))
        name = between or (thing.group("thing") if thing else "")
        mentions.append(Mention(match.start(), match.end(), match.group(0), normalised, normalised_max, f"per {per}", "per_population", name))
    for match in ONE_PER_UNIT.finditer(sentence.text):
        mentions.append(
            Mention(match.start(), match.end(), match.group(0), 1, None, f"{match.group('unit')} per {match.group('base')}", "one_per_unit", match.group("thing"))
        )
    return mentions


def _per(value: float | int, base: int, per: int) -> float | int:
    scaled = round(value * per / base, 4)
    return int(scaled) if float(scaled).is_integer() else scaled


def _number_mentions(sentence: Sentence) -> list[Mention]:
    mentions = []
    masked = sentence.masked
    for match in _QUANTITY.finditer(masked):
        start, end = match.span()
        before = masked[:start]
        if before.endswith("第") or re.search(r"\d[:：]$", before) or masked[end : end + 1] in (":", "："):
            continue  # ordinal or clock time
        unit = match.group("unit")
        if unit == "岁" and not _LIFE_SPAN.search(masked[start_of_segment(masked, start) : start]):
            continue  # 65岁以上老年人: an age, not a quantity
        if unit == "级" and (_is_chinese(match.group("low")) or _RANK_AFTER.match(masked[end:])):
            continue  # 三级医院, 二级甲等: a rank; 应用水平达到4级 is a level
        low, high = parse_number(match.group("low")), parse_number(match.group("high") or "")
        if low is None or (match.group("high") and high is None):
            continue
        if _is_chinese(match.group("low")) and not (max(low, high or 0) >= 2 and _CHINESE_NUMERAL_VERBS.search(before)):
            continue  # 十类人群, 三个清单, 一支队伍: idiom or name, not an aim
        if high is not None and high < low:
            continue
        scale = {"万": 10_000, "亿": 100_000_000}.get(match.group("scale") or "", 1)  # 4200余万元
        low, high = _scaled(low, scale), _scaled(high, scale) if high is not None else None
        mentions.append(Mention(start, end, sentence.text[start:end], low, high, unit, "number", more_than=bool(match.group("more"))))
    for match in _PER_BASE_RATE.finditer(masked):
        value = parse_number(match.group("value"))
        unit = f"per {PER_BASE[match.group('base')]}"
        mentions.append(Mention(match.start(), match.end(), sentence.text[match.start() : match.end()], value, None, unit, "number"))
    for match in _PERCENT_WORDS.finditer(masked):
        if match.group("tenths") and not _TENTHS_BEFORE.search(masked[: match.start()]):
            continue  # 统一成…, 唯一成…: the numeral belongs to a word; 达到两成, 九成以上的 measure
        value = parse_percent(match.group(0))
        if value is not None:
            mentions.append(Mention(match.start(), match.end(), match.group(0), value, None, "%", "percent_words"))
    for match in _DOUBLING.finditer(masked):
        times = parse_number(match.group("times"))
        mentions.append(Mention(match.start(), match.end(), match.group(0), 2**times, None, "倍", "multiple"))
    return mentions


def _scaled(value: float | int, scale: int) -> float | int:
    scaled = round(value * scale, 6)
    return int(scaled) if float(scaled).is_integer() else scaled


def _coverage_mentions(sentence: Sentence) -> list[Mention]:
    """全覆盖 / 全部 / 均 / 所有 claims; one per segment (所有乡镇卫生院均达到… is one claim).

    全部/均 before a number of the same segment distribute that number (均达到70%): no claim of their own.
    """
    by_segment: dict[int, Mention] = {}
    for match in _COVERAGE.finditer(sentence.masked):
        rest = sentence.masked[match.end() : end_of_segment(sentence.masked, match.end())]
        if match.group(0) != "全覆盖" and re.search(r"\d|百分之", rest):
            continue
        mention = Mention(match.start(), match.end(), match.group(0), 100, None, "%", "coverage")
        by_segment[start_of_segment(sentence.masked, match.start())] = mention  # the last, nearest its verb
    return list(by_segment.values())


def _without_population_counts(mentions: list[Mention], sentence: Sentence) -> list[Mention]:
    """Drop counts that only size the population of another claim in their segment."""
    kept = []
    for mention in mentions:
        segment_end = end_of_segment(sentence.masked, mention.end)
        later = [other for other in mentions if mention.end <= other.start < segment_end]
        is_count = mention.form == "number" and mention.unit not in ("%", "‰")
        sized_claim = any(other.form == "coverage" or other.unit == "%" for other in later)
        addressed = _POPULATION_BEFORE.search(sentence.masked[: mention.start])
        actors = _ACTORS_AFTER.match(sentence.masked[mention.end :])
        if is_count and (sized_claim or addressed or actors):
            continue
        kept.append(mention)
    return kept


def _is_condition(mention: Mention, sentence: Sentence) -> bool:
    """对互认率低于80%的医疗机构进行通报: the number picks out whom the measure is for."""
    segment_start = start_of_segment(sentence.masked, mention.start)
    return bool(
        _CONDITION_BEFORE.search(sentence.masked[segment_start : mention.start]) and _CONDITION_AFTER.match(sentence.masked[mention.end :])
    )


# ---------------------------------------------------------------------------


def start_of_segment(masked: str, position: int) -> int:
    breaks = [m.end() for m in SEGMENT_BREAK.finditer(masked, 0, position)]
    return breaks[-1] if breaks else 0


def end_of_segment(masked: str, position: int) -> int:
    following = SEGMENT_BREAK.search(masked, position)
    return following.start() if following else len(masked)


def _is_chinese(number: str) -> bool:
    return not any(ch.isdigit() for ch in number)
