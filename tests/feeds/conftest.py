"""Feeds generated once per session at a tiny scale: the seed geography with small townships,
so contracts (resident-level) stay a few ten thousand rows and the folder runs in seconds."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from orchestration.feeds.generator import generate
from orchestration.feeds.reference import Reference, load_reference
from orchestration.feeds.scales import SCALES, ScaleProfile

TINY = replace(
    SCALES["seed"],
    name="tiny",
    street_population=(500, 900),
    town_population=(400, 700),
    xiang_population=(250, 500),
    residents_per_village_clinic=(80, 150),
    residents_per_community_station=(250, 450),
)
WINDOW = ("2024-12", "2025-02")
DEFECT_RATE = 0.08


@pytest.fixture(scope="session")
def tiny_scale() -> ScaleProfile:
    return TINY


@pytest.fixture(scope="session")
def defective_feeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three months of every feed with a high defect rate: plenty of each defect type."""
    out = tmp_path_factory.mktemp("defective")
    generate(out, scale=TINY, seed=11, start=WINDOW[0], end=WINDOW[1], defect_rate=DEFECT_RATE)
    return out


@pytest.fixture(scope="session")
def clean_feeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same world and seed without defects: what the defective files should normalise to."""
    out = tmp_path_factory.mktemp("clean")
    generate(out, scale=TINY, seed=11, start=WINDOW[0], end=WINDOW[1], defect_rate=0.0)
    return out


@pytest.fixture(scope="session")
def manifest(defective_feeds: Path) -> dict:
    return json.loads((defective_feeds / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def tiny_reference(defective_feeds: Path) -> Reference:
    return load_reference(defective_feeds / "reference")
