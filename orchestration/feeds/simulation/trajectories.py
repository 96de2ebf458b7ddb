"""How an institution or township moves towards a target over the monitoring period.

Each unit gets an archetype, so a dashboard has real differences to show: some reach the
target early, most are on track, some lag, a few improve and then slip back. Progress is the
fraction of the way from the unit's baseline to the goal, on the absolute calendar (2023-01
is 0, the 2025-12 deadline is 1), so where a curve stands in a month does not depend on the
window being generated.
"""

from __future__ import annotations

import numpy as np

from orchestration.feeds.periods import month_index

ARCHETYPES = ("early", "on_track", "lagging", "regressing")
_ARCHETYPE_WEIGHTS = (0.25, 0.35, 0.28, 0.12)

_PROGRAMME_START = month_index("2023-01")
_DEADLINE = month_index("2025-12")

# Outpatient volume by calendar month: winter respiratory peaks, the Spring Festival trough.
VISIT_SEASONALITY = np.array([1.10, 0.80, 1.02, 0.98, 0.97, 0.95, 0.98, 1.00, 0.97, 0.92, 1.03, 1.12])
# When residents sign: the 签约 campaign runs in the first quarter.
SIGNING_MONTH_WEIGHTS = np.array([0.22, 0.13, 0.17, 0.09, 0.07, 0.05, 0.05, 0.05, 0.05, 0.04, 0.04, 0.04])


def draw_archetypes(rng: np.random.Generator, count: int) -> np.ndarray:
    """Archetype index (into ARCHETYPES) per unit."""
    return rng.choice(len(ARCHETYPES), size=count, p=_ARCHETYPE_WEIGHTS)


def calendar_position(months: list[str]) -> np.ndarray:
    """0 at 2023-01, 1 at the 2025-12 deadline."""
    return (np.array([month_index(m) for m in months]) - _PROGRAMME_START) / (_DEADLINE - _PROGRAMME_START)


def progress(archetypes: np.ndarray, position: np.ndarray) -> np.ndarray:
    """Fraction of the way from baseline to goal, shape (units, months)."""
    t = np.clip(position, 0, None)
    curves = np.stack([
        np.minimum(t / 0.55, 1.0) * 1.12,  # early
        t * 1.03,  # on track
        t * 0.45,  # lagging
        # Regressing units gain until mid-2024, then give back most of it.
        np.where(t < 0.45, t / 0.45 * 0.65, 0.65 - (t - 0.45) / 0.55 * 0.55),
    ])
    return curves[archetypes]


def path(baseline: np.ndarray, goal: float, progress_values: np.ndarray) -> np.ndarray:
    """Value of each unit in each month on its way from `baseline` to `goal`."""
    return baseline[:, None] + (goal - baseline[:, None]) * progress_values


def seasonality(months: list[str], factors: np.ndarray = VISIT_SEASONALITY) -> np.ndarray:
    return factors[[int(m[5:7]) - 1 for m in months]]
