"""Clean a captured policy document into plain Simplified Chinese, keeping a map back.

Web captures carry debris that breaks extraction: pinyin after every character
(醫(yī)改), Traditional characters, HTML tags and entities, gambling/porn SEO
injections that replace place names, breadcrumbs and share/print widgets.

`clean_text` never edits the original string. It returns the cleaned text, an
offset map (`offsets[i]` is the index in the original of cleaned character i,
so every extracted sentence can be traced to the captured file) and a report
of every cleaning action with the original span it touched.

The steps run in a fixed order; each step is a small function over a `_Trace`
(text + offsets + actions) so that the map stays exact whatever a step removes
or rewrites.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Callable

import opencc


@dataclass(frozen=True)
class CleaningAction:
    action: str
    reason: str
    original_start: int
    original_end: int
    sample: str

    def to_record(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CleanedText:
    text: str
    offsets: list[int]
    actions: list[CleaningAction]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that cleaned text[start:end] came from."""
        if end <= start:
            position = self.offsets[start] if start < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)
            return position, position
        return self.offsets[start], self.offsets[end - 1] + 1


# ---------------------------------------------------------------------------
# The trace every step works on
# ---------------------------------------------------------------------------


class _Trace:
    """Text being cleaned, with the original index of each character and the actions so far."""

    def __init__(self, text: str, offsets: list[int], actions: list[CleaningAction], original: str, line_breaks: list[int]):
        self.text, self.offsets, self.actions, self.original = text, offsets, actions, original
        self.line_breaks = line_breaks  # positions of '\n' in the original, to report per line

    def substitute(
        self,
        pattern: re.Pattern[str],
        replacement: Callable[[re.Match[str]], str | None],
        action: str,
        reason: str,
        report_per_line: bool = False,
    ) -> _Trace:
        """Replace every match by replacement(match) (None keeps the match as it is).

        A replacement of the same length maps character by character; any other
        replacement maps all its characters to the start of the match, which is
        where a reader of the original would look.
        """
        pieces: list[str] = []
        offsets: list[int] = []
        touched: list[tuple[int, int]] = []
        position = 0
        for match in pattern.finditer(self.text):
            new = replacement(match)
            if new is None or new == match.group(0):
                continue
            start, end = match.span()
            pieces.append(self.text[position:start])
            offsets.extend(self.offsets[position:start])
            pieces.append(new)
            if len(new) == end - start:
                offsets.extend(self.offsets[start:end])
            else:
                offsets.extend([self.offsets[start]] * len(new))
            touched.append((start, end))
            position = end
        if not touched:
            return self
        pieces.append(self.text[position:])
        offsets.extend(self.offsets[position:])
        actions = self.actions + self._report(touched, action, reason, report_per_line)
        return _Trace("".join(pieces), offsets, actions, self.original, self.line_breaks)

    def _report(self, spans: list[tuple[int, int]], action: str, reason: str, per_line: bool) -> list[CleaningAction]:
        if per_line:
            # Character-level rewrites (pinyin, Traditional) touch thousands of places:
            # one action per original line, with the count, keeps the report readable.
            grouped: dict[int, list[tuple[int, int]]] = {}
            for start, end in spans:
                line = bisect.bisect_left(self.line_breaks, self.offsets[start])
                grouped.setdefault(line, []).append((start, end))
            spans_to_report = [(group[0][0], group[-1][1], len(group)) for group in grouped.values()]
        else:
            spans_to_report = [(start, end, 1) for start, end in spans]
        reports = []
        for start, end, count in spans_to_report:
            original_start, original_end = self.offsets[start], self.offsets[end - 1] + 1
            detail = f"{reason} ({count} places)" if count > 1 else reason
            sample = self.original[original_start:original_end]
            reports.append(CleaningAction(action, detail, original_start, original_end, sample[:60]))
        return reports


# ---------------------------------------------------------------------------
# Steps, in the order they run
# ---------------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"\r\n?")


def _normalise_line_breaks(trace: _Trace) -> _Trace:
    return trace.substitute(_LINE_BREAKS, lambda m: "\n", "normalise_line_breaks", "Windows/Mac line breaks", True)


_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Tags that end a line of text in a browser; the others vanish without a trace.
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|tr|h[1-6]|table|ul|ol|section|article|header|footer|blockquote|title)\b[^<>]*>", re.IGNORECASE)
# Table cells keep apart as tab-separated columns, the way .docx tables are read.
_CELL_TAG = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_INLINE_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
# What is left of a tag whose '<' was lost in the capture, often after mojibake: ???/span>
_BROKEN_TAG = re.compile(r"\?*/(?:span|div|p|a|font|strong|em|b|i|u|td|tr|th|li|ul|ol|table|tbody|h[1-6]|br|section)>", re.IGNORECASE)
# Characters lost to a wrong encoding show up as runs of '?' or U+FFFD.
_MOJIBAKE = re.compile(r"\?{2,}|\ufffd+|(?<=[\u4e00-\u9fff])\?(?=[\u4e00-\u9fff])")


