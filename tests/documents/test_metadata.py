import pytest

from orchestration.documents.metadata import extract_metadata, resolve_issuer, superseded_numbers


def test_xiamen_issuer_comes_from_the_document_number_despite_spam(processed):
    metadata = processed["xiamen"].metadata
    assert metadata.document_number == "厦府办〔2024〕2号"
    assert (metadata.issuer, metadata.issuer_source) == ("厦门市人民政府办公厅", "document_number")
    assert (metadata.region, metadata.region_level) == ("厦门市", "city")
    assert metadata.title == "厦门市人民政府办公厅关于印发进一步提升基层医疗卫生服务能力实施方案的通知"
    assert metadata.index_code == "XM00100-02-03-2024-002"
    assert (metadata.issue_date, metadata.publication_date) == ("2024-01-08", "2024-01-11")
    assert metadata.document_type == "实施方案" and not metadata.is_report
    assert metadata.plan_end_year is None


def test_lishui_revision_supersedes_the_2021_plan(processed):
    metadata = processed["lishui"].metadata
    assert metadata.document_number is None  # the notice does not state its own number
    assert metadata.issuer == "丽水市深化医药卫生体制改革联席会议办公室"
    assert metadata.supersedes == ("丽医改联席办〔2021〕16号",)
    assert (metadata.issue_date, metadata.publication_date) == ("2024-04-03", "2024-04-11")
    assert (metadata.document_type, metadata.plan_end_year, metadata.plan_end_source) == ("工作方案", 2025, "stated_goal")


def test_jiayuguan_traditional_capture(processed):
    metadata = processed["jiayuguan"].metadata
    assert metadata.document_number == "嘉政办发〔2021〕64号"
    assert metadata.issuer == "嘉峪关市人民政府办公室"
    assert (metadata.region, metadata.region_level, metadata.issue_date) == ("嘉峪关市", "city", "2021-10-11")
    assert (metadata.plan_end_year, metadata.plan_end_source) == (2021, "title_year")


def test_baoding_bulletin_is_a_report(processed):
    metadata = processed["baoding"].metadata
    assert metadata.document_type == "简报" and metadata.is_report
    assert (metadata.region, metadata.publication_date) == ("保定市", "2022-06-08")
    assert (metadata.issuer, metadata.issuer_source) == ("河北省深化医药卫生体制改革领导小组办公室", "contributor")


def test_shanxi_provincial_plan(processed):
    metadata = processed["shanxi"].metadata
    assert (metadata.document_number, metadata.issuer) == ("晋政发〔2023〕15号", "山西省人民政府")
    assert (metadata.region, metadata.region_level, metadata.issue_date) == ("山西省", "province", "2023-08-09")
    assert metadata.title == "山西省进一步完善医疗卫生服务体系实施方案"
    assert metadata.plan_end_year == 2025


@pytest.mark.parametrize(
    ("prefix", "mentions", "issuer"),
    [
        ("厦府办", "", "厦门市人民政府办公厅"),
        ("晋政发", "", "山西省人民政府"),
        ("嘉政办发", "嘉峪关市卫生健康委", "嘉峪关市人民政府办公室"),
        ("嘉政办发", "嘉兴市卫生健康委", "嘉兴市人民政府办公室"),
        ("晋政办函", "", "山西省人民政府办公厅"),
        ("浙卫发", "", "浙江省卫生健康委员会"),
        ("冀医改办", "", "河北省深化医药卫生体制改革领导小组办公室"),
        ("晋人社厅发", "", "山西省人力资源和社会保障厅"),
        ("保政办发", "", "保定市人民政府办公室"),
        ("闽政", "", "福建省人民政府"),
        ("国办发", "", "国务院办公厅"),
        ("泉政办", "，临泉县卫生健康委", "临泉县人民政府办公室"),
    ],
)
def test_document_number_prefixes_name_their_issuer(prefix, mentions, issuer):
    assert resolve_issuer(prefix, mentions)[0] == issuer


def test_unknown_prefixes_resolve_to_nothing():
    assert resolve_issuer("某某某", "") is None


def test_plan_period_from_title_and_supersession_from_text():
    text = "某市人民政府关于印发某市卫生健康事业发展规划(2021-2025年)的通知\n某政发〔2021〕9号\n本规划自印发之日起施行，《某市卫生规划》(某政发〔2016〕3号)同时废止。"
    metadata = extract_metadata(text)
    assert (metadata.plan_end_year, metadata.plan_end_source) == (2025, "title_period")
    assert metadata.document_type == "发展规划"
    assert superseded_numbers(text) == ("某政发〔2016〕3号",)
    five_year = extract_metadata("关于印发“十四五”基层卫生健康规划的通知\n正文")
    assert (five_year.plan_end_year, five_year.plan_end_source) == (2025, "five_year_plan")


def test_the_plan_horizon_is_the_last_milestone_of_the_current_five_year_plan():
    text = "某市人民政府办公室关于印发某市医共体建设实施方案的通知\n某市人民政府办公室\n2022年6月20日\n到2024年底，实现全覆盖；到2025年，达到40%；到2035年，全面建成。"
    assert (extract_metadata(text).plan_end_year, extract_metadata(text).plan_end_source) == (2025, "stated_goal")


def test_a_title_issuing_a_quoted_document_takes_that_documents_year():
    issued = extract_metadata("湖南省人民政府办公厅关于印发《湖南省深化医药卫生体制改革2024年重点工作任务》的通知\n正文")
    assert (issued.plan_end_year, issued.plan_end_source, issued.document_type) == (2024, "title_year", "重点工作任务")
    cited = extract_metadata("某市关于贯彻落实《健康中国2030规划纲要》的实施意见\n正文")
    assert cited.plan_end_year is None  # another document's year says nothing about this one


def test_a_bulletin_masthead_dates_the_bulletin_and_its_place_is_the_county():
    text = "郸城县深化医药卫生体制改革工作简报\n（2024年第3期）\n郸城县深化医药卫生体制改革领导小组办公室　　2024年5月20日\n郸城县紧密型县域医共体建设取得阶段性成效\n"
    metadata = extract_metadata(text)
    assert (metadata.issue_date, metadata.is_report, metadata.region) == ("2024-05-20", True, "郸城县")


def test_no_place_below_a_county_and_no_place_named_by_an_area_word():
    from orchestration.documents.regions import place_at_start

    assert place_at_start("郸城县紧密型县域医共体建设") == "郸城县"
    assert place_at_start("河北省保定市易县强力推进") == "易县"
    assert place_at_start("紧密型县域医共体") is None
