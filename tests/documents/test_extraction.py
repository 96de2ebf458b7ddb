import pytest

from orchestration.documents.pipeline import process_document
from orchestration.documents.reading import decode_document, read_document

from .conftest import find, seed_path


def extract(text: str, name: str = "probe.txt"):
    return process_document(decode_document(name, text.encode("utf-8"))).targets


def only(targets, mention):
    matching = [t for t in targets if t.mention == mention]
    assert len(matching) == 1, [t.mention for t in targets]
    return matching[0]


PLAN_HEAD = "山西省人民政府办公厅关于印发山西省基层卫生服务能力提升方案的通知\n晋政办发〔2023〕5号\n山西省人民政府办公厅\n2023年3月1日\n"


# --- the seeds -------------------------------------------------------------


def test_ranges_in_the_shanxi_plan(processed):
    shanxi = processed["shanxi"]
    (county_hospitals,) = find(shanxi, "1-2所", "每个县办好")
    assert (county_hospitals.kind, county_hospitals.comparator, county_hospitals.value, county_hospitals.value_max) == ("target", "between", 1, 2)
    assert (county_hospitals.unit, county_hospitals.scope, county_hospitals.evaluation_level) == ("所", "每个县", "county")
    assert county_hospitals.deadline_year == 2025 and county_hospitals.deadline_source == "plan_period"
    (centres,) = find(shanxi, "1-3所")
    assert (centres.value, centres.value_max, centres.scope) == (1, 3, "每个县")
    (baseline,) = find(shanxi, "20-30名")
    assert baseline.kind == "reported_actual"  # 在每年20-30名招生数量的基础上: where the plan starts from
    (aim,) = find(shanxi, "100-150名")
    assert (aim.kind, aim.value, aim.value_max, aim.unit) == ("target", 100, 150, "名")


def test_full_coverage_and_aspiration_in_the_shanxi_plan(processed):
    shanxi = processed["shanxi"]
    (five_centres,) = find(shanxi, "全覆盖", "五大中心")
    assert (five_centres.comparator, five_centres.value, five_centres.unit, five_centres.is_aspirational) == (">=", 100, "%", False)
    (county_tcm,) = find(shanxi, "全覆盖", "县办中医院")
    assert county_tcm.is_aspirational and county_tcm.indicator_name == "县办中医院"
    assert [t.value for t in shanxi.targets if "力争37个" in t.quote and t.is_aspirational] == [37, 10, 3]


def test_names_and_numbers_that_are_not_targets(processed):
    mentions = {t.mention for t in processed["shanxi"].targets}
    quotes = " ".join(t.quote for t in processed["shanxi"].targets if t.mention.startswith(("千", "五", "十", "三")))
    assert not quotes  # 千县工程, “五大中心”, 十四五, 三级医院 are names
    assert "147个" not in mentions  # 对147个学科考核: the population of an action
    assert not any("〔" in t.mention or "号" in t.mention or t.mention.endswith("年") for t in processed["shanxi"].targets)
    assert not find(processed["jiayuguan"], "30种")  # 30种大病80%的患者: sizes the population of the 80%
    assert not any(t.mention in ("99次", "第99次") for t in processed["jiayuguan"].targets)


def test_aspirational_shares_map_to_the_standard_indicators(processed):
    jiayuguan = processed["jiayuguan"]
    (basic,) = find(jiayuguan, "50%")
    (recommended,) = find(jiayuguan, "10%")
    assert (basic.indicator_code, basic.comparator, basic.is_aspirational, basic.deadline_year) == ("thc_basic_standard_share", ">=", True, 2021)
    assert (recommended.indicator_code, recommended.is_aspirational) == ("thc_recommended_standard_share", True)
    (centres,) = find(jiayuguan, "90%", "影像中心")
    assert (centres.indicator_code, centres.comparator) == ("shared_center_coverage", ">=")


def test_village_doctor_standards_in_the_xiamen_plan(processed):
    xiamen = processed["xiamen"]
    standards = [t for t in xiamen.targets if t.kind == "standard"]
    assert [(t.indicator_code, t.comparator, t.value, t.unit, t.deadline_year) for t in standards] == [
        ("village_doctor_density", ">=", 1, "per 1000", None),
        ("village_doctor_density", ">=", 2, "per 1000", None),  # 每五百常住人口一名
    ]
    (area,) = find(xiamen, "1万平方米")
    assert (area.value, area.unit, area.is_aspirational, area.evaluation_level) == (10000, "平方米", True, "institution")


def test_lishui_lead_hospitals_open_slots(processed):
    (slots,) = find(processed["lishui"], "20%")
    assert (slots.indicator_code, slots.comparator, slots.value, slots.scope, slots.evaluation_level) == (
        "opd_slots_to_members_share", ">=", 20, "牵头医院", "institution")
    assert slots.deadline_year == 2025 and slots.region == "丽水市"
    assert slots.responsible_units == ()


