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


# --- other regions' wording (the held-out documents taught these; each rule is general) ----


REPORT_HEAD = "某市卫生健康委员会2023年基层卫生健康工作总结\n某市卫生健康委员会\n2024年1月15日\n"


def test_a_section_about_the_past_reports_actuals_and_a_report_section_about_the_future_states_targets():
    plan = extract(PLAN_HEAD + "一、发展基础\n全省共有医疗卫生机构8.2万个，县域内就诊率达到88.2%。\n"
                   "二、主要任务\n县域内就诊率达到90%。\n")
    assert [(t.value, t.kind) for t in plan] == [(82000, "reported_actual"), (88.2, "reported_actual"), (90, "target")]
    report = extract(REPORT_HEAD + "一、2023年工作开展情况\n全市签约服务覆盖率达到41.2%。\n"
                     "二、2024年工作打算\n新增社区医院5家，签约服务覆盖率力争达到43%以上。\n")
    assert (only(report, "41.2%").kind, only(report, "41.2%").deadline_year) == ("reported_actual", None)
    assert [(t.kind, t.deadline_year, t.deadline_source) for t in report if t.mention in ("5家", "43%")] == [
        ("target", 2024, "section"), ("target", 2024, "section")]


def test_start_years_and_five_year_plan_periods_are_read_as_such():
    head = "某市人民政府办公室关于印发某市家庭医生签约服务提升行动方案(2023—2025年)的通知\n某政办发〔2023〕9号\n某市人民政府办公室\n2023年6月1日\n"
    targets = extract(head + "从2023年开始，签约服务覆盖率每年提升1—3个百分点。“十四五”期间，累计招聘基层卫生人才3000名以上。")
    assert (only(targets, "1—3个百分点").deadline_year, only(targets, "1—3个百分点").deadline_source) == (2025, "plan_period")
    talent = only(targets, "3000名")
    assert (talent.kind, talent.deadline_year, talent.comparator) == ("target", 2025, ">=")


def test_an_annual_task_list_issued_as_a_quoted_title_is_due_its_own_year():
    head = "某省人民政府办公厅关于印发《某省深化医药卫生体制改革2024年重点工作任务》的通知\n某政办发〔2024〕21号\n"
    (slots,) = extract(head + "牵头医院拿出不少于20%的专家号源向基层医疗卫生机构开放。")
    assert (slots.deadline_year, slots.deadline_source, slots.indicator_code) == (2024, "plan_period", "opd_slots_to_members_share")
    assert (slots.scope, slots.evaluation_level) == ("牵头医院", "institution")


def test_thresholds_past_budgets_and_distributive_words_are_not_items():
    targets = extract(PLAN_HEAD + "将互认工作纳入绩效考核，对互认率低于80%的医疗机构进行通报。"
                      "2022年，省级财政已安排补助资金1200万元。省财政每年安排不少于1500万元用于绩效激励。"
                      "到2025年，高血压、糖尿病患者规范管理率均达到70%以上。")
    assert [(t.mention, t.kind, t.comparator) for t in targets] == [("1500万元", "target", ">="), ("70%", "target", ">=")]
    assert only(targets, "1500万元").value == 15_000_000


def test_units_and_number_words_of_other_documents():
    targets = extract(PLAN_HEAD + "全年互认37.6万项次，节约费用4200余万元。调阅响应时间不超过3秒，电子病历系统应用水平达到4级以上，"
                      "三级医院和二级甲等医院同步推进。人均预期寿命达到78.3岁，65岁以上老年人健康管理率达到70%。"
                      "九成以上的村卫生室实现医保结算，远程医疗服务量翻一番，支持每个县建设一至两个县域医疗次中心。"
                      "每个乡镇卫生院至少配备1台DR，派驻时间不少于6个月，开展义诊56场。")
    found = {t.mention: (t.value, t.value_max, t.unit, t.comparator) for t in targets}
    assert found == {
        "37.6万项次": (376000, None, "项次", "="), "4200余万元": (42_000_000, None, "元", ">="),
        "3秒": (3, None, "秒", "<="), "4级": (4, None, "级", ">="), "78.3岁": (78.3, None, "岁", ">="),
        "70%": (70, None, "%", ">="), "九成": (90, None, "%", ">="), "翻一番": (2, None, "倍", ">="),
        "一至两个": (1, 2, "个", "between"), "1台": (1, None, "台", ">="), "6个月": (6, None, "个月", ">="),
        "56场": (56, None, "场", "="),
    }
    assert only(targets, "78.3岁").indicator_name == "人均预期寿命" and only(targets, "1台").indicator_name == "DR"
    assert only(targets, "1台").kind == "standard"  # 每个乡镇卫生院至少配备…: a norm for each unit


