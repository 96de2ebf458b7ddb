"""Run `python -m orchestration.refresh` (what `make materialize` runs) and split its time.

The refresh runs as a child process, so the figure includes interpreter start-up, imports
and loading the definitions, as a cron job would pay them. Afterwards its events are read
from the workspace's Dagster instance:

    ingest       every asset step outside dbt, checks and publication (documents, reference
                 data, feed ingestion), minus the feed step's validation share
    validation   the feed step's share spent normalising and validating rows: its readers'
                 validating seconds over all their seconds (hashing, reading, validating; the
                 feed_load_audit metadata), of the step's time. Two readers run at once, so
                 their seconds add up to more than the step took.
    dbt models   the sum of the model timings in dbt's run_results.json
    checks       asset-check steps (great-expectations) plus the dbt tests' timings
    publication  the published_warehouse step
    overhead     the rest of the wall time: start-up, definitions, dbt's own start-up and
                 parsing, event handling between steps
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from orchestration import refresh_status
from orchestration.bench.memory import PeakTreeMemory
from orchestration.bench.workspace import Workspace
from orchestration.settings import DBT_PROJECT_DIR, PROJECT_ROOT

PUBLICATION_STEP = "published_warehouse"
DBT_STEP = "warehouse_models"
FEED_STEP = "feed_ingestion"
FEED_AUDIT_ASSET = "raw/feed_load_audit"
STAGES = ("ingest", "validation", "dbt_models", "checks", "publication", "overhead")


@dataclass
class RefreshFigures:
    run_id: str
    succeeded: bool
    wall_seconds: float
    peak_tree_rss_bytes: int
    largest_process_peak_bytes: int  # the exact peak of its largest process (memory.py)
    stages: dict[str, float]
    steps: dict[str, float] = field(default_factory=dict)  # every Dagster step, seconds
    feed_files_loaded: int = 0
    slowest_dbt_nodes: dict[str, float] = field(default_factory=dict)
    # The ingestion step's threads (seconds_* of the feed audit's metadata): the reader thread
    # reads and validates while the writer thread writes, so the slower one sets the step's pace.
    feed_ingestion_threads: dict[str, float] = field(default_factory=dict)


def run_refresh(workspace: Workspace, log_file: Path) -> RefreshFigures:
    environment = {**os.environ, **workspace.environment()}
    began = time.perf_counter()
    with open(log_file, "w") as log:
        process = subprocess.Popen([sys.executable, "-m", "orchestration.refresh"], cwd=PROJECT_ROOT,
                                   env=environment, stdout=log, stderr=subprocess.STDOUT)
        with PeakTreeMemory(process.pid) as memory:
            returncode = process.wait()
    wall = time.perf_counter() - began
    outcome = refresh_status.latest(workspace.warehouse)
    if outcome is None:
        raise RuntimeError(f"the refresh recorded no outcome; see {log_file}")
    steps, check_steps, feed_metadata = _step_timings(workspace, outcome.run_id)
    dbt_nodes = _dbt_node_timings(outcome.run_id)
    return RefreshFigures(
        run_id=outcome.run_id,
        succeeded=returncode == 0 and outcome.succeeded,
        wall_seconds=round(wall, 2),
        peak_tree_rss_bytes=memory.peak_bytes,
        largest_process_peak_bytes=memory.largest_process_peak_bytes,
        stages=_stages(wall, steps, check_steps, feed_metadata, dbt_nodes),
        steps={key: round(seconds, 2) for key, seconds in steps.items()},
        feed_files_loaded=int(feed_metadata.get("files_loaded_this_run", 0)),
        slowest_dbt_nodes=dict(sorted(dbt_nodes.items(), key=lambda item: -item[1])[:8]),
        feed_ingestion_threads={stage: float(feed_metadata.get(f"seconds_{stage}", 0.0))
                                for stage in ("hashing", "reading", "validating", "writing")},
    )


def _step_timings(workspace: Workspace, run_id: str) -> tuple[dict[str, float], set[str], dict]:
    """(seconds per successful step, the steps that only evaluated checks, feed audit metadata)."""
    import dagster as dg  # imported late: the bench's own start-up stays light

    os.environ["DAGSTER_HOME"] = str(workspace.dagster_home)
    steps, materialized, evaluated, feed_metadata = {}, set(), set(), {}
    with dg.DagsterInstance.get() as instance:
        for entry in instance.all_logs(run_id):
            event = entry.dagster_event
            if event is None:
                continue
            if event.event_type == dg.DagsterEventType.STEP_SUCCESS:
                steps[event.step_key] = event.event_specific_data.duration_ms / 1000
            elif event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION:
                materialized.add(event.step_key)
                materialization = event.event_specific_data.materialization
                if materialization.asset_key.to_user_string() == FEED_AUDIT_ASSET:
                    feed_metadata = {key: value.value for key, value in materialization.metadata.items()}
            elif event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
                evaluated.add(event.step_key)
    return steps, evaluated - materialized, feed_metadata


def _dbt_node_timings(run_id: str) -> dict[str, float]:
    """Seconds per dbt node, from the run_results.json dagster-dbt left in its target folder."""
    found = sorted((DBT_PROJECT_DIR / "target").glob(f"{DBT_STEP}-{run_id[:7]}-*/run_results.json"))
    if not found:
        return {}
    results = json.loads(found[-1].read_text())["results"]
    return {result["unique_id"]: round(result["execution_time"], 3) for result in results}


def _stages(wall: float, steps: dict[str, float], check_steps: set[str], feed_metadata: dict,
            dbt_nodes: dict[str, float]) -> dict[str, float]:
    validation = _validation_share(steps.get(FEED_STEP, 0.0), feed_metadata)
    models = sum(seconds for node, seconds in dbt_nodes.items() if node.startswith(("model.", "snapshot.", "seed.")))
    tests = sum(seconds for node, seconds in dbt_nodes.items() if node.startswith(("test.", "unit_test.")))
    other_steps = {key: seconds for key, seconds in steps.items() if key not in check_steps and key not in (DBT_STEP, PUBLICATION_STEP)}
    stages = {
        "ingest": sum(other_steps.values()) - validation,
        "validation": validation,
        "dbt_models": models,
        "checks": sum(steps[key] for key in check_steps) + tests,
        "publication": steps.get(PUBLICATION_STEP, 0.0),
    }
    stages["overhead"] = wall - sum(stages.values())
    return {stage: round(seconds, 2) for stage, seconds in stages.items()}


def _validation_share(feed_step_seconds: float, feed_metadata: dict) -> float:
    reader_seconds = {stage: float(feed_metadata.get(f"seconds_{stage}", 0.0)) for stage in ("hashing", "reading", "validating")}
    total = sum(reader_seconds.values())
    return feed_step_seconds * reader_seconds["validating"] / total if total else 0.0