def test_baoding_bulletin_reports_actuals(processed):
    baoding = processed["baoding"]
    (share,) = find(baoding, "72.1%")
    assert (share.kind, share.indicator_code, share.comparator, share.region, share.evaluation_level) == (
        "reported_actual", "primary_visit_share", "=", "易县", "county")
    assert share.deadline_year is None
    (visits,) = find(baoding, "32万人次")
    assert (visits.kind, visits.value, visits.unit, visits.indicator_name) == ("reported_actual", 320000, "人次", "门诊量")
    (growth,) = find(baoding, "39.5%")
    assert growth.indicator_name == "门诊量同比增长"
    (managed,) = find(baoding, "75%")
    assert (managed.kind, managed.indicator_code, managed.comparator) == ("reported_actual", "chronic_mgmt_rate", ">=")
    # the bulletin also states aims: those stay targets
    (recommended,) = find(baoding, "20%")
    assert (recommended.kind, recommended.deadline_year, recommended.scope) == ("target", 2025, "每个县(市、区)")
    (all_counties,) = find(baoding, "全部", "9月底前")
    assert (all_counties.kind, all_counties.deadline_year, all_counties.deadline_source) == ("target", 2022, "document_year")
    assert sum(t.kind == "reported_actual" for t in baoding.targets) == 31


def test_quotes_point_at_the_original_text(processed):
    for document in processed.values():
        for target in document.targets:
            assert document.cleaned.text[target.start : target.end] == target.quote
            assert target.source_start < target.source_end
    original = read_document(seed_path("shanxi")).text  # a clean capture: the original span is the quote itself
    for target in processed["shanxi"].targets:
        assert original[target.source_start : target.source_end] == target.quote
    (share,) = find(processed["baoding"], "72.1%")
    raw = read_document(seed_path("baoding")).text[share.source_start : share.source_end]
    assert "72.1%" in raw and "(" in raw  # the original still carries its pinyin


# --- the language of other plans --------------------------------------------


def test_comparator_words():
    targets = extract(PLAN_HEAD + "到2025年，家庭医生签约服务覆盖率不低于75%，医疗费用增长幅度控制在10%以内，"
                      "个人卫生支出占比降至27%以下，平均住院日不超过8天，重点人群签约服务覆盖率保持在85%以上。")
    assert {t.mention: t.comparator for t in targets} == {"75%": ">=", "10%": "<=", "27%": "<=", "8天": "<=", "85%": ">="}
    assert only(targets, "75%").indicator_code == "fd_signing_rate"
    assert only(targets, "85%").indicator_code == "fd_key_pop_signing_rate"
    assert {t.deadline_year for t in targets} == {2025}


def test_chinese_numerals_percent_words_and_rates():
    targets = extract(PLAN_HEAD + "到2025年，百分之三十的乡镇卫生院达到推荐标准，三分之一以上的县级医院达到三级医院水平，"
                      "孕产妇死亡率控制在10/10万以下，婴儿死亡率控制在5‰以下，每个乡镇至少配备两名全科医生。")
    assert only(targets, "百分之三十").value == 30 and only(targets, "百分之三十").indicator_code == "thc_recommended_standard_share"
    assert (only(targets, "三分之一").value, only(targets, "三分之一").comparator) == (33.33, ">=")
    assert (only(targets, "10/10万").unit, only(targets, "10/10万").comparator) == ("per 100000", "<=")
    assert only(targets, "5‰").comparator == "<="
    two = only(targets, "两名")
    assert (two.value, two.comparator, two.scope, two.evaluation_level) == (2, ">=", "每个乡镇", "township")


def test_enumerated_values_share_their_name():
    targets = extract(PLAN_HEAD + "到2025年，高血压、糖尿病患者规范管理率分别达到65%、70%以上。")
    assert [(t.value, t.indicator_code, t.comparator) for t in targets] == [(65, "chronic_mgmt_rate", ">="), (70, "chronic_mgmt_rate", ">=")]


def test_deadlines_stated_relative_and_inherited():
    targets = extract(PLAN_HEAD + "一、主要目标\n到2025年，县域内就诊率达到90%。\n2024年6月底前，建成20个县域医疗次中心。"
                      "年底前，所有村卫生室均接入医保结算。\n二、主要任务\n建设100个标准化村卫生室。")
    assert (only(targets, "90%").deadline_year, only(targets, "90%").deadline_source) == (2025, "stated")
    assert only(targets, "90%").indicator_code == "county_visit_rate"
    assert only(targets, "20个").deadline_year == 2024
    assert (only(targets, "均").deadline_year, only(targets, "均").deadline_source) == (2023, "document_year")
    assert (only(targets, "100个").deadline_year, only(targets, "100个").deadline_source) == (2025, "plan_period")