def test_changes_enumerations_and_lower_is_better_comparators():
    targets = extract(PLAN_HEAD + "到2025年，重复检查率较2022年下降5个百分点，每个乡镇卫生院至少配备1名公共卫生医师、1名中医类别医师。")
    fall = only(targets, "5个百分点")
    assert (fall.comparator, fall.indicator_name) == (">=", "重复检查率下降")
    assert [t.comparator for t in targets if t.unit == "名"] == [">=", ">="]
    table = extract("某省卫生健康“十四五”规划\n指标 | 2020年 | 2025年 | 属性\n婴儿死亡率(‰) | 4.47 | 4.5 | 预期性\n"
                    "每千人口执业(助理)医师数(人) | 2.7 | 3.2 | 预期性\n个人卫生支出占卫生总费用的比重(%) | 27.9 | 27左右 | 约束性\n")
    assert [(t.kind, t.value, t.unit, t.comparator) for t in table if t.kind == "target"] == [
        ("target", 4.5, "‰", "<="), ("target", 3.2, "per 1000", ">="), ("target", 27, "%", "=")]


def test_norms_stated_as_a_rule_are_standards_but_an_actors_aim_is_a_target():
    targets = extract(PLAN_HEAD + "每名家庭医生签约居民数原则上不超过2000人。原则上牵头医院要将至少20%的门诊号源向成员单位开放。"
                      "每个行政村原则上设置1所村卫生室，村卫生室按照每千服务人口不少于1名的比例配备乡村医生。")
    assert (only(targets, "2000人").kind, only(targets, "2000人").scope, only(targets, "2000人").evaluation_level) == (
        "standard", "每名家庭医生", "institution")
    assert only(targets, "20%").kind == "target"
    village = [t for t in targets if t.unit == "所 per 行政村"][0]
    assert (village.kind, village.scope, village.indicator_name) == ("standard", "每个行政村", "村卫生室")
    doctors = [t for t in targets if t.unit == "per 1000"][0]
    assert (doctors.kind, doctors.comparator, doctors.indicator_code) == ("standard", ">=", "village_doctor_density")


def test_an_opening_hedge_frames_the_sentence_but_a_hedge_after_a_subject_does_not():
    framed = extract(PLAN_HEAD + "力争年底前县域内就诊率稳定在90%以上，基层就诊率达到65%。")
    assert [t.is_aspirational for t in framed] == [True, True]
    own = extract(PLAN_HEAD + "县域内就诊率力争达到百分之九十，县域内基层就诊率达到65%。")
    assert [(t.value, t.is_aspirational, t.indicator_code) for t in own] == [
        (90, True, "county_visit_rate"), (65, False, "primary_visit_share")]


def test_scopes_of_other_documents():
    targets = extract(PLAN_HEAD + "到2025年，全省县域内就诊率达到90%以上。"
                      "牵头医院每年下沉中级以上职称医师不少于15名，向成员单位开放的专家号源比例不低于25%。"
                      "全市所有乡镇卫生院、社区卫生服务中心均开通线上平台。远程医疗服务覆盖全部县级医院和乡镇卫生院。"
                      "基层医疗卫生机构诊疗量占总诊疗量的比例达到65%，村卫生室能够提供中医药服务的比例达到80%以上。")
    assert (only(targets, "90%").scope, only(targets, "90%").evaluation_level) == ("全省", "province")
    assert (only(targets, "25%").scope, only(targets, "25%").evaluation_level) == ("牵头医院", "institution")
    assert only(targets, "均").scope == "全市所有乡镇卫生院、社区卫生服务中心"
    covered = only(targets, "全部")
    assert (covered.scope, covered.indicator_name) == ("全省", "远程医疗服务覆盖县级医院和乡镇卫生院")
    assert only(targets, "65%").scope == "全省" and only(targets, "80%").scope == "全省"


def test_reported_changes_borrow_their_subject_and_its_scope_but_not_its_indicator():
    targets = extract(REPORT_HEAD + "全县家庭医生签约服务覆盖率达到41.2%，较上年同期提高3.1个百分点，占比提升。")
    rate, change = only(targets, "41.2%"), only(targets, "3.1个百分点")
    assert rate.indicator_code == "fd_signing_rate" and change.indicator_code is None
    assert (change.indicator_name, change.scope) == ("家庭医生签约服务覆盖率提高", rate.scope)


def test_tables_with_merged_group_cells_and_values_that_are_not_numbers():
    table = extract("某市“十四五”卫生健康规划\n表1 主要指标\n领域 主要指标 单位 2020年 2025年 指标性质\n"
                    "健康水平 人均预期寿命 岁 76.8 78 预期性\n孕产妇死亡率 /10万 15.6 ≤14 预期性\n"
                    "健康服务 家庭医生签约服务覆盖率 % 40.2 持续提高 预期性\n")
    assert [(t.indicator_name, t.kind, t.value, t.unit, t.comparator) for t in table] == [
        ("人均预期寿命", "reported_actual", 76.8, "岁", "="), ("人均预期寿命", "target", 78, "岁", ">="),
        ("孕产妇死亡率", "reported_actual", 15.6, "per 100000", "="), ("孕产妇死亡率", "target", 14, "per 100000", "<="),
        ("家庭医生签约服务覆盖率", "reported_actual", 40.2, "%", "="),
    ]
