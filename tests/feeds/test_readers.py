"""CSV transcoding: only non-ASCII lines are decoded, and the result is what decoding the
whole file gives; an encoding error names its line."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.feeds.readers import FeedFileError, read_csv_rows

HEADER = "签约协议号,居民健康档案号,签约机构\r\n"


def rows_text(count: int, every: int = 7) -> str:
    # Every `every`th row holds Chinese or full-width text: with 7, blocks of whole lines mix
    # both kinds and some blocks are pure ASCII.
    lines = [
        f"QY{i:08d},35020300100{i:06d},{'厦门市思明区鹭江街道社区卫生服务中心' if i % every == 0 else '350203001001'}\r\n"
        if i % 49 else f"QY{i:08d},３５０２０３００１００{i:06d},350203001001\r\n"
        for i in range(count)
    ]
    return HEADER + "".join(lines)


@pytest.mark.parametrize("file_encoding, template_encoding, every", [
    ("gbk", "gbk", 7), ("gbk", "gbk", 1), ("utf-8", "utf-8", 7), ("utf-8-sig", "utf-8", 7),
])
def test_transcoded_rows_equal_decoding_the_whole_file(file_encoding, template_encoding, every):
    text = rows_text(5_000, every)
    read = read_csv_rows(text.encode(file_encoding), template_encoding)
    expected = pl.read_csv(text.encode("utf-8"), infer_schema=False)
    assert read.rows.drop("source_row").equals(expected)
    assert read.rows["签约机构"].str.contains("鹭江").sum() == len([i for i in range(5_000) if i % every == 0 and i % 49])


def test_a_byte_outside_the_encoding_names_its_line():
    content = bytearray(rows_text(5_000).encode("gbk"))
    line_start = content.index(b"QY00004000")  # line 4,002: the header is line 1
    content[line_start + 2] = 0x80  # not a GBK lead byte
    with pytest.raises(FeedFileError) as raised:
        read_csv_rows(bytes(content), "gbk")
    assert raised.value.code == "wrong_encoding"
    assert "第 4002 行" in raised.value.message and f"position {line_start + 2}" in raised.value.message


def test_a_file_cut_inside_a_character_is_truncated():
    # Every field there, so only decoding can tell: the last byte opens a character.
    content = rows_text(100).encode("gbk") + "QY99,3502,厦".encode("gbk")[:-1]
    with pytest.raises(FeedFileError) as raised:
        read_csv_rows(content, "gbk")
    assert raised.value.code == "truncated_file" and raised.value.message.startswith("文件在字符中途截断（第 102 行）")
