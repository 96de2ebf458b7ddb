"""Publish the built warehouse as a file the dashboards can read while the next build runs.

DuckDB allows one writer or many readers, not both; the dashboards therefore read a
copy. The copy is written beside its destination and moved into place with
`os.replace`, which is atomic: a reader sees the previous publication or the new one,
never a half-written file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def publish(built: Path, published: Path) -> int:
    """Copy `built` (already checkpointed, no writer open) over `published`; returns bytes published."""
    published.parent.mkdir(parents=True, exist_ok=True)
    staging = published.with_name(f".{published.name}.incoming")
    with open(built, "rb") as source, open(staging, "wb") as target:
        shutil.copyfileobj(source, target, length=16 * 1024 * 1024)
        target.flush()
        os.fsync(target.fileno())
    os.replace(staging, published)
    return published.stat().st_size
