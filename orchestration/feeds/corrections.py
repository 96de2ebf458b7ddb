"""Corrections: among accepted rows with the same key, the latest submission wins.

Submissions are ordered by delivery date (the delivery folder), then file name, then row,
so a resubmitted file replaces the first one and a row repeated further down a file
replaces the one above it. Replaced rows are kept as history, pointing at their successor.
dbt can apply the same rule in SQL: partition by the feed key, order by
(delivered_on, source_file, source_row), keep the last.
"""

from __future__ import annotations

import polars as pl

from orchestration.feeds.specs import FeedSpec

SUBMISSION_ORDER = ("delivered_on", "source_file", "source_row")


def latest_by_key(spec: FeedSpec, accepted: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(current rows, replaced rows + `superseded_by_file`, `superseded_by_row`)."""
    key = list(spec.key)
    ordered = accepted.sort(list(SUBMISSION_ORDER), nulls_last=False, maintain_order=True)
    is_current = pl.struct(key).is_last_distinct()
    current = ordered.filter(is_current)
    history = ordered.with_columns(
        pl.col("source_file").shift(-1).over(key).alias("superseded_by_file"),
        pl.col("source_row").shift(-1).over(key).alias("superseded_by_row"),
    ).filter(~is_current)
    return current, history
