"""The outcome of the last refresh, kept beside the warehouse for the dashboards.

A failed night leaves the previous publication in place; this record is how the
dashboards know to say so ("数据截至 …, 最近一次刷新失败：…"). It is written atomically
and read without any database connection.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from orchestration.settings import warehouse_path


@dataclass(frozen=True)
class RefreshOutcome:
    run_id: str
    job_name: str
    succeeded: bool
    finished_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    failures: tuple[str, ...] = ()


def status_path(built: Path | None = None) -> Path:
    return (built or warehouse_path()).parent / "refresh_status.json"


def logs_dir(built: Path | None = None) -> Path:
    return (built or warehouse_path()).parent / "logs"


def record(outcome: RefreshOutcome, built: Path | None = None) -> Path:
    """Write the outcome as the latest status and as a log file; returns the log file."""
    target = status_path(built)
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming = target.with_name(f".{target.name}.incoming")
    incoming.write_text(json.dumps(asdict(outcome), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(incoming, target)

    log_file = logs_dir(built) / f"{outcome.job_name}-{outcome.finished_at.replace(':', '')}-{outcome.run_id[:8]}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    verdict = "succeeded" if outcome.succeeded else "FAILED"
    lines = [f"{outcome.finished_at} {outcome.job_name} run {outcome.run_id} {verdict}"]
    lines += [f"  - {failure}" for failure in outcome.failures]
    log_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return log_file


def latest(built: Path | None = None) -> RefreshOutcome | None:
    path = status_path(built)
    if not path.exists():
        return None
    fields = json.loads(path.read_text(encoding="utf-8"))
    return RefreshOutcome(**{**fields, "failures": tuple(fields.get("failures", ()))})
