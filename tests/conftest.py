"""Shared fixtures: one warehouse built for real (Dagster + dbt + DuckDB) per test session."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
import pytest

from orchestration.definitions import defs
from orchestration.defs.resources import build_resources


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


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse materialized from the committed raw/ folder; WAREHOUSE_PATH points at it."""
    database = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    previous = os.environ.get("WAREHOUSE_PATH")
    result = materialize_all(database)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    yield database
    if previous is None:
        os.environ.pop("WAREHOUSE_PATH", None)
    else:
        os.environ["WAREHOUSE_PATH"] = previous