def _strip_html(trace: _Trace) -> _Trace:
    trace = trace.substitute(_SCRIPT_OR_STYLE, lambda m: "", "remove_html", "script or style block")
    trace = trace.substitute(_COMMENT, lambda m: "", "remove_html", "HTML comment")
    trace = trace.substitute(_BLOCK_TAG, lambda m: "\n", "remove_html", "block-level HTML tag (kept as a line break)")
    trace = trace.substitute(_CELL_TAG, lambda m: "\t", "remove_html", "end of a table cell (kept as a tab)")
    trace = trace.substitute(_INLINE_TAG, lambda m: "", "remove_html", "inline HTML tag")
    trace = trace.substitute(_ENTITY, _decode_entity, "decode_html_entity", "HTML character entity")
    trace = trace.substitute(_BROKEN_TAG, lambda m: "", "remove_html", "broken HTML tag debris")
    return trace.substitute(_MOJIBAKE, lambda m: "", "remove_mojibake", "characters lost to a wrong encoding")


def _decode_entity(match: re.Match[str]) -> str | None:
    decoded = html.unescape(match.group(0))
    if decoded == match.group(0):
        return None  # not an entity we know: leave the text alone
    return " " if decoded == "\xa0" else decoded


# Pinyin syllables; tone marks are stripped before matching (yī → yi).
_PINYIN_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ao|an|ei|en|er|ia|ie|in|iu|ou|ua|uo|ui|un|üe|ve|ue|ün|a|o|e|i|u|ü|v|m|n|ng)"
)
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PARENTHESISED_LATIN = re.compile(rf"(?P<after>(?<=[\u4e00-\u9fff]))?[(（]\s*(?P<word>[a-zA-Zü{_TONE_MARKS}]{{1,6}})\s*[)）]")


def _strip_pinyin(trace: _Trace) -> _Trace:
    return trace.substitute(
        _PARENTHESISED_LATIN,
        lambda m: "" if _is_pinyin_annotation(m) else None,
        "strip_pinyin",
        "pinyin reading after a Han character",
        report_per_line=True,
    )


def _is_pinyin_annotation(match: re.Match[str]) -> bool:
    """A syllable after a Han character; with a tone mark it is an annotation wherever it stands
    (mojibake may have eaten the character it followed)."""
    word = match.group("word")
    has_tone_mark = any(ch in _TONE_MARKS for ch in word)
    return (has_tone_mark or match.group("after") is not None) and _is_pinyin(word)


def _is_pinyin(word: str) -> bool:
    # Abbreviations in parentheses (DIP, MDT) are upper case; pinyin annotations are not.
    if word != word.lower():
        return False
    toneless = "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))
    toneless = toneless.replace("u\u0308", "ü")
    return _PINYIN_SYLLABLE.fullmatch(toneless) is not None


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


_LINE = re.compile(r"[^\n]+")


def _to_simplified(trace: _Trace) -> _Trace:
    return trace.substitute(_LINE, _simplify_line, "to_simplified", "Traditional characters converted to Simplified", True)


def _simplify_line(match: re.Match[str]) -> str:
    line = match.group(0)
    converted = _t2s().convert(line)
    if len(converted) == len(line):
        return converted  # phrase-aware and still one character per character: the map stays exact
    # A phrase rule changed the length: convert character by character instead.
    return "".join(ch if len(simple := _t2s().convert(ch)) != 1 else simple for ch in line)


# Full-width digits, Latin letters and the symbols numbers are written with become
# half-width; Chinese sentence punctuation (，。；、？！) is kept as it is.
_KEEP_FULL_WIDTH = set("，。；、？！")
_WIDE = re.compile(r"[\uff01-\uff5e\u2488-\u249b\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff]")


def _normalise_width(trace: _Trace) -> _Trace:
    return trace.substitute(_WIDE, _half_width, "normalise_width", "full-width digits, letters or symbols", True)


def _half_width(match: re.Match[str]) -> str | None:
    ch = match.group(0)
    if ch in _KEEP_FULL_WIDTH:
        return None
    if ch in "\u200b\ufeff":
        return ""
    if ch in "\u3000\u00a0\u2002\u2003\u2009":
        return " "
    return unicodedata.normalize("NFKC", ch)  # ２ → 2, ％ → %, ⒈ → 1.


# ---------------------------------------------------------------------------
# Page furniture: breadcrumbs, widgets, site disclaimers
# ---------------------------------------------------------------------------

