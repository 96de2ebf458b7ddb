"""Entry point for Dagster (`dagster dev -m orchestration.definitions`).

Every module under `defs/` is loaded; pyproject.toml's [tool.dg] names that folder.
"""

from pathlib import Path

import dagster as dg


@dg.definitions
def defs() -> dg.Definitions:
    return dg.load_from_defs_folder(path_within_project=Path(__file__).parent)
