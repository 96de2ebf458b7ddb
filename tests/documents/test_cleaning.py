import opencc
import pytest

from orchestration.documents.cleaning import clean_text
from orchestration.documents.reading import read_document

from .conftest import SEEDS, seed_path

_T2S = opencc.OpenCC("t2s")


def assert_offsets_exact(original: str, cleaned) -> None:
    """Every kept character comes from the original character its offset names."""
    assert len(cleaned.offsets) == len(cleaned.text)
    assert cleaned.offsets == sorted(cleaned.offsets)
    for index, char in enumerate(cleaned.text):
        source = original[cleaned.offsets[index]]
        assert char == source or _T2S.convert(source) == char or (char.isspace() and source.isspace()) or source in "⒈⒉⒊⒋⒌⒍⒎⒏⒐" or source in "&<>", (index, char, source)


def test_pinyin_is_stripped_and_traditional_converted_with_an_exact_map():
    original = "嘉峪關(guān)市醫(yī)改(gǎi)工作（bǎo）障"
    cleaned = clean_text(original)
    assert cleaned.text == "嘉峪关市医改工作障"
    assert_offsets_exact(original, cleaned)
    assert original[cleaned.offsets[cleaned.text.index("市")]] == "市"
    assert original[cleaned.offsets[cleaned.text.index("医")]] == "醫"
    assert {action.action for action in cleaned.actions} >= {"strip_pinyin", "to_simplified"}


def test_genuine_parentheses_are_kept():
    original = "印发《方案(试行)》(浙政办发〔2017〕116号)，按病种分值付费(DIP)，村(居)委会"
    assert clean_text(original).text == original


def test_toneless_pinyin_only_after_han_and_ü():
    assert clean_text("的(de)医(yī)生(lǜ)").text == "的医生"
    assert clean_text("比例(a)").text == "比例"  # a single syllable after a character is an annotation
    assert clean_text("附件(A)").text == "附件(A)"


def test_full_width_numbers_become_half_width_but_chinese_punctuation_stays():
    cleaned = clean_text("覆盖率达到９０％以上，每千人口（常住）２．５张；")
    assert cleaned.text == "覆盖率达到90%以上，每千人口(常住)2.5张；"


def test_html_tags_entities_and_debris_are_removed():
    original = "<div><p>到2025年&nbsp;覆盖率&gt;90%</p><script>var x='投注';</script>保定???/span></div>"
    cleaned = clean_text(original)
    assert "<" not in cleaned.text and "script" not in cleaned.text and "span" not in cleaned.text
    assert "到2025年 覆盖率>90%" in cleaned.text and cleaned.text.strip().endswith("保定")
    assert_offsets_exact(original, cleaned)


def test_spam_injection_is_removed_but_the_sentence_around_it_kept():
    original = "澳门博彩_真人娱乐城-在线投注:人民政府办公厅关于印发方案的通知\n让澳门博彩_真人娱乐城-在线投注的群众感受数字化医疗。"
    cleaned = clean_text(original)
    assert "博彩" not in cleaned.text and "投注" not in cleaned.text
    assert "人民政府办公厅关于印发方案的通知" in cleaned.text
    assert "让的群众感受数字化医疗。" in cleaned.text
    assert any(action.action == "remove_spam" for action in cleaned.actions)


def test_spam_link_lists_and_spam_title_lines_go_entirely():
    original = "亚洲无码高清视频-日韩精品一区二区\n正文：到2025年达到90%。\n少妇人妻在线观看| 国产精品免费视频| 激情综合网| 欧美日韩在线\n"
    cleaned = clean_text(original)
    assert cleaned.text.strip() == "正文：到2025年达到90%。".replace("：", ":")


def test_policy_words_near_weak_spam_words_survive():
    original = "加强视频监控，推广国产医疗设备，建设精品课程，开展在线问诊，严厉打击非法彩票。"
    assert clean_text(original).text == original


def test_breadcrumbs_widgets_and_disclaimers_are_removed():
    original = (
        "当前位置:首页\n>> 政务公开 >> 政策文件\n关于印发方案的通知\n"
        "发布时间:2024-04-11 11:26浏览次数: 123 信息来源: 市卫生健康委\n字号: 分享:\n正文。\n"
        "[打印] [关闭]\n本站所有内容均由用户发布，不代表本站观点。\n上一篇:关于开展活动的通知\n"
    )
    cleaned = clean_text(original)
    assert cleaned.text.split("\n")[0] == "关于印发方案的通知"
    assert "发布时间:2024-04-11 11:26 信息来源: 市卫生健康委" in cleaned.text
    for debris in ("当前位置", ">>", "浏览次数", "字号", "分享", "打印", "本站", "上一篇"):
        assert debris not in cleaned.text
    reasons = {action.action for action in cleaned.actions}
    assert {"remove_navigation", "remove_page_widget"} <= reasons


def test_every_action_points_at_the_original():
    original = "当前位置:首页\n醫(yī)改投注足彩_立博官网\n正文"
    cleaned = clean_text(original)
    for action in cleaned.actions:
        assert 0 <= action.original_start < action.original_end <= len(original)
        assert action.sample == original[action.original_start : action.original_end][:60]
        assert action.reason


@pytest.mark.parametrize("name", SEEDS)
def test_seed_offsets_are_exact(name):
    original = read_document(seed_path(name)).text
    assert_offsets_exact(original, clean_text(original))


def test_seed_003_is_simplified_without_pinyin_or_spam():
    cleaned = clean_text(read_document(seed_path("baoding")).text)
    assert "基层诊疗人次占比提升至72.1%" in cleaned.text
    assert "(yī)" not in cleaned.text and "醫" not in cleaned.text
    for spam in ("日韩", "少妇", "/span>", "本站", "评论公约"):
        assert spam not in cleaned.text


def test_seed_000_spam_replaced_city_name_is_cut_out():
    cleaned = clean_text(read_document(seed_path("xiamen")).text)
    assert "足彩" not in cleaned.text and "投注" not in cleaned.text
    assert "标  题:人民政府办公厅关于印发进一步提升基层医疗卫生服务能力实施方案的通知" in cleaned.text


def test_gambling_promotions_in_a_footer_link_list_go():
    original = "正文：建成社区医院2家。\n澳门银河娱乐官网 | 太阳城集团 | 天博体育app下载 | 注册即送88元体验金\n"
    assert "88元" not in clean_text(original).text and "社区医院2家" in clean_text(original).text