_BREADCRUMB_START = re.compile(r"^[ \t]*(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|当前所在位置|所在位置)\s*[:：].*\n?", re.MULTILINE)
_BREADCRUMB_LINE = re.compile(r"^[ \t]*(?:>>|»|›|>)[^\n]*\n?|^[^\n]*?(?:\s*(?:>>|»|›)\s*[^\n>»›]+){2,}\s*\n?", re.MULTILINE)
# Counters and buttons inside a line that also carries real information (the publication date).
_INLINE_WIDGET = re.compile(r"(?:浏览次数|访问次数|点击数|点击量|阅读数|阅读量|浏览量)\s*[:：]\s*\d*|字号\s*[:：]?\s*(?:[【\[]?[大中小][】\]]?\s*)*(?=\s|$|分享)")
_WIDGET_WORDS = (
    "扫一扫在手机上查看当前页面|扫一扫在手机打开当前页|扫一扫|打印本页|打印|关闭窗口|关闭|收藏|分享到|分享|转藏|献花|"
    "评论公约|请遵守用户|条评论|评论|发表|类似文章|更多|返回顶部|上一篇|下一篇|字号|大|中|小|图片|视频|附件下载|"
    "浏览次数|点击数|阅读数|微信|微博|QQ空间|纠错"
)
_WIDGET_ONLY_LINE = re.compile(rf"^[ \t]*(?:{_WIDGET_WORDS}|[ \t\d:：()（）\[\]【】|/、,，.•·])+[ \t]*$\n?", re.MULTILINE)
_PAGE_LINK_LINE = re.compile(r"^[ \t]*(?:上一篇|下一篇|上一条|下一条|相关链接|相关文件|相关阅读)\s*[:：][^\n]*\n?", re.MULTILINE)
_SITE_DISCLAIMER = re.compile(r"^[^\n]*(?:本站|本网)[^\n]*(?:不代表|侵权|举报|版权|免责|声明|诈骗|转载)[^\n]*\n?", re.MULTILINE)


def _remove_page_furniture(trace: _Trace) -> _Trace:
    trace = trace.substitute(_BREADCRUMB_START, lambda m: "", "remove_navigation", "breadcrumb (当前位置 …)")
    trace = trace.substitute(_BREADCRUMB_LINE, lambda m: "", "remove_navigation", "breadcrumb path (>> …)")
    trace = trace.substitute(_SITE_DISCLAIMER, lambda m: "", "remove_page_widget", "site disclaimer, not part of the document")
    trace = trace.substitute(_PAGE_LINK_LINE, lambda m: "", "remove_navigation", "link to another page (上一篇 …)")
    trace = trace.substitute(_INLINE_WIDGET, lambda m: "", "remove_page_widget", "page counter or font-size widget")
    return trace.substitute(
        _WIDGET_ONLY_LINE,
        lambda m: "" if m.group(0).strip() and not m.group(0).strip().isdigit() else None,
        "remove_page_widget",
        "line of share/print/comment widgets",
    )


# ---------------------------------------------------------------------------
# Spam: gambling and porn SEO injections
# ---------------------------------------------------------------------------

# Generic vocabulary of Chinese SEO spam. Strong words never occur in a health
# policy; weak words do (精品, 在线, 视频, 国产) and only count next to strong ones.
_STRONG_SPAM = (
    "足彩|彩票|投注|博彩|赌场|赌博|棋牌|百家乐|娱乐城|娱乐场|娱乐官网|老虎机|时时彩|六合彩|赔率|下注|立博|威廉希尔|皇冠体育|"
    "彩金|体验金|首存|返水|注册即送|注册送|真人视讯|电子游艺|"
    "欧冠|英超|德甲|世界杯|亚博|开户|日韩|欧美|无码|有码|人妻|少妇|熟女|丝袜|色情|激情|高潮|诱惑|"
    "一区二区|二区三区|一区|二区|三区|婷婷|色综合|久久|伊人|麻豆|尤物|乱妇|女同|重口味|涩涩|超碰|偷拍|"
    "自拍|黄色|肉色|成人|av|AV|jav|porn|sex"
)
_WEAK_SPAM = (
    "精品|在线观看|在线|视频|观看|免费|高清|中文字幕|字幕|专区|官网|官方|体育|app|APP|亚洲|福利|综合|"
    "不卡|一级|经典|五月|丁香|国语|对白|刺激|蜜桃|加勒比|天堂|国产|日本|欧洲|澳门|香港|真人|娱乐|威尼斯人|葡京|金沙|性|片|网|平台"
)
_SPAM_TOKEN = re.compile(rf"(?P<strong>{_STRONG_SPAM})|(?P<weak>{_WEAK_SPAM})|(?P<glue>[_\-*|·+#@!~ \t]+|[a-zA-Z0-9]+)")
# Spam strings glue their keywords with at most a couple of other characters.
_MAX_GAP = 2
# A run scores 2 per strong word and 1 per weak word; below this it is left alone.
_MIN_RUN_SCORE = 3
# A line goes entirely when too little real text is left beside the spam (an
# injected title) or when it is a list of spam links.
_MIN_REAL_HAN_IN_LINE = 6
_LINK_LIST_SEPARATORS = re.compile(r"[|｜]")
_SPAM_LIST_SHARE = 0.3


