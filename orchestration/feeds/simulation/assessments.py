"""Yearly 优质服务基层行 results for every 乡镇卫生院 and 社区卫生服务中心.

Each centre has a latent capability that grows at its archetype's pace (or slips); the
rating is a threshold on it: 未达标 < 基本标准 < 推荐标准 < 社区医院. Item compliance scores
are derived from the same capability, so ratings and scores agree as they do in real lists.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from orchestration.feeds.periods import MonthWindow
from orchestration.feeds.randomness import stream
from orchestration.feeds.reference import HEALTH_CENTRE_TYPES, Reference
from orchestration.feeds.simulation.trajectories import draw_archetypes
from orchestration.feeds.specs import RATINGS

# Capability gained per year by archetype (early, on track, lagging, regressing).
_YEARLY_GROWTH = np.array([0.45, 0.3, 0.05, -0.15])
_RATING_THRESHOLDS = np.array([0.3, 1.2, 1.9])  # capability at which 基本标准, 推荐标准, 社区医院 start


def simulate_assessments(reference: Reference, city_id: str, seed: int, window: MonthWindow) -> pl.DataFrame:
    rng = stream(seed, "assessments", city_id)
    centres = reference.institutions.filter(
        (pl.col("city_id") == city_id) & pl.col("institution_type").is_in(HEALTH_CENTRE_TYPES)
    ).sort("org_unit_id")
    years = np.array(window.years())
    baseline = rng.normal(0.75, 0.5, centres.height)
    growth = _YEARLY_GROWTH[draw_archetypes(rng, centres.height)]
    capability = baseline[:, None] + growth[:, None] * (years - 2023)[None, :] + rng.normal(0, 0.12, (centres.height, years.size))
    rating = np.searchsorted(_RATING_THRESHOLDS, capability.ravel(), side="right")
    basic_score = np.clip(72 + 14 * capability.ravel() + rng.normal(0, 2, capability.size), 35, 100).round(1)
    recommended_score = np.clip(48 + 22 * capability.ravel() + rng.normal(0, 3, capability.size), 10, 100).round(1)
    return pl.DataFrame({
        "institution_id": np.repeat(centres["org_unit_id"].to_numpy(), years.size),
        "institution_name": np.repeat(centres["name"].to_numpy(), years.size),
        "year": np.tile(years, centres.height).astype(np.int32),
        "rating": np.asarray(RATINGS)[rating],
        "basic_standard_score": basic_score,
        "recommended_standard_score": recommended_score,
    }).with_columns(pl.col("year").cast(pl.String).alias("period")).sort("period", "institution_id")
