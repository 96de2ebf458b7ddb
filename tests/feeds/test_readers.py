"""CSV transcoding: only non-ASCII lines are decoded, and the result is what decoding the
whole file gives; an encoding error names its line. Excel: cells as the text a person sees,
on their sheet row numbers."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import polars as pl
import pytest
import xlsxwriter

from orchestration.feeds.readers import FeedFileError, read_csv_rows, read_xlsx_rows

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


def test_excel_cells_read_as_their_text_on_their_sheet_rows():
    # The table starts on row 3 in column B, below two blank rows: source_row must still be the
    # row number a person sees in Excel, and typed cells the text they show.
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer) as workbook:
        sheet = workbook.add_worksheet("月报")
        dates = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write_row("B3", ["机构编码", "诊疗人次", "报告日期", "提交时间", "已签约", "备注"])
        sheet.write_row("B4", [None, None, None, None, None, None])
        sheet.write_row("B5", ["350203001001", 578, None, None, True, ""])
        sheet.write_datetime("D5", datetime(2024, 3, 1), dates)
        sheet.write_datetime("E5", datetime(2024, 3, 5, 8, 30), workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}))
        sheet.write_row("B6", ["350203001002", 12.5, "2024年3月", None, False, "全角１２"])
        sheet.write_row("B8", ["合计", 590.5])
    read = read_xlsx_rows(buffer.getvalue(), key_header="机构编码")
    assert read.headers == ["机构编码", "诊疗人次", "报告日期", "提交时间", "已签约", "备注"]
    assert read.rows.rows() == [
        (5, "350203001001", "578", "2024-03-01", "2024-03-05 08:30:00", "true", None),
        (6, "350203001002", "12.5", "2024年3月", None, "false", "全角１２"),
    ]
    assert read.skipped == {"total_rows": 1, "blank_rows": 1}


def test_an_excel_file_cut_short_is_truncated_and_a_damaged_one_malformed():
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer) as workbook:
        workbook.add_worksheet().write_row("A1", ["机构编码", "诊疗人次"])
    content = buffer.getvalue()
    with pytest.raises(FeedFileError) as cut:
        read_xlsx_rows(content[: len(content) // 2], key_header="机构编码")
    assert cut.value.code == "truncated_file"
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:  # a zip archive, but no workbook inside
        archive.writestr("xl/workbook.xml", "<not a workbook")
    with pytest.raises(FeedFileError) as malformed:
        read_xlsx_rows(damaged.getvalue(), key_header="机构编码")
    assert malformed.value.code == "malformed_file"