def _remove_spam(trace: _Trace) -> _Trace:
    runs = _spam_runs(trace.text)
    if not runs:
        return trace
    return _remove_spans(trace, _widen_to_lines(trace.text, runs), "remove_spam", "gambling/porn SEO injection")


def _spam_runs(text: str) -> list[tuple[int, int]]:
    """Maximal stretches made of spam words and glue, scoring at least _MIN_RUN_SCORE."""
    runs: list[tuple[int, int]] = []
    start = end = -1
    score = 0
    strong = False
    for token in _SPAM_TOKEN.finditer(text):
        kind = token.lastgroup
        if kind == "glue":
            if start >= 0 and token.start() - end <= _MAX_GAP:
                end = max(end, token.end()) if token.group(0).strip() else end
            continue
        if start >= 0 and token.start() - end <= _MAX_GAP:
            end = token.end()
        else:
            if start >= 0 and strong and score >= _MIN_RUN_SCORE:
                runs.append((start, end))
            start, end, score, strong = token.start(), token.end(), 0, False
        score += 2 if kind == "strong" else 1
        strong = strong or kind == "strong"
    if start >= 0 and strong and score >= _MIN_RUN_SCORE:
        runs.append((start, end))
    return runs


def _widen_to_lines(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Whole lines when spam dominates them; otherwise the run plus the ':' glue that joined it to real text."""
    spans: list[tuple[int, int]] = []
    for start, end in runs:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if _spam_dominates(text, line_start, line_end, runs):
            spans.append((line_start, min(line_end + 1, len(text))))
            continue
        if end + 1 < len(text) and text[end] in ":：" and _is_han(text[end + 1]):
            end += 1
        spans.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _spam_dominates(text: str, line_start: int, line_end: int, runs: list[tuple[int, int]]) -> bool:
    in_line = [(max(s, line_start), min(e, line_end)) for s, e in runs if s < line_end and e > line_start]
    remainder = list(text[line_start:line_end])
    for start, end in in_line:
        remainder[start - line_start : end - line_start] = [""] * (end - start)
    if sum(1 for ch in remainder if _is_han(ch)) < _MIN_REAL_HAN_IN_LINE:
        return True
    line = text[line_start:line_end]
    covered = sum(end - start for start, end in in_line)
    is_link_list = len(_LINK_LIST_SEPARATORS.findall(line)) >= 3
    return is_link_list and covered >= _SPAM_LIST_SHARE * len(line.replace(" ", ""))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _remove_spans(trace: _Trace, spans: list[tuple[int, int]], action: str, reason: str) -> _Trace:
    pieces, offsets, actions = [], [], list(trace.actions)
    position = 0
    for start, end in spans:
        pieces.append(trace.text[position:start])
        offsets.extend(trace.offsets[position:start])
        original_start, original_end = trace.offsets[start], trace.offsets[end - 1] + 1
        actions.append(CleaningAction(action, reason, original_start, original_end, trace.original[original_start:original_end][:60]))
        position = end
    pieces.append(trace.text[position:])
    offsets.extend(trace.offsets[position:])
    return _Trace("".join(pieces), offsets, actions, trace.original, trace.line_breaks)


_BLANK_LINES = re.compile(r"\n[ \t]*(?=\n[ \t]*\n)")


def _collapse_blank_lines(trace: _Trace) -> _Trace:
    return trace.substitute(_BLANK_LINES, lambda m: "", "collapse_blank_lines", "more than one blank line", True)


_STEPS: tuple[Callable[[_Trace], _Trace], ...] = (
    _normalise_line_breaks,
    _strip_html,
    _strip_pinyin,  # before t2s: the reading follows the Traditional character it annotates
    _to_simplified,
    _normalise_width,
    _remove_page_furniture,
    _remove_spam,  # last: its vocabulary is Simplified and half-width
    _collapse_blank_lines,
)


def clean_text(original: str) -> CleanedText:
    line_breaks = [index for index, char in enumerate(original) if char == "\n"]
    trace = _Trace(original, list(range(len(original))), [], original, line_breaks)
    for step in _STEPS:
        trace = step(trace)
    return CleanedText(trace.text, trace.offsets, trace.actions)
