"""Load feed files: the entry points the Dagster assets call.

    load_feed_file(path, reference) -> FeedFileLoad(accepted, quarantined, audit)
    load_feed(folder, reference)    -> FeedLoad(current, history, quarantined, audit)

Nothing is lost: every data row of a readable file is either accepted or quarantined
(received = accepted + quarantined, in each file's audit), a file that cannot be read at
all is recorded with an error code and no rows, and rows replaced by a later submission
stay in history. Accepted rows follow `spec.accepted_schema`; quarantined rows
QUARANTINE_SCHEMA, with the row as received in `raw_record`.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from orchestration.feeds.corrections import latest_by_key
from orchestration.feeds.filenames import FileName, delivery_date, parse_file_name
from orchestration.feeds.normalise import FULL_WIDTH_TALLY, PERCENT_TEXT_TALLY, normalise
from orchestration.feeds.periods import MONITORING_WINDOW, MonthWindow
from orchestration.feeds.readers import FeedFileError, RawRows, read_rows
from orchestration.feeds.reference import Reference
from orchestration.feeds.specs import FEEDS, FEEDS_BY_TITLE, LINEAGE_SCHEMA, QUARANTINE_SCHEMA, FeedSpec
from orchestration.feeds.validation import accepted_rows, failed_rows, flag_failures, reasons

AUDIT_SCHEMA: dict[str, pl.DataType] = {
    "feed": pl.String(),
    "source_file": pl.String(),
    "delivered_on": pl.Date(),
    "period": pl.String(),
    "status": pl.String(),  # loaded | file_error
    "error_code": pl.String(),
    "error_message": pl.String(),
    "rows_received": pl.Int64(),
    "rows_accepted": pl.Int64(),
    "rows_quarantined": pl.Int64(),
    "rows_replaced": pl.Int64(),  # accepted rows a later row or file for the same key replaced
    "quarantined_by_reason": pl.String(),  # JSON object reason -> rows
    "columns_reordered": pl.Boolean(),
    "full_width_values": pl.Int64(),
    "percent_text_values": pl.Int64(),
    "institutions_by_alias": pl.Int64(),
    "total_rows_skipped": pl.Int64(),  # Excel 合计 rows: not data
    "blank_rows_skipped": pl.Int64(),
}


# Counted for the audit in the same pass that judges the rows.
_TALLIES = [
    pl.col(FULL_WIDTH_TALLY).sum().cast(pl.Int64).alias("full_width_values"),
    pl.col(PERCENT_TEXT_TALLY).sum().cast(pl.Int64).alias("percent_text_values"),
    (pl.col("institution_matched_by") == "alias").sum().cast(pl.Int64).alias("institutions_by_alias"),
]


@dataclass(frozen=True)
class FeedFileLoad:
    accepted: pl.DataFrame
    quarantined: pl.DataFrame
    audit: dict


@dataclass(frozen=True)
class FeedLoad:
    current: pl.DataFrame  # accepted rows still in force: the latest submission per key
    history: pl.DataFrame  # accepted rows a later submission replaced
    quarantined: pl.DataFrame
    audit: pl.DataFrame  # one row per file, AUDIT_SCHEMA


def load_feed_file(
    path: Path, reference: Reference, *, root: Path | None = None, window: MonthWindow = MONITORING_WINDOW,
    timings: Counter | None = None,
) -> FeedFileLoad:
    """Read, normalise and validate one file. `root` makes `source_file` a path relative to
    it (e.g. the feeds folder); otherwise it is the file name. `timings`, when given, is
    added the seconds spent `reading` and `validating` (normalising included)."""
    timings = Counter() if timings is None else timings
    began = time.perf_counter()
    source_file = path.relative_to(root).as_posix() if root else path.name
    name = parse_file_name(path.name)
    spec = FEEDS_BY_TITLE.get(name.title) if name else None
    lineage = {
        "feed": spec.name if spec else None,
        "source_file": source_file,
        "delivered_on": delivery_date(path),
        "period": name.period if name else None,
    }
    try:
        spec = _recognise(path, name, spec)
        _check_period(spec, name.period, window)
        raw = read_rows(spec, path.read_bytes())
        read = time.perf_counter()
        timings["reading"] += read - began
        normalised = normalise(spec, raw, reference)
        accepted, failed, tallies = _judge(spec, flag_failures(spec, normalised.rows, reference, name.period), raw.rows.height)
    except FeedFileError as error:
        timings["reading"] += time.perf_counter() - began
        return _rejected_file(spec, lineage, error)
    rejected = reasons(spec, failed)

    quarantined = _quarantine(raw, rejected, lineage)
    accepted = accepted.with_columns(
        *(pl.lit(value, LINEAGE_SCHEMA[key]).alias(key) for key, value in lineage.items())
    ).select(list(spec.accepted_schema)).cast(spec.accepted_schema)
    replaced_in_file = accepted.height - accepted.select(spec.key).n_unique()
    audit = {
        **lineage,
        "status": "loaded",
        "error_code": None,
        "error_message": None,
        "rows_received": raw.rows.height + (raw.unparseable.height if raw.unparseable is not None else 0),
        "rows_accepted": accepted.height,
        "rows_quarantined": quarantined.height,
        "rows_replaced": replaced_in_file,
        "quarantined_by_reason": json.dumps(dict(sorted(Counter(quarantined["reason"].to_list()).items())), ensure_ascii=False),
        "columns_reordered": normalised.columns_reordered,
        **tallies.row(0, named=True),
        "total_rows_skipped": raw.skipped.get("total_rows", 0),
        "blank_rows_skipped": raw.skipped.get("blank_rows", 0),
    }
    timings["validating"] += time.perf_counter() - read
    return FeedFileLoad(accepted=accepted, quarantined=quarantined, audit=audit)


def load_feed(
    folder: Path, reference: Reference, *, root: Path | None = None, window: MonthWindow = MONITORING_WINDOW
) -> FeedLoad:
    """Every file under `folder` (one feed), corrections applied across files."""
    paths = sorted(path for path in folder.rglob("*") if path.is_file() and not path.name.startswith("."))
    loads = [load_feed_file(path, reference, root=root, window=window) for path in paths]
    feeds = {load.audit["feed"] for load in loads if load.audit["feed"]}
    if len(feeds) > 1:
        raise ValueError(f"{folder} mixes feeds: {sorted(feeds)}")
    spec = FEEDS[feeds.pop()] if feeds else None
    # Files no feed recognises contribute an audit row (their error) and nothing else.
    accepted = pl.concat(
        [load.accepted for load in loads if spec and load.audit["feed"] == spec.name],
        how="vertical",
    ) if spec else pl.DataFrame(schema=LINEAGE_SCHEMA)
    quarantined = pl.concat([load.quarantined for load in loads]) if loads else pl.DataFrame(schema=QUARANTINE_SCHEMA)
    if spec:
        current, history = latest_by_key(spec, accepted)
    else:
        current, history = accepted, accepted.with_columns(
            pl.lit(None, pl.String).alias("superseded_by_file"), pl.lit(None, pl.Int64).alias("superseded_by_row"))
    audit = pl.DataFrame([load.audit for load in loads], schema=AUDIT_SCHEMA)
    # A file's rows can be replaced by a later file; count replacements wherever they came from.
    replaced = history.group_by("source_file").len("replaced")
    audit = audit.join(replaced, on="source_file", how="left", maintain_order="left").with_columns(
        pl.col("replaced").fill_null(0).alias("rows_replaced")
    ).drop("replaced")
    return FeedLoad(current=current, history=history, quarantined=quarantined, audit=audit)


# Below this many rows a file is judged at once by polars' in-memory engine: the default
# (streaming) engine spends ~20 ms setting up a plan of ~60 checks, 3-5x the work of a small
# file (make bench, seed: 1,751 files).
SMALL_FILE_ROWS = 1_000_000


def _judge(spec: FeedSpec, flagged: pl.LazyFrame, rows: int) -> list[pl.DataFrame]:
    """[rows that pass, rows that fail, the audit's tallies] of `flag_failures`' plan."""
    if rows < SMALL_FILE_ROWS:
        judged = flagged.collect(engine="in-memory").lazy()
        return [query.collect(engine="in-memory") for query in (accepted_rows(spec, judged), failed_rows(judged), judged.select(_TALLIES))]
    # One streaming pass with three outputs: the judged rows, twice the size of the accepted
    # ones, are never held at once (-0.6 GB for a province's 3.7 M-row contracts file).
    return pl.collect_all([accepted_rows(spec, flagged), failed_rows(flagged), flagged.select(_TALLIES)])


def _recognise(path: Path, name: FileName | None, spec: FeedSpec | None) -> FeedSpec:
    if name is None or spec is None:
        raise FeedFileError("unrecognised_file_name", f"文件名“{path.name}”不符合 <地区编码>_<报表名称>_<期间>.<扩展名>，或报表名称未知")
    if name.extension != spec.file_format:
        raise FeedFileError("unrecognised_file_name", f"{spec.title} 应为 .{spec.file_format} 文件，收到 .{name.extension}")
    return spec


def _check_period(spec: FeedSpec, period: str, window: MonthWindow) -> None:
    if spec.cadence == "yearly":
        valid = period.isdigit() and len(period) == 4 and window.contains_year(int(period))
    else:
        try:
            valid = window.contains_month(period)
        except ValueError:
            valid = False
    if not valid:
        raise FeedFileError("unknown_month", f"文件所属期“{period}”不是监测期 {window.first} 至 {window.last} 内的{'年度' if spec.cadence == 'yearly' else '月份'}")


def _quarantine(raw: RawRows, rejected: pl.DataFrame, lineage: dict) -> pl.DataFrame:
    """Rejected rows with the row as received (JSON of header -> text), plus lines that were
    not records at all."""
    # Only the rejected rows are encoded: most files have few.
    as_received = raw.rows.join(rejected.select("source_row"), on="source_row", how="semi").select(
        "source_row", pl.struct(raw.headers).struct.json_encode().alias("raw_record"))
    rows = rejected.join(as_received, on="source_row", how="left", maintain_order="left")
    if raw.unparseable is not None and raw.unparseable.height:
        lines = raw.unparseable.select(
            "source_row", pl.lit("unparseable_row").alias("reason"), pl.lit(None, pl.String).alias("column"),
            pl.lit("该行不是一个 JSON 对象").alias("message"), pl.col("raw_line").alias("raw_record"),
        )
        rows = pl.concat([rows, lines]).sort("source_row")
    return rows.with_columns(
        *(pl.lit(value, QUARANTINE_SCHEMA[key]).alias(key) for key, value in lineage.items())
    ).select(list(QUARANTINE_SCHEMA)).cast(QUARANTINE_SCHEMA)


def _rejected_file(spec: FeedSpec | None, lineage: dict, error: FeedFileError) -> FeedFileLoad:
    schema = spec.accepted_schema if spec else LINEAGE_SCHEMA
    audit = {name: None for name in AUDIT_SCHEMA} | lineage | {
        "status": "file_error", "error_code": error.code, "error_message": error.message,
        "rows_received": 0, "rows_accepted": 0, "rows_quarantined": 0, "rows_replaced": 0, "quarantined_by_reason": "{}",
    }
    return FeedFileLoad(accepted=pl.DataFrame(schema=schema), quarantined=pl.DataFrame(schema=QUARANTINE_SCHEMA), audit=audit)
