"""Monthly institution reports (医疗机构运行监测月报) of hospitals and health centres.

Volumes scale with the population an institution serves, so the primary-care share of
visits comes out near real levels (50-65 %) at both scales. Every indicator a report feeds
follows a trajectory per county, consortium or institution, with seasonality on flows;
numerators are drawn as parts of their denominators, so clean rows never break a ratio.
Columns that do not apply to an institution (号源 outside lead hospitals, chronic disease
outside health centres...) are null, as they are blank in the real template.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from orchestration.feeds.periods import MonthWindow
from orchestration.feeds.randomness import stream
from orchestration.feeds.reference import (
    HEALTH_CENTRE_TYPES,
    HOSPITAL_TYPES,
    TERTIARY_HOSPITAL,
    TOWNSHIP_HEALTH_CENTRE,
    Reference,
)
from orchestration.feeds.simulation.trajectories import calendar_position, draw_archetypes, path, progress, seasonality

# Visits per served resident per month.
_HOSPITAL_VISIT_RATE = 0.18
_CENTRE_VISIT_RATE = 0.20
_SUBORDINATE_VISIT_RATE = 0.08


def simulate_monthly_reports(reference: Reference, city_id: str, seed: int, window: MonthWindow) -> pl.DataFrame:
    rng = stream(seed, "monthly_reports", city_id)
    months = window.months()
    position = calendar_position(months)
    season = seasonality(months)
    units = _reporting_units(reference, city_id)
    n, m = units.height, len(months)
    is_centre = units["institution_type"].is_in(HEALTH_CENTRE_TYPES).to_numpy()
    is_thc = (units["institution_type"] == TOWNSHIP_HEALTH_CENTRE).to_numpy()
    is_lead = units["is_consortium_lead"].fill_null(False).to_numpy()

    def noise(scale: float) -> np.ndarray:
        return rng.normal(1.0, scale, (n, m)).clip(0.5, 1.5)

    # Primary-care share of visits moves per county: centres gain, hospitals lose a little.
    county_progress = _by_group(units["county_id"], rng, position)
    visits = np.where(
        is_centre[:, None],
        units["served_population"].to_numpy()[:, None] * _CENTRE_VISIT_RATE * (1 + 0.15 * county_progress),
        units["served_population"].to_numpy()[:, None] * _HOSPITAL_VISIT_RATE * (1 - 0.08 * county_progress),
    ) * season * noise(0.04)
    visits = np.rint(visits).astype(np.int64)
    resident_share = np.where(
        is_centre, rng.uniform(0.95, 0.99, n),
        np.where(units["institution_type"].to_numpy() == TERTIARY_HOSPITAL, rng.uniform(0.55, 0.8, n), rng.uniform(0.86, 0.94, n)),
    )
    visits_county_residents = np.floor(visits * resident_share[:, None]).astype(np.int64)
    subordinate = np.rint(units["centre_population"].to_numpy()[:, None] * _SUBORDINATE_VISIT_RATE
                          * (1 + 0.1 * county_progress) * season * noise(0.05)).astype(np.int64)

    slot_share = path(rng.uniform(0.05, 0.15, n), 0.24, progress(draw_archetypes(rng, n), position)) * noise(0.03)
    slots_total = np.rint(visits * rng.uniform(0.6, 0.8, n)[:, None]).astype(np.int64)
    slots_to_members = np.floor(slots_total * slot_share.clip(0, 1)).astype(np.int64)

    own_progress = progress(draw_archetypes(rng, n), position)
    referrals_up = np.rint(visits * np.where(is_centre, 0.006, 0.0015)[:, None] * noise(0.1)).astype(np.int64)
    referrals_down = np.rint(visits * np.where(is_centre[:, None], 0.0005, 0.0015 + 0.003 * own_progress) * noise(0.1)).astype(np.int64)
    remote = rng.poisson(np.where(is_centre[:, None], 2 + 10 * own_progress, 30 + 120 * own_progress))

    registration = 0.72 + 0.12 * np.clip(position, 0, 1)[None, :]
    management = np.clip(path(rng.uniform(0.48, 0.68, n), 0.75, progress(draw_archetypes(rng, n), position)) * noise(0.02), 0, 1)
    hypertension_registered = np.rint(units["hypertension_share"].to_numpy()[:, None] * registration).astype(np.int64)
    diabetes_registered = np.rint(units["diabetes_share"].to_numpy()[:, None] * registration).astype(np.int64)

    density = np.clip(path(rng.uniform(0.55, 1.45, n), 1.15, progress(draw_archetypes(rng, n), position)), 0.2, None)
    village_doctors = np.rint(units["rural_population_of_centre"].to_numpy()[:, None] / 1000 * density).astype(np.int64)

    using = _shared_centre_use(rng, n, m, position)
    shared = {
        name: np.where(using & (rng.random((n, 1)) < take_up), rng.poisson(visits * rate), 0)
        for name, rate, take_up in (("shared_lab_uses", 0.012, 1.0), ("shared_ecg_uses", 0.004, 0.7),
                                    ("shared_imaging_uses", 0.003, 0.5))
    }
    shared["shared_lab_uses"] = np.where(using, np.maximum(shared["shared_lab_uses"], 1), 0)

    columns = {
        "visits": visits,
        "visits_county_residents": visits_county_residents,
        "visits_subordinate_units": np.where(is_centre[:, None], subordinate, -1),
        "opd_slots_total": np.where(is_lead[:, None], slots_total, -1),
        "opd_slots_to_members": np.where(is_lead[:, None], slots_to_members, -1),
        "referrals_up": referrals_up,
        "referrals_down": referrals_down,
        "remote_consultations": remote,
        "hypertension_registered": np.where(is_centre[:, None], hypertension_registered, -1),
        "hypertension_managed": np.where(is_centre[:, None], np.floor(hypertension_registered * management), -1),
        "diabetes_registered": np.where(is_centre[:, None], diabetes_registered, -1),
        "diabetes_managed": np.where(is_centre[:, None], np.floor(diabetes_registered * management), -1),
        "village_doctors": np.where(is_thc[:, None], village_doctors, -1),
        **{name: np.where(is_centre[:, None], values, -1) for name, values in shared.items()},
    }
    frame = pl.DataFrame({
        "institution_id": np.repeat(units["org_unit_id"].to_numpy(), m),
        "institution_name": np.repeat(units["name"].to_numpy(), m),
        "consortium_id": np.repeat(units["consortium_id"].to_numpy(), m),
        "period": np.tile(np.asarray(months), n),
        # -1 marks 'not applicable' until it becomes null below.
        **{name: values.astype(np.int64).ravel() for name, values in columns.items()},
    }).with_columns(pl.col(name).replace(-1, None) for name in columns)
    frame = _with_out_of_county_visits(frame, units, rng, months)
    return frame.with_columns(pl.col("period").str.to_date("%Y-%m").alias("month")).select(
        "institution_id", "institution_name", "month", "visits", "visits_county_residents", "visits_subordinate_units",
        "visits_out_of_county", "opd_slots_total", "opd_slots_to_members", "referrals_up", "referrals_down",
        "remote_consultations", "hypertension_registered", "hypertension_managed", "diabetes_registered",
        "diabetes_managed", "village_doctors", "shared_lab_uses", "shared_ecg_uses", "shared_imaging_uses", "period",
    ).sort("period", "institution_id")


def _reporting_units(reference: Reference, city_id: str) -> pl.DataFrame:
    """Hospitals and health centres of the city, with the population each one serves."""
    institutions = reference.institutions.filter(pl.col("city_id") == city_id)
    population = reference.township_population
    reporting = institutions.filter(pl.col("institution_type").is_in([*HOSPITAL_TYPES, *HEALTH_CENTRE_TYPES]))
    centres_per_township = reporting.filter(pl.col("institution_type").is_in(HEALTH_CENTRE_TYPES)).group_by("township_id").len("centres")
    county_population = population.join(
        institutions.select("township_id", "county_id").unique(), on="township_id"
    ).group_by("county_id").agg(pl.col("resident_population").sum().alias("county_population"))
    hospitals_per_county = reporting.filter(pl.col("institution_type").is_in(HOSPITAL_TYPES)).group_by("county_id").len("hospitals")
    return (
        reporting.join(population, on="township_id", how="left", maintain_order="left")
        .join(centres_per_township, on="township_id", how="left", maintain_order="left")
        .join(county_population, on="county_id", how="left", maintain_order="left")
        .join(hospitals_per_county, on="county_id", how="left", maintain_order="left")
        .with_columns(
            # A township's residents, patients and village doctors are shared among its centres.
            (pl.col("resident_population") / pl.col("centres")).alias("centre_population"),
            (pl.col("hypertension_patients") / pl.col("centres")).alias("hypertension_share"),
            (pl.col("type2_diabetes_patients") / pl.col("centres")).alias("diabetes_share"),
            (pl.col("rural_population") / pl.col("centres")).alias("rural_population_of_centre"),
        )
        .with_columns(
            pl.when(pl.col("institution_type").is_in(HEALTH_CENTRE_TYPES)).then(pl.col("centre_population"))
            .otherwise(pl.col("county_population") / pl.col("hospitals")).alias("served_population"),
        )
        .sort("org_unit_id")
    )


def _by_group(groups: pl.Series, rng: np.random.Generator, position: np.ndarray) -> np.ndarray:
    """Progress shared by all units of a group (county, consortium), shape (units, months)."""
    keys, index = np.unique(groups.to_numpy().astype(str), return_inverse=True)
    return progress(draw_archetypes(rng, keys.size), position)[index]


def _shared_centre_use(rng: np.random.Generator, units: int, months: int, position: np.ndarray) -> np.ndarray:
    """Whether each centre sends work to the consortium's shared centres that month: most
    start at some point and keep going, a few never start, some stop again."""
    start = rng.uniform(-0.3, 1.4, units)  # calendar position when a centre starts; > 1 means not by 2025
    stops = rng.random(units) < 0.1
    stop = np.where(stops, start + rng.uniform(0.2, 0.5, units), np.inf)
    return (position[None, :] >= start[:, None]) & (position[None, :] < stop[:, None])


def _with_out_of_county_visits(frame: pl.DataFrame, units: pl.DataFrame, rng: np.random.Generator, months: list[str]) -> pl.DataFrame:
    """The lead hospital files, from 医保 settlement data, how often its consortium's residents
    were seen outside the county; the in-county rate moves towards 90 % per consortium."""
    consortia = units["consortium_id"].drop_nulls().unique().sort()
    rate = np.clip(
        path(rng.uniform(0.80, 0.89, consortia.len()), 0.93,
             progress(draw_archetypes(rng, consortia.len()), calendar_position(months))), 0.5, 0.99
    )
    rates = pl.DataFrame({
        "consortium_id": np.repeat(consortia.to_numpy(), len(months)),
        "period": np.tile(np.asarray(months), consortia.len()),
        "in_county_rate": rate.ravel(),
    })
    in_county = frame.filter(pl.col("consortium_id").is_not_null()).group_by("consortium_id", "period").agg(
        (pl.col("visits_county_residents").sum() + pl.col("visits_subordinate_units").fill_null(0).sum()).alias("in_county")
    )
    leads = set(units.filter(pl.col("is_consortium_lead").fill_null(False))["org_unit_id"].to_list())
    return frame.join(in_county.join(rates, on=["consortium_id", "period"]), on=["consortium_id", "period"], how="left",
                      maintain_order="left").with_columns(
        pl.when(pl.col("institution_id").is_in(list(leads)))
        .then((pl.col("in_county") * (1 - pl.col("in_county_rate")) / pl.col("in_county_rate")).round().cast(pl.Int64))
        .alias("visits_out_of_county")
    )