def test_actuals_inside_a_plan():
    targets = extract(PLAN_HEAD + "截至2022年底，全省家庭医生签约服务覆盖率已达到72.3%，较上年提高3.2个百分点，"
                      "累计培训乡村医生3000余人次。到2025年，签约服务覆盖率达到80%。")
    assert only(targets, "72.3%").kind == "reported_actual" and only(targets, "72.3%").comparator == "="
    assert only(targets, "3.2个百分点").kind == "reported_actual"
    assert (only(targets, "3000余人次").kind, only(targets, "3000余人次").comparator) == ("reported_actual", ">=")
    assert only(targets, "80%").kind == "target"


def test_per_population_levels_are_targets_and_norms_are_standards():
    targets = extract(PLAN_HEAD + "到2025年，每千常住人口执业(助理)医师数达到3.2人。按照每万名居民配备2—3名全科医生的标准配置。")
    physicians = only(targets, "每千常住人口执业(助理)医师数达到3.2人")
    assert (physicians.kind, physicians.unit, physicians.value, physicians.deadline_year) == ("target", "per 1000", 3.2, 2025)
    gps = [t for t in targets if t.unit == "per 10000"][0]
    assert (gps.kind, gps.comparator, gps.value, gps.value_max) == ("standard", "between", 2, 3)


@pytest.mark.parametrize(
    "sentence",
    [
        "实施千名医师下基层行动，推进“十四五”规划和“五大中心”建设。",
        "学习三明医改经验，落实“两个允许”要求，推行“1+N”模式。",
        "根据《某省卫生健康事业发展2021年计划》(某政发〔2021〕12号)精神，经市政府第99次常务会议研究。",
        "65岁以上老年人和0-6岁儿童，联系电话0371-12345678，12345热线和120急救，时间为17:30—21:00。",
        "2022年1月18日成立集团，连续3年考核优秀，三级医院、二级医院和一级医疗机构。",
        "所有医疗卫生机构都要落实疾病预防控制职责，全面推行一站式服务。",
    ],
)
def test_no_false_positives_in_policy_boilerplate(sentence):
    assert extract(PLAN_HEAD + sentence) == []


def test_indicator_tables_give_targets_and_baselines():
    table = (
        "某市卫生健康事业发展“十四五”规划\n表1 主要发展指标\n"
        "序号\t指标\t单位\t2020年\t2025年\t指标属性\n"
        "1\t县域内就诊率\t%\t85\t90\t预期性\n"
        "2\t孕产妇死亡率\t/10万\t15\t≤12\t约束性\n"
        "二、主要任务\n"
    )
    targets = extract(table)
    assert [(t.kind, t.indicator_code, t.value, t.unit, t.comparator, t.deadline_year) for t in targets] == [
        ("reported_actual", "county_visit_rate", 85, "%", "=", None),
        ("target", "county_visit_rate", 90, "%", ">=", 2025),
        ("reported_actual", None, 15, "per 100000", "=", None),
        ("target", None, 12, "per 100000", "<=", 2025),
    ]


def test_tables_from_a_pdf_text_layer_and_from_html():
    pdf_like = "序号 主要指标 2020年 2025年 属性\n1 基层医疗卫生机构诊疗量占比(%) 55 65 预期性\n"
    assert [(t.kind, t.indicator_code, t.value, t.unit) for t in extract(pdf_like)] == [
        ("reported_actual", "primary_visit_share", 55, "%"), ("target", "primary_visit_share", 65, "%")]
    html = ("<table><tr><th>指标</th><th>2022年</th><th>2025年</th></tr>"
            "<tr><td>高血压患者规范管理率(%)</td><td>60</td><td>≥70</td></tr></table>")
    assert [(t.kind, t.indicator_code, t.value) for t in extract(html, "plan.html")] == [
        ("reported_actual", "chronic_mgmt_rate", 60), ("target", "chronic_mgmt_rate", 70)]


def test_a_past_year_in_a_plan_is_an_actual_and_each_unit_binds_only_elliptical_counts():
    targets = extract(PLAN_HEAD + "2022年，全省县域内就诊率为87.6%。每个县(区)至少1家县级医院达到三级水平，力争2家县级中医院达到三级水平。")
    assert (only(targets, "87.6%").kind, only(targets, "87.6%").deadline_year) == ("reported_actual", None)
    assert (only(targets, "1家").scope, only(targets, "1家").evaluation_level) == ("每个县(区)", "county")
    assert (only(targets, "2家").scope, only(targets, "2家").is_aspirational) == ("全省", True)
