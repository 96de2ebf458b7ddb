"""Numbers as Chinese policy documents write them.

Plans mix Arabic digits (also full-width: ２０２５), Chinese numerals (一千, 五百,
两, 十二, 二〇二五), magnitude suffixes (1万, 2.5万, 1.4亿), percentages
(30%, 百分之三十, 三分之一) and ranges (20-30, 20—30, 20至30, 1～3). Each parser
returns None when the text is not a number, so callers can try the next reading.
"""

from __future__ import annotations

import re

CHINESE_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(_SMALL_UNITS) + "".join(_LARGE_UNITS)

# Everything the text may use between the two ends of a range.
RANGE_SEPARATORS = "-－—–~～至到"

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
_ARABIC = re.compile(r"^(\d+(?:\.\d+)?)([万亿千百]?)$")


def to_half_width_digits(text: str) -> str:
    return text.translate(_FULL_WIDTH)


def parse_chinese_integer(text: str) -> int | None:
    """一千 → 1000, 十二 → 12, 五百 → 500, 一万五千 → 15000, 两 → 2, 二〇二五 → 2025."""
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        return None
    if all(ch in CHINESE_DIGITS for ch in text):
        # Digit by digit, as years and codes are written (二〇二五).
        value = 0
        for ch in text:
            value = value * 10 + CHINESE_DIGITS[ch]
        return value

    hundred_millions = 0  # the part before 亿, already multiplied
    ten_thousands = 0  # the part before 万, already multiplied
    section = 0  # the group being built, below 万
    digit: int | None = None
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            # A unit without a digit before it counts once: 十二 is 12, not 2.
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        elif ch == "万":
            ten_thousands = (section + (digit or 0)) * 10_000
            section, digit = 0, None
        else:  # 亿
            hundred_millions = (ten_thousands + section + (digit or 0)) * 100_000_000
            ten_thousands, section, digit = 0, 0, None
    value = hundred_millions + ten_thousands + section + (digit or 0)
    return value or (0 if set(text) <= {"零", "〇", "○"} else None)


def parse_number(text: str) -> float | int | None:
    """A single number: 20, 2.5万, 1.4亿, ２０, 1,000, 一千, 三十. Integral values come back as int."""
    text = to_half_width_digits(text.strip()).replace(",", "")
    if not text:
        return None
    match = _ARABIC.match(text)
    if match:
        value = float(match.group(1)) * {"": 1, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}[match.group(2)]
        return _tidy(value)
    mixed = re.match(r"^(\d+(?:\.\d+)?)([" + "".join(_SMALL_UNITS) + "".join(_LARGE_UNITS) + r"]+)$", text)
    if mixed:  # 3千万
        multiplier = 1
        for ch in mixed.group(2):
            multiplier *= {**_SMALL_UNITS, **_LARGE_UNITS}[ch]
        return _tidy(float(mixed.group(1)) * multiplier)
    return parse_chinese_integer(text)


def parse_percent(text: str) -> float | int | None:
    """30%, 30％, 百分之三十, 百分之12.5, 三分之一 (→ 33.33), 3成 / 三成 (→ 30)."""
    text = to_half_width_digits(text.strip())
    if text.endswith("%"):
        return parse_number(text[:-1])
    if text.startswith("百分之"):
        return parse_number(text[3:])
    fraction = re.match(r"^(.+?)分之(.+)$", text)
    if fraction:
        denominator, numerator = parse_number(fraction.group(1)), parse_number(fraction.group(2))
        if denominator and numerator is not None:
            return _tidy(round(numerator / denominator * 100, 2))
        return None
    if text.endswith("成"):
        tenths = parse_number(text[:-1])
        return None if tenths is None else _tidy(tenths * 10)
    return None


def parse_range(text: str) -> tuple[float | int, float | int] | None:
    """20-30, 20—30, 20至30, 1～3, 20%-30%, 一至两 → (low, high); None if not a range."""
    text = to_half_width_digits(text.strip())
    parts = re.split("[" + re.escape(RANGE_SEPARATORS) + "]", text)
    if len(parts) != 2:
        return None
    low_text, high_text = (part.strip() for part in parts)
    if high_text.endswith("%") and not low_text.endswith("%"):
        low_text += "%"
    parse = parse_percent if high_text.endswith("%") else parse_number
    low, high = parse(low_text), parse(high_text)
    if low is None or high is None or low > high:
        return None
    return low, high


# Rates per population written as a fraction: 10/10万, 5/1000
PER_BASE = {"10万": 100_000, "十万": 100_000, "100000": 100_000, "1万": 10_000, "万": 10_000, "1000": 1000, "千": 1000}


def population_base(text: str | None) -> int | None:
    """每千 → 1000, 每万 → 10000, 每一千 → 1000, 每五百 → 500; 每人口 has no base."""
    if not text:
        return None
    value = {"千": 1000, "万": 10_000, "百": 100, "十万": 100_000}.get(text) or parse_number(text)
    return int(value) if value else None


def _tidy(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
