"""Read a feed file into rows of text, exactly as received, with their physical row numbers.

Readers interpret nothing: every value stays the text the file holds (a number cell becomes
its digits, a JSON boolean `true`), headers stay as written. What makes a file unreadable
as a whole raises FeedFileError with a code the audit records; the loader then moves on to
the next file.
"""

from __future__ import annotations

import codecs
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

import polars as pl
import python_calamine

from orchestration.feeds.specs import FeedSpec

TOTAL_ROW_LABELS = ("合计", "总计")
_HEADER_SEARCH_ROWS = 10


class FeedFileError(Exception):
    """A file rejected as a whole: `code` is one of empty_file, wrong_encoding, truncated_file,
    unknown_columns, missing_columns, malformed_file, unrecognised_file_name, unknown_month."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class RawRows:
    rows: pl.DataFrame  # one String column per header as written, plus `source_row` (Int64)
    headers: list[str]
    encoding: str
    skipped: dict[str, int] = field(default_factory=dict)  # rows that carry no data: total rows, blank rows
    unparseable: pl.DataFrame | None = None  # `source_row`, `raw_line`: lines that are not a record at all


def read_rows(spec: FeedSpec, content: bytes) -> RawRows:
    if not content or content.isspace():  # isspace stops at the first other byte; strip() would copy the file
        raise FeedFileError("empty_file", "文件为空")
    match spec.file_format:
        case "csv":
            rows = read_csv_rows(content, spec.encoding)
        case "jsonl":
            rows = read_jsonl_rows(content)
        case _:
            rows = read_xlsx_rows(content, key_header=spec.columns[0].header)
    if rows.rows.height == 0 and (rows.unparseable is None or rows.unparseable.height == 0):
        raise FeedFileError("empty_file", "文件只有表头，没有数据行")
    return rows


# --- CSV ----------------------------------------------------------------------------------


def read_csv_rows(content: bytes, encoding: str) -> RawRows:
    utf8 = _csv_as_utf8(content, encoding)
    if not utf8.endswith((b"\n", b"\r")):
        # No line end after the last row is common; a last row short of fields is not.
        header_fields = utf8[: utf8.find(b"\n")].count(b",") + 1
        last_line = utf8[utf8.rfind(b"\n") + 1 :]
        last_fields = last_line.count(b",") + 1
        if b"\n" in utf8 and last_fields < header_fields:
            line_number = utf8.count(b"\n") + 1
            raise FeedFileError("truncated_file", f"文件在第 {line_number} 行中途截断（字段数 {last_fields}/{header_fields}）")
    try:
        frame = pl.read_csv(utf8, infer_schema=False, has_header=True)
    except pl.exceptions.PolarsError as error:
        raise FeedFileError("malformed_file", f"CSV 无法解析: {error}") from error
    headers = list(frame.columns)
    return RawRows(
        rows=frame.with_row_index("source_row", offset=2).with_columns(pl.col("source_row").cast(pl.Int64)),
        headers=headers,
        encoding=encoding,
    )


def _csv_as_utf8(content: bytes, encoding: str) -> bytes:
    """The file as UTF-8 bytes (a leading BOM dropped); the encoding errors of the template's
    rules as FeedFileError."""
    if codecs.lookup(encoding).name == "utf-8":
        try:
            return _transcode(content.removeprefix(codecs.BOM_UTF8), "utf-8")
        except UnicodeDecodeError as error:
            raise FeedFileError("wrong_encoding", f"文件不是 UTF-8 编码（第 {_line_of(error)} 行）: {error}") from error
    # A GBK template saved as UTF-8 decodes as GBK now and then, into mojibake; bytes that are
    # valid UTF-8 with Chinese in them are taken as the wrong encoding instead.
    if content.startswith(codecs.BOM_UTF8) or _looks_utf8(content):
        raise FeedFileError("wrong_encoding", f"文件是 UTF-8 编码，模板要求 {encoding.upper()}")
    try:
        return _transcode(content, encoding)
    except UnicodeDecodeError as error:
        if not content.endswith(b"\n"):
            raise FeedFileError("truncated_file", f"文件在字符中途截断（第 {_line_of(error)} 行）: {error}") from error
        raise FeedFileError("wrong_encoding", f"文件不是 {encoding.upper()} 编码（第 {_line_of(error)} 行）: {error}") from error


def _line_of(error: UnicodeDecodeError) -> int:
    return error.object.count(b"\n", 0, error.start) + 1


# Encodings that keep ASCII as is and never use the byte of a line end inside a character.
_ASCII_LINE_ENCODINGS = {"gbk", "gb18030", "gb2312", "utf-8"}
_BLOCK_BYTES = 4096


def _transcode(content: bytes, encoding: str) -> bytes:
    """`content` as UTF-8, a block of whole lines at a time (never the whole file as one
    Python str, 2 bytes a character once any is Chinese). Most lines of a feed are ASCII,
    the same bytes in GBK and UTF-8: a block with nothing else is kept as it is. A province's
    276 MB contracts file transcodes in 0.4 s instead of 1.2 s."""
    if codecs.lookup(encoding).name not in _ASCII_LINE_ENCODINGS:
        return content.decode(encoding).encode("utf-8")
    pieces, start, size = [], 0, len(content)
    while start < size:
        end = content.find(b"\n", start + _BLOCK_BYTES)
        end = size if end < 0 else end + 1
        block = content[start:end]
        if block.isascii():
            pieces.append(block)
        else:
            try:
                pieces.append(block.decode(encoding).encode("utf-8"))
            except UnicodeDecodeError as error:
                # Placed in the whole file, as decoding it at once would.
                raise UnicodeDecodeError(error.encoding, content, start + error.start, start + error.end, error.reason) from None
        start = end
    return b"".join(pieces)


def _looks_utf8(content: bytes) -> bool:
    """Chinese text in GBK is practically never valid UTF-8: the header line and the rows
    after it, up to 64 KiB, decide without decoding a large file twice."""
    head = content[: 64 * 1024]
    if len(content) > len(head):
        head = head[: head.rfind(b"\n") + 1] or head
    return not head.isascii() and _is_utf8(head)


def _is_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# --- JSON Lines ---------------------------------------------------------------------------


def read_jsonl_rows(content: bytes) -> RawRows:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FeedFileError("wrong_encoding", f"文件不是 UTF-8 编码: {error}") from error
    lines = text.split("\n")
    if not text.endswith("\n") and lines[-1].strip() and not _is_json(lines[-1]):
        raise FeedFileError("truncated_file", f"最后一行（第 {len(lines)} 行）不完整")
    numbered = pl.DataFrame(
        {"source_row": range(1, len(lines) + 1), "raw_line": lines}, schema={"source_row": pl.Int64, "raw_line": pl.String}
    ).with_columns(pl.col("raw_line").str.strip_chars_end("\r"))
    blank = numbered.filter(pl.col("raw_line").str.strip_chars() == "")
    records = numbered.filter(pl.col("raw_line").str.strip_chars() != "")
    # The trailing newline leaves one empty "line" that is no blank row.
    blank_rows = blank.height - (1 if text.endswith("\n") else 0)
    try:
        rows, headers = _parse_json_lines(records)
        unparseable = None
    except (pl.exceptions.PolarsError, ValueError):
        rows, headers, unparseable = _parse_json_lines_one_by_one(records)
    return RawRows(rows=rows, headers=headers, encoding="utf-8", skipped={"blank_rows": blank_rows}, unparseable=unparseable)


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _parse_json_lines(records: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """Fast path: polars parses the whole file; every value is read back as text."""
    payload = "\n".join(records["raw_line"].to_list()).encode("utf-8")
    keys = list(pl.read_ndjson(io.BytesIO(payload), infer_schema_length=None).columns)
    frame = pl.read_ndjson(io.BytesIO(payload), schema={key: pl.String for key in keys})
    if frame.height != records.height:
        raise ValueError("line count mismatch")
    return frame.with_columns(records["source_row"]).select("source_row", *keys), keys


def _parse_json_lines_one_by_one(records: pl.DataFrame) -> tuple[pl.DataFrame, list[str], pl.DataFrame]:
    """Slow path for files with malformed lines: find them, keep them for quarantine."""
    parsed, keys, bad = [], {}, []
    for source_row, line in records.iter_rows():
        try:
            value = json.loads(line)
        except ValueError:
            value = None
        if not isinstance(value, dict):
            bad.append({"source_row": source_row, "raw_line": line})
            continue
        keys.update(dict.fromkeys(value))
        parsed.append({"source_row": source_row, **{key: _json_text(item) for key, item in value.items()}})
    headers = list(keys)
    schema = {"source_row": pl.Int64, **{key: pl.String for key in headers}}
    rows = pl.DataFrame(parsed, schema=schema) if parsed else pl.DataFrame(schema=schema)
    return rows, headers, pl.DataFrame(bad, schema={"source_row": pl.Int64, "raw_line": pl.String})


def _json_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# --- Excel --------------------------------------------------------------------------------


def read_xlsx_rows(content: bytes, key_header: str) -> RawRows:
    """First sheet; the header is the row holding `key_header` plus the row below it.

    Read with calamine (Rust): openpyxl took 18x as long (564 seed workbooks: 2.4 s -> 0.14 s),
    on the feed readers' threads. An XLSX file is a zip archive; one cut short has lost the
    directory at its end, so the zip check tells a truncated file from a damaged workbook."""
    try:
        zipfile.ZipFile(io.BytesIO(content)).close()
    except (zipfile.BadZipFile, EOFError) as error:
        raise FeedFileError("truncated_file", f"Excel 文件不完整或已损坏: {error}") from error
    try:
        sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
        # From A1, so that a row's index is its row number in the sheet less one.
        sheet_rows = [tuple(_cell_text(cell) for cell in row) for row in sheet.to_python(skip_empty_area=False)]
    except Exception as error:  # calamine raises several kinds of errors on damaged workbooks
        raise FeedFileError("malformed_file", f"Excel 文件无法解析: {error}") from error
    header_index = next(
        (i for i, row in enumerate(sheet_rows[:_HEADER_SEARCH_ROWS]) if any(_squash(cell) == _squash(key_header) for cell in row)),
        None,
    )
    if header_index is None or header_index + 1 >= len(sheet_rows):
        raise FeedFileError("missing_columns", f"前 {_HEADER_SEARCH_ROWS} 行中找不到表头「{key_header}」")
    headers = _combine_header_rows(sheet_rows[header_index], sheet_rows[header_index + 1])
    width = len(headers)
    data, skipped = [], {"total_rows": 0, "blank_rows": 0}
    for offset, row in enumerate(sheet_rows[header_index + 2 :]):
        cells = list(row[:width]) + [None] * (width - len(row))
        filled = [cell for cell in cells if cell is not None and cell.strip()]
        if not filled:
            skipped["blank_rows"] += 1
        elif filled[0].strip() in TOTAL_ROW_LABELS:
            skipped["total_rows"] += 1
        else:
            data.append([header_index + 3 + offset, *cells])
    kept = [i for i, header in enumerate(headers) if header is not None]
    unheaded = sorted({i + 1 for row in data for i, cell in enumerate(row[1:]) if i not in kept and cell is not None and cell.strip()})
    if unheaded:
        raise FeedFileError("unknown_columns", f"第 {'、'.join(map(str, unheaded))} 列有数据但没有表头")
    names = [headers[i] for i in kept]
    schema = {"source_row": pl.Int64, **{name: pl.String for name in names}}
    rows = pl.DataFrame([[row[0], *(row[i + 1] for i in kept)] for row in data], schema=schema, orient="row")
    return RawRows(rows=rows, headers=names, encoding="xlsx", skipped=_trailing_blank_rows_excluded(skipped, sheet_rows, header_index))


def _combine_header_rows(groups: tuple, leaves: tuple) -> list[str | None]:
    """Two header rows -> `group/leaf`; a column merged down both rows keeps its one name.
    A group label sits in the first cell of its merged range, so it carries to the right."""
    width = max(len(groups), len(leaves))
    headers, group = [], None
    for i in range(width):
        top = groups[i] if i < len(groups) else None
        leaf = leaves[i] if i < len(leaves) else None
        if top is not None:
            group = top
        if leaf is None:
            headers.append(top)  # merged down both rows; None for an unused column
            group = None
        else:
            headers.append(f"{group}/{leaf}" if group else leaf)
    return headers


def _trailing_blank_rows_excluded(skipped: dict[str, int], sheet_rows: list[tuple], header_index: int) -> dict[str, int]:
    """Blank rows after the last filled row are the sheet's end, not skipped data."""
    trailing = 0
    for row in reversed(sheet_rows[header_index + 2 :]):
        if any(cell is not None and cell.strip() for cell in row):
            break
        trailing += 1
    return {**skipped, "blank_rows": skipped["blank_rows"] - trailing}


def _cell_text(value) -> str | None:
    """A cell as the text a person sees: 123 not 123.0, dates as ISO; an empty cell None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _squash(value: str | None) -> str:
    return "".join((value or "").split())
