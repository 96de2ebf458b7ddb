"""The scratch world a benchmark runs in: its own raw/ folder, feeds and warehouse.

Nothing under the project's raw/ or data/ is touched. The reference data the feeds were
generated against replaces the org units of raw/reference (the province scale has its own
~30,000 institutions); documents and the hand-kept catalogues are linked from the project.

The feeds are generated for the whole window, then the files of its last month (first
submissions and corrections alike) are moved aside, so the incremental run can add them as
"one new month" exactly as a delivery would.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from orchestration.feeds.filenames import parse_file_name
from orchestration.feeds.generator import MANIFEST_NAME, REFERENCE_FOLDER, GenerationReport, generate
from orchestration.feeds.specs import FEEDS
from orchestration.settings import DOCUMENTS_DIR, PROJECT_ROOT, REFERENCE_DIR


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def feeds(self) -> Path:
        return self.raw / "feeds"

    @property
    def new_month(self) -> Path:
        """Files of the last month, held back until the incremental run."""
        return self.root / "new_month"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def dagster_home(self) -> Path:
        return self.root / "dagster"

    def environment(self) -> dict[str, str]:
        """Variables that point a refresh (and the dashboards) at this workspace only."""
        return {
            "RAW_DIR": str(self.raw),
            "FEEDS_DIR": str(self.feeds),
            "WAREHOUSE_PATH": str(self.warehouse),
            "DAGSTER_HOME": str(self.dagster_home),
        }


def prepare(root: Path, *, scale: str, seed: int, start: str, end: str,
            reuse: Path | None = None) -> tuple[Workspace, GenerationReport | None]:
    """A fresh workspace under `root` with generated feeds, the last month held back.
    `reuse` names a folder `feeds generate` already wrote (same scale and window): its files
    are hard-linked instead of generated again, and no generation figures are returned."""
    if root.exists():
        shutil.rmtree(root)
    workspace = Workspace(root)
    workspace.raw.mkdir(parents=True)
    (workspace.raw / "documents").symlink_to(DOCUMENTS_DIR.resolve(), target_is_directory=True)
    workspace.dagster_home.mkdir()
    shutil.copy(PROJECT_ROOT / "orchestration" / "instance" / "dagster.yaml", workspace.dagster_home / "dagster.yaml")

    if reuse is None:
        report = generate(workspace.feeds, scale=scale, seed=seed, start=start, end=end)
    else:
        report = None
        shutil.copytree(reuse, workspace.feeds, copy_function=os.link)
    reference = workspace.raw / "reference"
    shutil.copytree(REFERENCE_DIR, reference)
    for generated in (workspace.feeds / REFERENCE_FOLDER).iterdir():
        shutil.copy(generated, reference / generated.name)
    hold_back_month(workspace, end)
    return workspace, report


def hold_back_month(workspace: Workspace, month: str) -> list[Path]:
    """Move every feed file whose period is `month` to `workspace.new_month`, keeping its path."""
    moved = []
    for path in sorted(workspace.feeds.rglob("*")):
        relative = path.relative_to(workspace.feeds)
        name = parse_file_name(path.name)
        if path.is_file() and relative.parts[0] in FEEDS and name is not None and name.period == month:
            target = workspace.new_month / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)
            moved.append(target)
    return moved


def deliver_new_month(workspace: Workspace) -> int:
    """Move the held-back files into the feeds folder; returns how many files arrived."""
    files = [path for path in workspace.new_month.rglob("*") if path.is_file()]
    for path in files:
        target = workspace.feeds / path.relative_to(workspace.new_month)
        target.parent.mkdir(parents=True, exist_ok=True)
        path.rename(target)
    return len(files)


def feed_bytes(workspace: Workspace) -> int:
    return sum(path.stat().st_size for path in workspace.feeds.rglob("*") if path.is_file() and path.name != MANIFEST_NAME)
