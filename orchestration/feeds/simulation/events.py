"""Mutual-recognition events from the 检查检验结果互认 platform, one row per ordered item.

The platform logs every item it checked for an earlier result; that is the volume generated
here (hundreds a month for a hospital, tens for a health centre), at both scales: rows stay
event-level because the indicator needs nothing coarser and the province tier still fits
(~3 M events over three years). About a third of items had an earlier result from another
institution (eligible); of those, the share recognised rather than repeated follows each
ordering institution's trajectory towards the ≥ 80% target.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from orchestration.feeds.periods import MonthWindow
from orchestration.feeds.randomness import stream
from orchestration.feeds.reference import (
    COMMUNITY_HEALTH_CENTRE,
    COUNTY_HOSPITAL,
    HEALTH_CENTRE_TYPES,
    HOSPITAL_TYPES,
    SECONDARY_HOSPITAL,
    TERTIARY_HOSPITAL,
    TOWNSHIP_HEALTH_CENTRE,
    Reference,
)
from orchestration.feeds.simulation.trajectories import calendar_position, draw_archetypes, path, progress, seasonality
from orchestration.feeds.specs import ITEM_CLASSES

RECOGNITION_GOAL = 0.88
_EVENTS_PER_MONTH = {TERTIARY_HOSPITAL: 300, SECONDARY_HOSPITAL: 120, COUNTY_HOSPITAL: 120,
                     TOWNSHIP_HEALTH_CENTRE: 20, COMMUNITY_HEALTH_CENTRE: 24}
_PRIOR_RESULT_SHARE = {TERTIARY_HOSPITAL: 0.34, SECONDARY_HOSPITAL: 0.30, COUNTY_HOSPITAL: 0.30,
                       TOWNSHIP_HEALTH_CENTRE: 0.20, COMMUNITY_HEALTH_CENTRE: 0.22}
_ITEM_CLASS_SHARE = (0.55, 0.20, 0.15, 0.10)
ITEM_NAMES = {
    "检验": ("血常规", "尿常规", "肝功能", "肾功能", "血脂四项", "糖化血红蛋白", "凝血功能"),
    "影像": ("胸部X线", "胸部CT", "头颅CT", "腰椎MRI", "膝关节MRI"),
    "超声": ("腹部超声", "甲状腺超声", "心脏超声", "泌尿系超声"),
    "心电": ("常规心电图", "动态心电图"),
}


def simulate_events(reference: Reference, city_id: str, seed: int, window: MonthWindow) -> pl.DataFrame:
    rng = stream(seed, "mutual_recognition", city_id)
    months = window.months()
    units = reference.institutions.filter(
        (pl.col("city_id") == city_id) & pl.col("institution_type").is_in([*HOSPITAL_TYPES, *HEALTH_CENTRE_TYPES])
    ).sort("org_unit_id").join(
        reference.township_population.select("township_id", "resident_population"), on="township_id", maintain_order="left"
    )
    unit_types = units["institution_type"].to_list()
    volume = np.array([_EVENTS_PER_MONTH[t] for t in unit_types]) * rng.uniform(0.6, 1.4, units.height)
    counts = rng.poisson(volume[:, None] * seasonality(months)[None, :])
    recognition = np.clip(
        path(rng.uniform(0.40, 0.72, units.height), RECOGNITION_GOAL,
             progress(draw_archetypes(rng, units.height), calendar_position(months))),
        0.05, 0.99,
    )

    unit = np.repeat(np.repeat(np.arange(units.height), len(months)), counts.ravel())
    month = np.repeat(np.tile(np.arange(len(months)), units.height), counts.ravel())
    total = unit.size
    item_class = rng.choice(len(ITEM_CLASSES), size=total, p=_ITEM_CLASS_SHARE)
    prior_share = np.array([_PRIOR_RESULT_SHARE[t] for t in unit_types])
    has_prior = rng.random(total) < prior_share[unit]
    recognised = rng.random(total) < recognition[unit, month]
    # The earlier result comes from any other institution of the city.
    other = rng.integers(0, units.height - 1, total)
    prior_unit = other + (other >= unit)

    month_start = np.array([np.datetime64(m + "-01", "s") for m in months])
    days_in_month = np.array([(np.datetime64(m, "M") + 1 - np.datetime64(m, "M")).astype("timedelta64[D]").astype(int)
                              for m in months])
    seconds = (rng.integers(0, days_in_month[month]) * 86_400 + rng.integers(7 * 3600, 18 * 3600, total))
    ordered_at = month_start[month] + seconds.astype("timedelta64[s]")
    item_names = _item_names(rng, item_class)
    population = units["resident_population"].to_numpy()

    events = pl.DataFrame({
        "unit": unit,
        "month": month,
        "institution_id": units["org_unit_id"].gather(unit),
        "township_id": units["township_id"].gather(unit),
        "serial": (rng.random(total) * population[unit]).astype(np.int64),
        "item_class": np.asarray(ITEM_CLASSES)[item_class],
        "item_name": item_names,
        "ordered_at": ordered_at.astype("datetime64[us]"),
        "has_prior_result": has_prior,
        "prior_institution_id": units["org_unit_id"].gather(prior_unit),
        "recognised": recognised,
    })
    period = pl.col("ordered_at").dt.strftime("%Y-%m")
    return events.sort("ordered_at", "institution_id", "serial").with_columns(
        (pl.lit("HR") + pl.col("institution_id") + pl.col("ordered_at").dt.strftime("%Y%m")
         + (pl.int_range(pl.len()).over("institution_id", period) + 1).cast(pl.String).str.zfill(5)).alias("event_id"),
        (pl.col("township_id") + pl.col("serial").cast(pl.String).str.zfill(8)).alias("patient_id"),
        pl.when(pl.col("has_prior_result")).then(pl.col("prior_institution_id")).alias("prior_institution_id"),
        pl.when(~pl.col("has_prior_result")).then(None)
        .when(pl.col("recognised")).then(pl.lit("互认")).otherwise(pl.lit("重复检查")).alias("recognition_result"),
        period.alias("period"),
    ).select(
        "event_id", "institution_id", "patient_id", "item_class", "item_name", "ordered_at", "has_prior_result",
        "prior_institution_id", "recognition_result", "period",
    )


def _item_names(rng: np.random.Generator, item_class: np.ndarray) -> np.ndarray:
    names = np.empty(item_class.size, dtype=object)
    draw = rng.random(item_class.size)
    for index, class_name in enumerate(ITEM_CLASSES):
        choices = np.asarray(ITEM_NAMES[class_name], dtype=object)
        members = item_class == index
        names[members] = choices[(draw[members] * choices.size).astype(np.int64)]
    return names
