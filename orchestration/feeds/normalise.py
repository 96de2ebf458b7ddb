"""Turn received text into canonical columns and typed values, without deciding validity.

- columns are matched by header name, whatever their order (NFKC, whitespace ignored);
- values are NFKC-folded (full-width digits, letters and ％ become ASCII) and trimmed; an
  empty cell is null;
- `85%` in a percent column reads as 85; counts may carry thousands separators;
- an institution column may hold a code or any alias of institution_aliases.csv.

A value that cannot be read stays null in its typed column, next to its text, so validation
can tell 'blank' from 'unparseable'.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import polars as pl

from orchestration.feeds.readers import FeedFileError, RawRows
from orchestration.feeds.reference import Reference, alias_key
from orchestration.feeds.specs import Applies, FeedSpec, Kind

TEXT_SUFFIX = "__text"  # column holding a value's normalised text beside its typed column
_TRUE = ["1", "是", "true", "True", "TRUE", "Y", "y"]
_FALSE = ["0", "否", "false", "False", "FALSE", "N", "n"]
# One lookup per value, not two is_in tests (8 flag columns per contract row)
_FLAG_VALUES = {**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}


# Per-row tallies the audit sums up; loading drops them before anything is stored.
FULL_WIDTH_TALLY = "__full_width_values"
PERCENT_TEXT_TALLY = "__percent_text_values"


@dataclass(frozen=True)
class Normalised:
    # source_row, <name>__text (normalised text), <name> (typed), institution_matched_by, and
    # the per-row tallies; lazy, so normalising and validating a file is one pass (loading collects)
    rows: pl.LazyFrame
    columns_reordered: bool


def header_key(header: str) -> str:
    return "".join(unicodedata.normalize("NFKC", header).split())


def align_columns(spec: FeedSpec, raw: RawRows) -> tuple[pl.DataFrame, bool]:
    """Rename headers to canonical column names; unknown headers or missing required ones
    reject the file. Optional columns a file leaves out come back null."""
    known = {header_key(column.header): column.name for column in spec.columns}
    keys = [header_key(header) for header in raw.headers]
    unknown = [header for header, key in zip(raw.headers, keys) if key not in known]
    if unknown or len(set(keys)) < len(keys):
        repeated = sorted({header for header, key in zip(raw.headers, keys) if keys.count(key) > 1})
        raise FeedFileError("unknown_columns", "未知或重复的列: " + "、".join(unknown + repeated))
    present = {known[key] for key in keys}
    missing = [column.header for column in spec.columns if column.name not in present and column.applies is not Applies.OPTIONAL]
    if missing:
        raise FeedFileError("missing_columns", "缺少必需的列: " + "、".join(missing))
    renamed = raw.rows.rename({header: known[key] for header, key in zip(raw.headers, keys)})
    order_in_file = [known[key] for key in keys]
    template_order = [column.name for column in spec.columns if column.name in present]
    frame = renamed.select(
        "source_row",
        *(pl.col(column.name) if column.name in present else pl.lit(None, pl.String).alias(column.name) for column in spec.columns),
    )
    return frame, order_in_file != template_order


def normalise(spec: FeedSpec, raw: RawRows, reference: Reference) -> Normalised:
    frame, reordered = align_columns(spec, raw)
    names = [column.name for column in spec.columns]
    folded_columns = _nfkc_folded(frame, names)
    to_fold = list(folded_columns)
    folded = frame.with_columns(folded_columns.values()).lazy().with_columns(
        pl.sum_horizontal((pl.col(name) != pl.col(name + TEXT_SUFFIX)).fill_null(False) for name in to_fold).alias(FULL_WIDTH_TALLY)
        if to_fold else pl.lit(0).alias(FULL_WIDTH_TALLY)
    ).with_columns(
        pl.col(name + TEXT_SUFFIX if name in to_fold else name).str.strip_chars().replace("", None).alias(name + TEXT_SUFFIX)
        for name in names
    )
    percents = [column.name for column in spec.columns if column.kind is Kind.PERCENT]
    typed = folded.select(
        "source_row",
        *(pl.col(name + TEXT_SUFFIX) for name in names),
        *(_parse(column.kind, pl.col(column.name + TEXT_SUFFIX)).alias(column.name) for column in spec.columns),
        pl.col(FULL_WIDTH_TALLY),
        pl.sum_horizontal(pl.col(name + TEXT_SUFFIX).str.ends_with("%").fill_null(False) for name in percents).alias(PERCENT_TEXT_TALLY)
        if percents else pl.lit(0).alias(PERCENT_TEXT_TALLY),
    )
    return Normalised(rows=_resolve_institutions(typed, spec.institution_column, reference), columns_reordered=reordered)


def _nfkc_folded(frame: pl.DataFrame, names: list[str]) -> dict[str, pl.Series]:
    """`<name>__text`, NFKC-folded, of each column holding some non-ASCII text. Only those
    values are folded, the others kept as they are: ASCII text is NFKC already, and a feed's
    non-ASCII values are few (full-width defects, names). Folding a whole column of 2.6 M
    province resident ids took 0.49 s, a when/then over it 0.12 s, this 0.05 s. Which columns
    hold any is asked in one query: column by column, the question cost more than a small
    file's whole validation (seed: 1,711 files x 14 columns, 6 s)."""
    holds_non_ascii = frame.select((pl.col(name).str.len_bytes() != pl.col(name).str.len_chars()).any() for name in names).row(0)
    folded = {}
    for name in (name for name, non_ascii in zip(names, holds_non_ascii) if non_ascii):
        column = frame[name]
        positions = (column.str.len_bytes() != column.str.len_chars()).arg_true()
        folded[name] = column.clone().scatter(positions, column.gather(positions).str.normalize("NFKC")).alias(name + TEXT_SUFFIX)
    return folded


