"""Where things live. Every path the pipeline, dbt and the dashboards share is decided here."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Where the data team drops documents and feeds; RAW_DIR points a deployment elsewhere.
RAW_DIR = Path(os.environ.get("RAW_DIR", PROJECT_ROOT / "raw"))
DOCUMENTS_DIR = RAW_DIR / "documents"
REFERENCE_DIR = RAW_DIR / "reference"
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DATA_DIR = PROJECT_ROOT / "data"


def feeds_dir() -> Path:
    """Where monitoring feeds arrive: `FEEDS_DIR`, by default raw/feeds/ (made by `feeds generate`)."""
    return Path(os.environ.get("FEEDS_DIR", RAW_DIR / "feeds"))


def warehouse_path() -> Path:
    """The DuckDB file the pipeline writes: `WAREHOUSE_PATH`, relative paths taken from the project root."""
    configured = Path(os.environ.get("WAREHOUSE_PATH", DATA_DIR / "warehouse.duckdb"))
    return configured if configured.is_absolute() else PROJECT_ROOT / configured


def published_warehouse_path(built: Path | None = None) -> Path:
    """The copy the dashboards read: replaced atomically, only after a refresh passes its checks."""
    built = built or warehouse_path()
    return built.parent / "published" / built.name


# DuckDB's own default is 80 % of RAM, which a province-scale dbt build takes (20 GiB on a
# 24 GiB machine, docs/benchmarks.md); capped, it spills to `<warehouse>.tmp` instead.
DEFAULT_DUCKDB_MEMORY_LIMIT = "4GB"


def duckdb_memory_limit() -> str:
    """`DUCKDB_MEMORY_LIMIT` (a DuckDB size, e.g. 4GB): the cap for every connection that writes the warehouse."""
    return os.environ.get("DUCKDB_MEMORY_LIMIT", DEFAULT_DUCKDB_MEMORY_LIMIT)
