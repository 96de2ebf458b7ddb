"""WAREHOUSE_ENGINE picks the dbt target of the refresh; the Spark profile gets absolute paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from orchestration.defs.resources import build_resources


@pytest.fixture(autouse=True)
def restored_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # build_resources exports variables for the dbt subprocess; monkeypatch restores them.
    for variable in ("WAREHOUSE_PATH", "SPARK_WAREHOUSE_DIR", "RAW_PARQUET_DIR", "WAREHOUSE_ENGINE"):
        monkeypatch.setenv(variable, os.environ.get(variable, ""))
        monkeypatch.delenv(variable)


def test_duckdb_is_the_default_target(tmp_path: Path) -> None:
    resources = build_resources(str(tmp_path / "warehouse.duckdb"))
    assert resources["dbt"].target == "duckdb"
    assert "SPARK_WAREHOUSE_DIR" not in os.environ


def test_spark_engine_selects_the_spark_target_with_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WAREHOUSE_ENGINE", "spark")
    monkeypatch.setenv("RAW_PARQUET_DIR", "data/lake/raw")

    resources = build_resources(str(tmp_path / "warehouse.duckdb"))

    assert resources["dbt"].target == "spark"
    assert Path(os.environ["RAW_PARQUET_DIR"]).is_absolute()
    assert os.environ["RAW_PARQUET_DIR"].endswith("data/lake/raw")
    assert Path(os.environ["SPARK_WAREHOUSE_DIR"]).is_absolute()


def test_an_unknown_engine_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAREHOUSE_ENGINE", "snowflake")
    with pytest.raises(ValueError, match="duckdb, spark"):
        build_resources(str(tmp_path / "warehouse.duckdb"))
