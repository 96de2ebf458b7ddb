"""Shared fixtures: one warehouse built for real (Dagster + dbt + DuckDB) per test session."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
import pytest

from orchestration.definitions import defs
from orchestration.defs.resources import build_resources
from orchestration.feeds.generator import generate


def materialize_all(database: Path) -> dg.ExecuteInProcessResult:
    definitions = defs()
    assets = list(definitions.assets or [])
    checks = list(definitions.asset_checks or [])
    return dg.materialize(
        [*assets, *checks],
        resources=build_resources(str(database)),
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )


# Six months of seed-scale feeds keep the suite fast while every feed, format and defect occurs.
TEST_FEED_WINDOW = ("2025-07", "2025-12")


@pytest.fixture(scope="session")
def test_feeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Mock feeds generated for the tests; FEEDS_DIR points at them for the whole session."""
    folder = tmp_path_factory.mktemp("feeds")
    generate(folder, scale="seed", seed=1, start=TEST_FEED_WINDOW[0], end=TEST_FEED_WINDOW[1])
    os.environ["FEEDS_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory, test_feeds: Path) -> Path:
    """A warehouse materialized from raw/ and the test feeds; WAREHOUSE_PATH points at it."""
    database = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    previous = os.environ.get("WAREHOUSE_PATH")
    result = materialize_all(database)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    yield database
    if previous is None:
        os.environ.pop("WAREHOUSE_PATH", None)
    else:
        os.environ["WAREHOUSE_PATH"] = previous
