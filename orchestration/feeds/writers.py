"""Write a text frame (headers as columns, all strings) in the format a feed arrives in.

- CSV: GBK, CRLF line ends, as exported by Windows desktop systems;
- JSON Lines: UTF-8, one object per line, booleans as JSON booleans, as a platform API pages out;
- Excel: a title row, a two-row header (group cells merged across their columns, single
  columns merged down both rows), numbers as numeric cells, and a 合计 row summing the
  numeric cells of each count column, as a 卫健委 template does.
"""

from __future__ import annotations

import io
import re
from datetime import datetime

import polars as pl
import xlsxwriter

from orchestration.feeds.specs import FeedSpec, Kind

# Fixed so that the same data always produces byte-identical workbooks.
_WORKBOOK_TIMESTAMP = datetime(2023, 1, 1)
_ASCII_INTEGER = re.compile(r"^-?[0-9]+$")


def csv_bytes(text: pl.DataFrame, encoding: str) -> bytes:
    buffer = io.BytesIO()
    text.write_csv(buffer, line_terminator="\r\n", null_value="")
    raw = buffer.getvalue()  # UTF-8
    # Codes, dates and flags are ASCII, where GBK and UTF-8 agree byte for byte: only the
    # header and files with Chinese text in their rows need transcoding.
    header_end = raw.index(b"\r\n")
    if encoding == "utf-8" or raw[header_end:].isascii():
        return raw[:header_end].decode("utf-8").encode(encoding) + raw[header_end:]
    return raw.decode("utf-8").encode(encoding)


def jsonl_bytes(spec: FeedSpec, text: pl.DataFrame) -> bytes:
    flags = [column.header for column in spec.columns if column.kind is Kind.FLAG]
    typed = text.with_columns(
        pl.col(header).replace_strict({"true": True, "false": False}, default=None, return_dtype=pl.Boolean) for header in flags
    )
    return typed.write_ndjson().encode("utf-8")


def xlsx_bytes(spec: FeedSpec, text: pl.DataFrame, title: str) -> bytes:
    """`text` columns may come in any order (a wrong-column-order defect moves whole groups)."""
    headers = list(text.columns)
    counts = {column.header for column in spec.columns if column.kind is Kind.COUNT}
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"created": _WORKBOOK_TIMESTAMP})
    bold = workbook.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1})
    sheet = workbook.add_worksheet("月报")
    sheet.merge_range(0, 0, 0, len(headers) - 1, title, bold)
    _write_two_row_header(sheet, headers, bold)

    columns = [_cells(text[header], numeric=header in counts) for header in headers]
    first_data_row = 3
    for offset, row in enumerate(zip(*columns)):
        sheet.write_row(first_data_row + offset, 0, row)
    totals = [
        int(text[header].cast(pl.Int64, strict=False).sum()) if header in counts else None for header in headers
    ]
    totals[0] = "合计"
    sheet.write_row(first_data_row + text.height, 0, totals)
    workbook.close()
    return buffer.getvalue()


def _write_two_row_header(sheet, headers: list[str], style) -> None:
    column = 0
    while column < len(headers):
        group, _, leaf = headers[column].rpartition("/")
        if not group:
            sheet.merge_range(1, column, 2, column, leaf, style)
            column += 1
            continue
        width = 1
        while column + width < len(headers) and headers[column + width].rpartition("/")[0] == group:
            width += 1
        if width == 1:
            sheet.write(1, column, group, style)
        else:
            sheet.merge_range(1, column, 1, column + width - 1, group, style)
        for index in range(width):
            sheet.write(2, column + index, headers[column + index].rpartition("/")[2], style)
        column += width


def _cells(values: pl.Series, *, numeric: bool) -> list:
    """Numbers typed as ASCII integers become numeric cells; anything else stays text,
    exactly as a clerk's typing (`１２３`, `85%`) would."""
    text = values.to_list()
    if not numeric:
        return text
    return [int(value) if value is not None and _ASCII_INTEGER.match(value) else value for value in text]

