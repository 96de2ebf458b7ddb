"""Family-doctor contracts, one row per contract, for every resident of one city.

Contracts run for a year from the signing day and lapse unless the resident signs again.
Each resident keeps a signing day (mostly in the first-quarter campaign) and an affinity to
sign; each township's yearly signing rate follows its trajectory, key populations sign more
often, and about 1% of residents hold a second, overlapping contract with another team.
Contracts signed before the window (still in force at its start) are reported in the first
month's file, as the opening stock of a real 签约系统 extract would be.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from orchestration.feeds.periods import MonthWindow, add_months, first_day
from orchestration.feeds.randomness import stream
from orchestration.feeds.reference import HEALTH_CENTRE_TYPES, PRIMARY_CARE_TYPES, Reference
from orchestration.feeds.residents import KEY_POPULATIONS, resident_flags
from orchestration.feeds.simulation.trajectories import (
    SIGNING_MONTH_WEIGHTS,
    calendar_position,
    draw_archetypes,
    path,
    progress,
)

SIGNING_GOAL = 0.82
KEY_POPULATION_BONUS = 0.12
SECOND_CONTRACT_SHARE = 0.01
RESIDENTS_PER_CENTRE_TEAM = 2_500


def simulate_contracts(reference: Reference, city_id: str, seed: int, window: MonthWindow) -> pl.DataFrame:
    rng = stream(seed, "contracts", city_id)
    townships = _city_townships(reference, city_id)
    years = list(range(window.years()[0] - 1, window.years()[-1] + 1))
    rates = _yearly_signing_rates(rng, townships.height, years)
    residents = _residents(townships)
    teams = _family_doctor_teams(reference, townships, residents, rng)

    count = residents["township_index"].size
    affinity = rng.random(count)
    signing_month = rng.choice(12, size=count, p=SIGNING_MONTH_WEIGHTS) + 1
    signing_day = rng.integers(1, 29, count)  # day 29+ would not exist in every month
    yearly = []
    for year_number, year in enumerate(years):
        # Most of the score is the resident's lasting affinity, so signers tend to renew;
        # the rest is yearly churn, so some lapse and others join.
        score = 0.8 * affinity + 0.2 * rng.random(count)
        threshold = rates[residents["township_index"], year_number] + KEY_POPULATION_BONUS * residents["key_population"]
        signed = np.flatnonzero(score < threshold)
        yearly.append(pl.DataFrame({
            "resident_index": signed,
            "year": np.full(signed.size, year, dtype=np.int32),
            "month": signing_month[signed].astype(np.int8),
            "day": signing_day[signed].astype(np.int8),
            "unit_index": teams["unit_index"][signed],
            "team_number": teams["team_number"][signed],
            "shift_days": np.zeros(signed.size, dtype=np.int32),
        }))
    contracts = pl.concat(yearly)
    contracts = pl.concat([contracts, _second_contracts(contracts, residents, teams, rng)])
    return _finish(contracts, residents, townships, teams["unit_ids"], window)


def _city_townships(reference: Reference, city_id: str) -> pl.DataFrame:
    city_townships = reference.org_units.filter((pl.col("level") == "township") & (pl.col("city_id") == city_id))
    return reference.township_population.join(
        city_townships.select(pl.col("org_unit_id").alias("township_id")), on="township_id", maintain_order="left"
    ).sort("township_id")


def _yearly_signing_rates(rng: np.random.Generator, townships: int, years: list[int]) -> np.ndarray:
    """Signing probability per township and contract year, read mid-year off the trajectory."""
    archetypes = draw_archetypes(rng, townships)
    baseline = rng.uniform(0.42, 0.66, townships)
    position = calendar_position([f"{year}-06" for year in years])
    return np.clip(path(baseline, SIGNING_GOAL, progress(archetypes, position)), 0.05, 0.97)


def _residents(townships: pl.DataFrame) -> dict[str, np.ndarray]:
    """Every resident of the townships: township index, serial and key-population flags."""
    parts = []
    for index, (township_id, population, rural_share) in enumerate(
        townships.select("township_id", "resident_population", "rural_share").iter_rows()
    ):
        flags = resident_flags(township_id, population, rural_share)
        parts.append({"township_index": np.full(population, index, dtype=np.int32),
                      "serial": np.arange(population, dtype=np.int32), **flags})
    residents = {name: np.concatenate([part[name] for part in parts]) for name in parts[0]}
    residents["key_population"] = np.logical_or.reduce([residents[flag] for flag in KEY_POPULATIONS])
    populations = townships["resident_population"].to_numpy()
    residents["township_offset"] = np.concatenate([[0], np.cumsum(populations)[:-1]])
    residents["township_population"] = populations
    return residents


def _family_doctor_teams(
    reference: Reference, townships: pl.DataFrame, residents: dict[str, np.ndarray], rng: np.random.Generator
) -> dict:
    """Each resident's team: two in three sign with a health centre of their township, the
    rest with their village clinic or community station (where the township has one)."""
    units = reference.institutions.filter(
        pl.col("township_id").is_in(townships["township_id"].implode()) & pl.col("institution_type").is_in(PRIMARY_CARE_TYPES)
    ).join(
        townships.select("township_id", pl.int_range(pl.len()).alias("township_index")), on="township_id", maintain_order="left"
    ).with_columns(
        pl.col("institution_type").is_in(HEALTH_CENTRE_TYPES).alias("is_centre")
    ).sort("is_centre", "township_index", "org_unit_id", descending=[True, False, False])
    # Centres first, then other units; within each, grouped by township, so a township's
    # candidates are a contiguous slice [offset, offset + count).
    centre_count, centre_offset = _slices(units.filter(pl.col("is_centre")), townships.height, start=0)
    centres_total = int(centre_count.sum())
    other_count, other_offset = _slices(units.filter(~pl.col("is_centre")), townships.height, start=centres_total)

    township = residents["township_index"]
    size = township.size
    with_centre = (rng.random(size) < 2 / 3) | (other_count[township] == 0)
    offset = np.where(with_centre, centre_offset[township], other_offset[township])
    choices = np.where(with_centre, centre_count[township], other_count[township])
    unit_index = offset + (rng.random(size) * choices).astype(np.int64)
    teams_per_centre = np.maximum(1, residents["township_population"][township] // RESIDENTS_PER_CENTRE_TEAM // centre_count[township])
    team_count = np.where(with_centre, teams_per_centre, 1)
    return {
        "unit_ids": units["org_unit_id"],
        "unit_index": unit_index,
        "team_number": (rng.random(size) * team_count).astype(np.int16) + 1,
    }


def _slices(units: pl.DataFrame, townships: int, start: int) -> tuple[np.ndarray, np.ndarray]:
    counts = np.bincount(units["township_index"].to_numpy(), minlength=townships)
    offsets = start + np.concatenate([[0], np.cumsum(counts)[:-1]])
    return counts, offsets


def _second_contracts(
    contracts: pl.DataFrame, residents: dict[str, np.ndarray], teams: dict, rng: np.random.Generator
) -> pl.DataFrame:
    """A resident who also signs with another team weeks later: both contracts are real rows,
    and coverage has to count the resident once. The second team is that of a random
    neighbour in the same township."""
    chosen = contracts.filter(pl.Series(rng.random(contracts.height) < SECOND_CONTRACT_SHARE))
    township = residents["township_index"][chosen["resident_index"].to_numpy()]
    neighbour = residents["township_offset"][township] + (
        rng.random(chosen.height) * residents["township_population"][township]
    ).astype(np.int64)
    return chosen.with_columns(
        pl.Series("unit_index", teams["unit_index"][neighbour]),
        pl.Series("team_number", teams["team_number"][neighbour]),
        pl.Series("shift_days", rng.integers(20, 120, chosen.height).astype(np.int32)),
    ).filter(pl.col("unit_index") != chosen["unit_index"])


def _finish(
    contracts: pl.DataFrame, residents: dict[str, np.ndarray], townships: pl.DataFrame, unit_ids: pl.Series, window: MonthWindow
) -> pl.DataFrame:
    """Dates, ids and the file each contract is reported in. Sorting and numbering run on
    integer keys; strings are built once, at the end: this is the province tier's hot path."""
    index = contracts["resident_index"].to_numpy()
    start = pl.date(pl.col("year"), pl.col("month"), pl.col("day")) + pl.duration(days=pl.col("shift_days"))
    framed = contracts.with_columns(
        pl.Series("township_index", residents["township_index"][index]),
        pl.Series("serial", residents["serial"][index]),
        start.alias("start_date"),
    ).with_columns(
        # A year from the signing day; a contract signed on 29 February ends on 28 February.
        (pl.date(pl.col("start_date").dt.year() + 1, pl.col("start_date").dt.month(),
                 pl.min_horizontal(pl.col("start_date").dt.day(), pl.when(pl.col("start_date").dt.month() == 2).then(28).otherwise(31)))
         - pl.duration(days=1)).alias("end_date"),
    )
    first, after_last = first_day(window.first), first_day(add_months(window.last, 1))
    # The opening stock holds only contracts still in force when the window opens.
    framed = framed.filter((pl.col("end_date") >= first) & (pl.col("start_date") < after_last))
    # Files list contracts by signing day, then resident (township, serial), then team. One
    # packed integer key sorts 10 M rows several times faster than four sort columns.
    assert residents["township_index"].size < 1 << 23 and unit_ids.len() < 1 << 13, "sort key fields overflow"
    day_number = (pl.col("start_date") - pl.lit(date(2000, 1, 1))).dt.total_days()
    framed = framed.sort(day_number * (1 << 36) + pl.col("resident_index").cast(pl.Int64) * (1 << 13) + pl.col("unit_index"))
    signing_year = pl.col("start_date").dt.year()
    month_number = signing_year * 12 + pl.col("start_date").dt.month()
    first_number = int(window.first[:4]) * 12 + int(window.first[5:7])
    framed = framed.with_columns(
        (pl.int_range(pl.len()).over("township_index", signing_year) + 1).alias("sequence"),
        pl.max_horizontal(month_number, pl.lit(first_number)).alias("period_number"),
    )
    # Ids are digit strings: built as integers and cast once, far faster than concatenation.
    township_number = pl.lit(townships["township_id"].cast(pl.Int64)).gather(pl.col("township_index"))
    institution_id = pl.lit(unit_ids).gather(pl.col("unit_index"))
    team_suffix = pl.lit(pl.Series([f"-{number:02d}" for number in range(100)])).gather(pl.col("team_number"))
    return framed.select(
        (pl.lit("QY") + (township_number * 10**10 + signing_year * 10**6 + pl.col("sequence")).cast(pl.String)).alias("contract_id"),
        (township_number * 10**8 + pl.col("serial")).cast(pl.String).alias("resident_id"),
        institution_id.alias("institution_id"),
        (institution_id + team_suffix).alias("team_id"),
        "start_date",
        "end_date",
        *(pl.lit(pl.Series(residents[flag])).gather(pl.col("resident_index")).alias(flag) for flag in KEY_POPULATIONS),
        pl.lit(pl.Series(_period_names(window))).gather(pl.col("period_number") - first_number).alias("period"),
    )


def _period_names(window: MonthWindow) -> list[str]:
    """`YYYY-MM` for every month from the window's first, indexed by months since then."""
    return [add_months(window.first, offset) for offset in range(len(window.months()))]
