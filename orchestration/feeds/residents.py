"""Residents of a township and the key populations they belong to.

A resident is a 17-digit 健康档案号: the 9-digit township code and an 8-digit serial. Who is
elderly, hypertensive, pregnant... is drawn once per township from the reference seed, so the
key-population counts in township_population.csv are exactly the flagged residents the
contract generator later signs up (the signing itself follows the feed seed).
"""

from __future__ import annotations

import numpy as np
import polars as pl

REFERENCE_SEED = 20230101

# Feed column name -> township_population.csv column counting the same residents.
KEY_POPULATIONS: dict[str, str] = {
    "is_elderly_65": "population_65_plus",
    "has_hypertension": "hypertension_patients",
    "has_type2_diabetes": "type2_diabetes_patients",
    "is_maternal": "maternal",
    "is_child_0_6": "children_0_6",
    "is_disabled": "disabled",
    "has_severe_mental_disorder": "severe_mental_disorder",
    "has_tuberculosis": "tuberculosis",
}


def township_rng(township_id: str, stream: int) -> np.random.Generator:
    """An RNG owned by one township, so any subset of townships can be regenerated alone."""
    return np.random.default_rng([REFERENCE_SEED, int(township_id), stream])


def resident_flags(township_id: str, population: int, rural_share: float) -> dict[str, np.ndarray]:
    """Key-population flags for residents 0..population-1 of one township."""
    rng = township_rng(township_id, stream=1)
    # Rural townships are older: out-migration of working-age adults.
    elderly_share = 0.11 + 0.07 * rural_share + rng.normal(0, 0.01)
    age = rng.random(population)
    child = age < 0.065
    elderly = age > 1 - elderly_share
    adult = ~(child | elderly)
    draws = rng.random((6, population))
    return {
        "is_elderly_65": elderly,
        "has_hypertension": (elderly & (draws[0] < 0.42)) | (adult & (draws[0] < 0.08)),
        "has_type2_diabetes": (elderly & (draws[1] < 0.16)) | (adult & (draws[1] < 0.035)),
        "is_maternal": adult & (draws[2] < 0.014),
        "is_child_0_6": child,
        "is_disabled": draws[3] < np.where(elderly, 0.10, 0.045),
        "has_severe_mental_disorder": draws[4] < 0.0045,
        "has_tuberculosis": draws[5] < 0.0006,
    }


def key_population_counts(townships: pl.DataFrame) -> pl.DataFrame:
    """Per township (`township_id`, `resident_population`, `rural_share`): how many residents
    fall in each key population, and in at least one (`key_population`)."""
    rows = []
    for township_id, population, rural_share in townships.select(
        "township_id", "resident_population", "rural_share"
    ).iter_rows():
        flags = resident_flags(township_id, population, rural_share)
        any_flag = np.logical_or.reduce(list(flags.values()))
        counts = {KEY_POPULATIONS[name]: int(values.sum()) for name, values in flags.items()}
        rows.append({"township_id": township_id, **counts, "key_population": int(any_flag.sum())})
    return pl.DataFrame(rows)
