from orchestration.documents.sections import FUTURE, PAST, find_sections, section_at

TEXT = (
    "某省“十四五”卫生健康发展规划\n"
    "第一章 发展基础\n“十三五”时期成效显著。\n"
    "第二章 总体要求\n一、发展目标\n到2025年…。\n二、主要任务\n（一）推进医共体。\n"
    "三、2024年工作打算\n新增社区医院5家。\n"
    "一、统筹谋划，高位推动。一是…\n"
)


def test_headings_open_sections_that_say_which_time_they_speak_about():
    sections = find_sections(TEXT)
    assert [(s.rank, s.title, s.tense, s.year) for s in sections] == [
        (0, "发展基础", PAST, None),
        (0, "总体要求", None, None),
        (1, "发展目标", FUTURE, None),
        (1, "主要任务", None, None),
        (1, "2024年工作打算", FUTURE, 2024),
    ]  # 一、统筹谋划，高位推动。… runs on: a numbered paragraph, not a title


def test_a_position_belongs_to_the_innermost_section_that_has_a_tense():
    sections = find_sections(TEXT)
    assert section_at(sections, TEXT.index("成效显著")).tense == PAST
    assert section_at(sections, TEXT.index("到2025年")).title == "发展目标"
    assert section_at(sections, TEXT.index("推进医共体")) is None  # 主要任务 says nothing about time
    assert section_at(sections, TEXT.index("新增社区医院")).year == 2024
