import pytest

from orchestration.documents.numerals import parse_chinese_integer, parse_number, parse_percent, parse_range, population_base


@pytest.mark.parametrize(
    ("text", "expected"),
    [("一千", 1000), ("五百", 500), ("两", 2), ("十二", 12), ("十", 10), ("三十", 30), ("一百零五", 105),
     ("一万五千", 15000), ("十万", 100000), ("一亿二千万", 120_000_000), ("二〇二五", 2025), ("零", 0)],
)
def test_chinese_integers(text, expected):
    assert parse_chinese_integer(text) == expected


@pytest.mark.parametrize("text", ["万", "abc", "", "一a"])
def test_not_chinese_integers(text):
    assert parse_chinese_integer(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1万", 10000), ("2.5万", 25000), ("1.4亿", 140_000_000), ("２０", 20), ("１２．５", 12.5), ("1,000", 1000), ("一千", 1000), ("3千万", 30_000_000)],
)
def test_numbers(text, expected):
    assert parse_number(text) == expected


def test_integral_numbers_come_back_as_int():
    assert isinstance(parse_number("2.0万"), int)
    assert parse_number("abc") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("百分之三十", 30), ("30%", 30), ("３０％", 30), ("百分之12.5", 12.5), ("三分之一", 33.33), ("4分之3", 75), ("三成", 30)],
)
def test_percentages(text, expected):
    assert parse_percent(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("20-30", (20, 30)), ("20—30", (20, 30)), ("20至30", (20, 30)), ("1～3", (1, 3)), ("1~2", (1, 2)), ("20%-30%", (20, 30)), ("一至两", (1, 2))],
)
def test_ranges(text, expected):
    assert parse_range(text) == expected


@pytest.mark.parametrize("text", ["30-20", "20", "a-b", "1-2-3"])
def test_not_ranges(text):
    assert parse_range(text) is None


@pytest.mark.parametrize("text, expected", [("千", 1000), ("万", 10_000), ("一千", 1000), ("五百", 500), ("十万", 100_000), ("", None), (None, None)])
def test_population_bases(text, expected):
    assert population_base(text) == expected
