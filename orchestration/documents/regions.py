"""Chinese administrative regions as documents name and abbreviate them.

Used to read a document number (文号) such as 厦府办〔2024〕2号: the leading
characters abbreviate the issuing region (厦 → 厦门市) and the rest names the
organ (府办 → 人民政府办公厅). The tables cover every province and the
prefecture-level cities that are usually abbreviated in document numbers;
one abbreviation may stand for several places (嘉: 嘉峪关市, 嘉兴市), and the
caller breaks the tie with the place the document itself mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

NATIONAL, PROVINCE, CITY, COUNTY = "national", "province", "city", "county"
NATIONWIDE = "全国"


@dataclass(frozen=True)
class Place:
    name: str  # full name: 山西省, 厦门市
    level: str  # province | city | county
    province: str | None = None  # the province a city belongs to
    sub_provincial: bool = False  # 副省级: its government office is an 办公厅, like a province's

    @property
    def short_name(self) -> str:
        return short_name(self.name)


# (abbreviations used in document numbers, full name)
_PROVINCES = [
    ("京", "北京市"), ("津", "天津市"), ("沪", "上海市"), ("渝", "重庆市"),
    ("冀", "河北省"), ("晋", "山西省"), ("蒙 内蒙古 内蒙", "内蒙古自治区"), ("辽", "辽宁省"),
    ("吉", "吉林省"), ("黑", "黑龙江省"), ("苏", "江苏省"), ("浙", "浙江省"), ("皖", "安徽省"),
    ("闽", "福建省"), ("赣", "江西省"), ("鲁", "山东省"), ("豫", "河南省"), ("鄂", "湖北省"),
    ("湘", "湖南省"), ("粤", "广东省"), ("桂", "广西壮族自治区"), ("琼", "海南省"),
    ("川 蜀", "四川省"), ("黔 贵", "贵州省"), ("云 滇", "云南省"), ("藏", "西藏自治区"),
    ("陕", "陕西省"), ("甘 陇", "甘肃省"), ("青", "青海省"), ("宁", "宁夏回族自治区"),
    ("新", "新疆维吾尔自治区"),
]

# province: "abbreviation city, ..." — a '*' marks a sub-provincial city (副省级).
_CITIES = {
    "河北省": "石 石家庄市, 唐 唐山市, 秦 秦皇岛市, 邯 邯郸市, 邢 邢台市, 保 保定市, 张 张家口市, "
    "承 承德市, 沧 沧州市, 廊 廊坊市, 衡 衡水市",
    "山西省": "并 太原市, 同 大同市, 阳 阳泉市, 长 长治市, 晋城 晋城市, 朔 朔州市, 晋中 晋中市, "
    "运 运城市, 忻 忻州市, 临 临汾市, 吕 吕梁市",
    "甘肃省": "兰 兰州市, 嘉 嘉峪关市, 金 金昌市, 白 白银市, 天 天水市, 武 武威市, 张 张掖市, "
    "平 平凉市, 酒 酒泉市, 庆 庆阳市, 定 定西市, 陇 陇南市",
    "浙江省": "杭 杭州市*, 甬 宁波市*, 温 温州市, 嘉 嘉兴市, 湖 湖州市, 绍 绍兴市, 金 金华市, "
    "衢 衢州市, 舟 舟山市, 台 台州市, 丽 丽水市",
    "福建省": "榕 福州市, 厦 厦门市*, 莆 莆田市, 明 三明市, 泉 泉州市, 漳 漳州市, 南 南平市, "
    "龙 龙岩市, 宁 宁德市",
    "广东省": "穗 广州市*, 深 深圳市*, 珠 珠海市, 汕 汕头市, 佛 佛山市, 韶 韶关市, 湛 湛江市, "
    "肇 肇庆市, 江 江门市, 茂 茂名市, 惠 惠州市, 梅 梅州市, 河 河源市, 阳 阳江市, 清 清远市, "
    "莞 东莞市, 中 中山市, 潮 潮州市, 揭 揭阳市, 云 云浮市",
    "江苏省": "宁 南京市*, 锡 无锡市, 徐 徐州市, 常 常州市, 苏 苏州市, 通 南通市, 连 连云港市, "
    "淮 淮安市, 盐 盐城市, 扬 扬州市, 镇 镇江市, 泰 泰州市, 宿 宿迁市",
    "山东省": "济 济南市*, 青 青岛市*, 淄 淄博市, 枣 枣庄市, 东 东营市, 烟 烟台市, 潍 潍坊市, "
    "济宁 济宁市, 泰 泰安市, 威 威海市, 日 日照市, 临 临沂市, 德 德州市, 聊 聊城市, 滨 滨州市, 菏 菏泽市",
    "河南省": "郑 郑州市, 汴 开封市, 洛 洛阳市, 平 平顶山市, 安 安阳市, 鹤 鹤壁市, 新 新乡市, "
    "焦 焦作市, 濮 濮阳市, 许 许昌市, 漯 漯河市, 三 三门峡市, 宛 南阳市, 商 商丘市, 信 信阳市, "
    "周 周口市, 驻 驻马店市",
    "湖北省": "武 武汉市*, 黄石 黄石市, 十 十堰市, 宜 宜昌市, 襄 襄阳市, 鄂州 鄂州市, 荆门 荆门市, "
    "荆 荆州市, 孝 孝感市, 黄 黄冈市, 咸 咸宁市, 随 随州市",
    "湖南省": "长 长沙市, 株 株洲市, 潭 湘潭市, 衡 衡阳市, 邵 邵阳市, 岳 岳阳市, 常 常德市, "
    "张 张家界市, 益 益阳市, 郴 郴州市, 永 永州市, 怀 怀化市, 娄 娄底市",
    "四川省": "成 成都市*, 自 自贡市, 攀 攀枝花市, 泸 泸州市, 德 德阳市, 绵 绵阳市, 广 广元市, "
    "遂 遂宁市, 内 内江市, 乐 乐山市, 南 南充市, 眉 眉山市, 宜 宜宾市, 广安 广安市, 达 达州市, "
    "雅 雅安市, 巴 巴中市, 资 资阳市",
    "安徽省": "合 合肥市, 芜 芜湖市, 蚌 蚌埠市, 淮南 淮南市, 马 马鞍山市, 淮北 淮北市, 铜 铜陵市, "
    "安庆 安庆市, 黄山 黄山市, 滁 滁州市, 阜 阜阳市, 宿州 宿州市, 六 六安市, 亳 亳州市, 池 池州市, 宣 宣城市",
    "江西省": "洪 南昌市, 景 景德镇市, 萍 萍乡市, 九 九江市, 新余 新余市, 鹰 鹰潭市, 赣州 赣州市, "
    "吉安 吉安市, 宜春 宜春市, 抚 抚州市, 上饶 上饶市",
    "辽宁省": "沈 沈阳市*, 大 大连市*, 鞍 鞍山市, 抚顺 抚顺市, 本 本溪市, 丹 丹东市, 锦 锦州市, "
    "营 营口市, 阜新 阜新市, 辽阳 辽阳市, 盘 盘锦市, 铁 铁岭市, 朝 朝阳市, 葫 葫芦岛市",
    "吉林省": "长 长春市*, 吉林 吉林市, 四 四平市, 辽源 辽源市, 通化 通化市, 白山 白山市, 松 松原市, 白城 白城市",
    "黑龙江省": "哈 哈尔滨市*, 齐 齐齐哈尔市, 鸡 鸡西市, 鹤岗 鹤岗市, 双 双鸭山市, 大庆 大庆市, "
    "伊 伊春市, 佳 佳木斯市, 七 七台河市, 牡 牡丹江市, 黑河 黑河市, 绥 绥化市",
    "陕西省": "西 西安市*, 铜川 铜川市, 宝 宝鸡市, 咸 咸阳市, 渭 渭南市, 延 延安市, 汉 汉中市, "
    "榆 榆林市, 安康 安康市, 商洛 商洛市",
    "云南省": "昆 昆明市, 曲 曲靖市, 玉 玉溪市, 保山 保山市, 昭 昭通市, 丽江 丽江市, 普 普洱市, 临沧 临沧市",
    "贵州省": "筑 贵阳市, 六盘水 六盘水市, 遵 遵义市, 安顺 安顺市, 毕 毕节市, 铜仁 铜仁市",
    "广西壮族自治区": "南宁 南宁市, 柳 柳州市, 桂林 桂林市, 梧 梧州市, 北海 北海市, 钦 钦州市, 玉林 玉林市",
    "海南省": "海 海口市, 三亚 三亚市",
    "内蒙古自治区": "呼 呼和浩特市, 包 包头市, 乌海 乌海市, 赤 赤峰市, 通辽 通辽市, 鄂尔多斯 鄂尔多斯市",
    "宁夏回族自治区": "银 银川市, 石嘴山 石嘴山市, 吴 吴忠市, 固 固原市, 中卫 中卫市",
    "青海省": "西宁 西宁市, 海东 海东市",
    "新疆维吾尔自治区": "乌 乌鲁木齐市, 克 克拉玛依市",
    "西藏自治区": "拉 拉萨市",
}


def _build_places() -> tuple[dict[str, Place], dict[str, list[Place]]]:
    by_name: dict[str, Place] = {}
    by_abbreviation: dict[str, list[Place]] = {}
    # Provinces first, so that for a shared abbreviation (宁, 青) they are the default.
    for abbreviations, name in _PROVINCES:
        place = Place(name, PROVINCE)
        by_name[name] = place
        for abbreviation in abbreviations.split():
            by_abbreviation.setdefault(abbreviation, []).append(place)
    for province, listing in _CITIES.items():
        for entry in listing.split(","):
            abbreviation, name = entry.split()
            place = Place(name.rstrip("*"), CITY, province, sub_provincial=name.endswith("*"))
            by_name[place.name] = place
            by_abbreviation.setdefault(abbreviation, []).append(place)
    return by_name, by_abbreviation


PLACES_BY_NAME, PLACES_BY_ABBREVIATION = _build_places()
_LONGEST_NAME = max(map(len, PLACES_BY_NAME))

_REGION_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "省", "市", "县", "区", "旗", "盟")
# Words that end in 市/县/区 without naming a place: 全市, 本市, 城区, 市县 ...
# function words a phrase may start with (在城市…) and measure words (1家县级医院, 2024年全市).
_NOT_A_PLACE_START = set("全本我各该此其市县区省城郊辖地域两三四五六七八九十每跨在对从向把将被使让为与和及或等但而就都也还又再按经由年月日号家个所名张次")
# Words ending in 区 that name a kind of area, not a district: 社区, 园区, 片区, 示范区 …
_NOT_A_PLACE_END = re.compile(r"(?:社|小|园|城|辖|片|景|校|院|病|专|地|示范|试验|开发|保护|服务|功能|核心|郊|市)区$")
# County names are short: 易县, 高阳县, 杏花岭区.
_GENERIC_PLACE = re.compile(r"[\u4e00-\u9fff]{1,3}?(?:自治县|自治州|市|县|区|旗)")


def short_name(name: str) -> str:
    """山西省 → 山西, 厦门市 → 厦门, 内蒙古自治区 → 内蒙古; two-character names keep their suffix (易县)."""
    for suffix in _REGION_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def level_of(name: str) -> str:
    """The administrative level a place name implies (a municipality counts as a province)."""
    if name == NATIONWIDE:
        return NATIONAL
    known = PLACES_BY_NAME.get(name)
    if known:
        return known.level
    if name.endswith(("省", "自治区")):
        return PROVINCE
    if name.endswith(("市", "自治州", "盟")):
        return CITY
    return COUNTY


def place_at_start(text: str) -> str | None:
    """The place a name such as 山西省人民政府 or 河北省保定市… begins with, the most specific one."""
    found: str | None = None
    rest = text
    for _ in range(3):  # province, city, county: 河北省保定市易县
        name = _known_place_prefix(rest) or _generic_place_prefix(rest)
        if not name:
            break
        found, rest = name, rest[len(name):]
        if level_of(found) == COUNTY:
            break  # nothing lies below a county: 郸城县紧密型县域… names no second county
    return found


@lru_cache(maxsize=4)  # metadata asks several times about the same document
def places_mentioned(text: str) -> tuple[str, ...]:
    """Known province and city names in the text, and county-like names (易县), in order of appearance."""
    names: list[tuple[int, str]] = []
    for name in PLACES_BY_NAME:
        for match in re.finditer(re.escape(name), text):
            names.append((match.start(), name))
    for match in _GENERIC_PLACE.finditer(text):
        name = match.group(0)
        if _plausible_generic_place(name, text, match.start()) and name not in PLACES_BY_NAME:
            names.append((match.start(), name))
    return tuple(name for _, name in sorted(names))


def _known_place_prefix(text: str) -> str | None:
    candidates = [name for name in PLACES_BY_NAME if text.startswith(name)]
    return max(candidates, key=len) if candidates else None


def _generic_place_prefix(text: str) -> str | None:
    match = _GENERIC_PLACE.match(text)
    if match and _plausible_generic_place(match.group(0), text, 0) and not text.startswith("域", match.end()):
        return match.group(0)  # …县域, …市域 speak of an area, not of a place named …县
    return None


def _plausible_generic_place(name: str, text: str, start: int) -> bool:
    if len(name) < 2 or name[0] in _NOT_A_PLACE_START or _NOT_A_PLACE_END.search(name):
        return False
    # A place name starts a phrase: it follows punctuation, a known province/city, or the start.
    before = text[start - 1] if start > 0 else ""
    if before.isdigit():
        return False
    preceding = text[max(0, start - _LONGEST_NAME) : start]
    return before == "" or not ("\u4e00" <= before <= "\u9fff") or any(preceding.endswith(known) for known in PLACES_BY_NAME)
