"""Typed simulated rows -> the text a source system writes into a file, under its headers.

Everything becomes a string (null = blank cell), because defects are injected into text:
a full-width digit or `85%` can only exist there.
"""

from __future__ import annotations

import polars as pl

from orchestration.feeds.specs import FeedSpec, Kind


def render_text(spec: FeedSpec, rows: pl.DataFrame) -> pl.DataFrame:
    return rows.select(_render(column.kind, pl.col(column.name), spec.file_format).alias(column.header) for column in spec.columns)


def _render(kind: Kind, value: pl.Expr, file_format: str) -> pl.Expr:
    match kind:
        case Kind.DATE:
            return value.dt.strftime("%Y-%m-%d")
        case Kind.DATETIME:
            return value.dt.strftime("%Y-%m-%dT%H:%M:%S")
        case Kind.MONTH:
            return value.dt.strftime("%Y-%m")
        case Kind.FLAG:
            # The platform API speaks JSON booleans; exported tables write 1/0.
            truthy, falsy = ("true", "false") if file_format == "jsonl" else ("1", "0")
            return pl.when(value).then(pl.lit(truthy)).when(~value).then(pl.lit(falsy))
        case Kind.PERCENT:
            return value.round(1).cast(pl.String)
        case _:
            return value.cast(pl.String)
