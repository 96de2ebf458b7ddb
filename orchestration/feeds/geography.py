"""The real places the seed documents name, with their administrative division codes.

Provinces, cities and counties here are real (GB/T 2260 codes). Below the county everything
is generated (see reference.py), except the 丽水 city-consortium grid, which is copied from
the annex (附件3 丽水市城市医联体网格) of seed document 001.
嘉峪关 has no formal county-level divisions; its three 区 get codes 620201-620203 here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class County:
    code: str
    name: str

    @property
    def division_type(self) -> str:
        """市辖区 are urban; 县 and 县级市 are mostly rural and run a 县域医共体."""
        if self.name.endswith("区"):
            return "市辖区"
        if self.name.endswith("市"):
            return "县级市"
        return "县"


@dataclass(frozen=True)
class City:
    code: str
    name: str
    counties: tuple[County, ...]
    seed_county_codes: tuple[str, ...]  # the counties the small seed tier keeps


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    cities: tuple[City, ...]


def _counties(pairs: str) -> tuple[County, ...]:
    return tuple(County(code, name) for code, name in (item.split(":") for item in pairs.split()))


PROVINCES: tuple[Province, ...] = (
    Province("350000", "福建省", (
        City("350200", "厦门市", _counties(
            "350203:思明区 350205:海沧区 350206:湖里区 350211:集美区 350212:同安区 350213:翔安区"),
            ("350203", "350205", "350206", "350211", "350212", "350213")),
    )),
    Province("330000", "浙江省", (
        City("331100", "丽水市", _counties(
            "331102:莲都区 331121:青田县 331122:缙云县 331123:遂昌县 331124:松阳县 331125:云和县 "
            "331126:庆元县 331127:景宁畲族自治县 331181:龙泉市"),
            ("331102", "331121", "331125")),
    )),
    Province("620000", "甘肃省", (
        City("620200", "嘉峪关市", _counties("620201:雄关区 620202:镜铁区 620203:长城区"),
             ("620201", "620202", "620203")),
    )),
    Province("130000", "河北省", (
        City("130600", "保定市", _counties(
            "130602:竞秀区 130606:莲池区 130607:满城区 130623:涞水县 130624:阜平县 130627:唐县 "
            "130628:高阳县 130633:易县"),
            ("130602", "130623", "130624", "130627", "130628", "130633")),
    )),
    Province("140000", "山西省", (
        City("140100", "太原市", _counties(
            "140105:小店区 140106:迎泽区 140107:杏花岭区 140108:尖草坪区 140109:万柏林区 140110:晋源区 "
            "140121:清徐县 140122:阳曲县 140123:娄烦县 140181:古交市"), ("140105",)),
        City("140200", "大同市", _counties(
            "140212:新荣区 140213:平城区 140214:云冈区 140215:云州区 140221:阳高县 140222:天镇县 "
            "140223:广灵县 140224:灵丘县 140225:浑源县 140226:左云县"), ("140224",)),
        City("140300", "阳泉市", _counties("140302:城区 140303:矿区 140311:郊区 140321:平定县 140322:盂县"),
             ("140322",)),
        City("140400", "长治市", _counties(
            "140403:潞州区 140404:上党区 140405:屯留区 140406:潞城区 140423:襄垣县 140425:平顺县 "
            "140426:黎城县 140427:壶关县 140428:长子县 140429:武乡县 140430:沁县 140431:沁源县"), ("140403",)),
        City("140500", "晋城市", _counties(
            "140502:城区 140521:沁水县 140522:阳城县 140524:陵川县 140525:泽州县 140581:高平市"), ("140522",)),
        City("140600", "朔州市", _counties(
            "140602:朔城区 140603:平鲁区 140621:山阴县 140622:应县 140623:右玉县 140681:怀仁市"), ("140622",)),
        City("140700", "晋中市", _counties(
            "140702:榆次区 140703:太谷区 140721:榆社县 140722:左权县 140723:和顺县 140724:昔阳县 "
            "140725:寿阳县 140727:祁县 140728:平遥县 140729:灵石县 140781:介休市"), ("140728",)),
        City("140800", "运城市", _counties(
            "140802:盐湖区 140821:临猗县 140822:万荣县 140823:闻喜县 140824:稷山县 140825:新绛县 "
            "140826:绛县 140827:垣曲县 140828:夏县 140829:平陆县 140830:芮城县 140881:永济市 "
            "140882:河津市"), ("140802",)),
        City("140900", "忻州市", _counties(
            "140902:忻府区 140921:定襄县 140922:五台县 140923:代县 140924:繁峙县 140925:宁武县 "
            "140926:静乐县 140927:神池县 140928:五寨县 140929:岢岚县 140930:河曲县 140931:保德县 "
            "140932:偏关县 140981:原平市"), ("140922",)),
        City("141000", "临汾市", _counties(
            "141002:尧都区 141021:曲沃县 141022:翼城县 141023:襄汾县 141024:洪洞县 141025:古县 "
            "141026:安泽县 141027:浮山县 141028:吉县 141029:乡宁县 141030:大宁县 141031:隰县 "
            "141032:永和县 141033:蒲县 141034:汾西县 141081:侯马市 141082:霍州市"), ("141024",)),
        City("141100", "吕梁市", _counties(
            "141102:离石区 141121:文水县 141122:交城县 141123:兴县 141124:临县 141125:柳林县 "
            "141126:石楼县 141127:岚县 141128:方山县 141129:中阳县 141130:交口县 141181:孝义市 "
            "141182:汾阳市"), ("141102",)),
    )),
)

# The province tier expands this province to every real county; the others keep their seed counties.
EXPANDED_PROVINCE_CODE = "140000"

LISHUI_GRID_COUNTY_CODE = "331102"  # 莲都区: every institution of the annex lies in it


@dataclass(frozen=True)
class GridCluster:
    """One 基层片区健共体 of the 丽水 grid: its township members, the first one leading."""

    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class GridConsortium:
    lead_hospital: str
    clusters: tuple[GridCluster, ...]


# 附件3 as printed. `市本级` is not a 片区 by name but groups the two city-level 卫生院 the
# same way, which makes the five groups the brief counts.
LISHUI_GRID: tuple[GridConsortium, ...] = (
    GridConsortium("丽水市中心医院", (
        GridCluster("万象片区", ("万象街道社区卫生服务中心", "联城街道社区卫生服务中心", "碧湖镇石牛卫生院",
                              "碧湖镇高溪卫生院", "碧湖镇平原卫生院", "峰源乡卫生院")),
        GridCluster("市本级", ("水阁卫生院", "富岭卫生院")),
    )),
    GridConsortium("丽水市人民医院", (
        GridCluster("岩泉片区", ("岩泉街道社区卫生服务中心", "岩泉街道枫树湾卫生院", "岩泉街道双黄卫生院",
                              "雅溪镇中心卫生院", "黄村乡卫生院", "雅溪镇泄川卫生院")),
        GridCluster("紫金片区", ("紫金街道社区卫生服务中心", "紫金街道水东卫生院", "老竹畲族镇中心卫生院",
                              "丽新畲族乡卫生院", "雅溪镇西溪卫生院")),
    )),
    GridConsortium("丽水市中医院", (
        GridCluster("白云片区", ("白云街道社区卫生服务中心", "大港头镇中心卫生院", "仙渡乡卫生院", "太平乡卫生院",
                              "太平乡巨溪卫生院")),
    )),
)

# The township each annex member lies in; the annex names it in the prefix, except for the two
# city-level 卫生院, which are placed in the 街道 of the same name.
LISHUI_GRID_TOWNSHIPS: dict[str, str] = {
    "万象街道": "街道", "联城街道": "街道", "岩泉街道": "街道", "紫金街道": "街道", "白云街道": "街道",
    "水阁街道": "街道", "富岭街道": "街道", "碧湖镇": "镇", "雅溪镇": "镇", "老竹畲族镇": "镇",
    "大港头镇": "镇", "峰源乡": "乡", "黄村乡": "乡", "丽新畲族乡": "乡", "仙渡乡": "乡", "太平乡": "乡",
}