def _parse(kind: Kind, text: pl.Expr) -> pl.Expr:
    match kind:
        case Kind.COUNT:
            digits = text.str.replace_all(",", "").str.replace(r"\.0+$", "")
            return pl.when(digits.str.contains(r"^-?[0-9]+$")).then(digits).cast(pl.Int64, strict=False)
        case Kind.PERCENT:
            number = text.str.strip_suffix("%").str.strip_chars()
            return pl.when(number.str.contains(r"^-?[0-9]+(\.[0-9]+)?$")).then(number).cast(pl.Float64, strict=False)
        case Kind.DATE:
            return pl.coalesce(
                text.str.to_date(pattern, strict=False) for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y年%m月%d日")
            )
        case Kind.DATETIME:
            return pl.coalesce(
                text.str.to_datetime(pattern, strict=False, time_unit="us")
                for pattern in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S")
            )
        case Kind.MONTH:
            parts = text.str.extract_groups(r"^(?P<year>[0-9]{4})(?:[-/]|年)?(?P<month>[0-9]{1,2})(?:月|-[0-9]{1,2}(?: 00:00:00)?)?$")
            year = parts.struct.field("year").cast(pl.Int32, strict=False)
            month = parts.struct.field("month").cast(pl.Int8, strict=False)
            return pl.when(month.is_between(1, 12)).then(pl.date(year, month, 1))
        case Kind.YEAR:
            return text.str.extract(r"^([0-9]{4})(?:年度?)?$").cast(pl.Int32, strict=False)
        case Kind.FLAG:
            return text.replace_strict(_FLAG_VALUES, default=None, return_dtype=pl.Boolean)
        case _:
            return text


def _resolve_institutions(frame: pl.LazyFrame, column: str, reference: Reference) -> pl.LazyFrame:
    """A known 12-digit code stands; otherwise the text is looked up among aliases. Resolved
    once per distinct text (a file names a few thousand institutions in up to millions of rows)."""
    text = column + TEXT_SUFFIX
    codes = reference.institutions.lazy().select(pl.col("org_unit_id").alias(text), pl.lit(True).alias("__known"))
    resolved = (
        frame.select(text).unique()
        .join(codes, on=text, how="left")
        .with_columns(alias_key(pl.col(text)).alias("alias_key"))
        .join(reference.alias_lookup.lazy().rename({"org_unit_id": "__alias_of"}), on="alias_key", how="left")
        .select(
            text,
            pl.when(pl.col("__known")).then(pl.col(text)).otherwise(pl.col("__alias_of")).alias(column),
            pl.when(pl.col("__known")).then(pl.lit("code"))
            .when(pl.col("__alias_of").is_not_null()).then(pl.lit("alias")).alias("institution_matched_by"),
        )
    )
    return frame.drop(column).join(resolved, on=text, how="left", maintain_order="left")
