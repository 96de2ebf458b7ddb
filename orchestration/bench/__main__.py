"""`python -m orchestration.bench --scale seed|province` (`make bench SCALE=…`); see __init__.py."""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import asdict
from pathlib import Path

from orchestration.bench import workspace as workspaces
from orchestration.bench.engine_floor import time_engine_floor
from orchestration.bench.pages import time_pages
from orchestration.bench.refresh_run import run_refresh
from orchestration.bench.report import machine, mart_row_counts, summary, write_json
from orchestration.settings import DATA_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.bench", description=__doc__)
    parser.add_argument("--scale", choices=["seed", "province"], default="seed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", default="2023-01", help="first month of feeds")
    parser.add_argument("--end", default="2025-12", help="last month: held back, then added by the incremental run")
    parser.add_argument("--work-dir", type=Path, help="scratch folder for feeds and warehouse (default data/bench/work-<scale>)")
    parser.add_argument("--out-dir", type=Path, default=DATA_DIR / "bench", help="where the JSON goes")
    parser.add_argument("--repetitions", type=int, default=20, help="repetitions per dashboard page")
    parser.add_argument("--reuse-feeds", type=Path, help="hard-link feeds `feeds generate` already wrote instead of generating")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (province feeds take ~13 GB)")
    args = parser.parse_args(argv)

    root = args.work_dir or DATA_DIR / "bench" / f"work-{args.scale}"
    print(f"generating {args.scale} feeds into {root} …", flush=True)
    workspace, generation = workspaces.prepare(root, scale=args.scale, seed=args.seed, start=args.start, end=args.end,
                                               reuse=args.reuse_feeds)
    figures: dict = {"scale": args.scale, "machine": machine(), "generation": asdict(generation) if generation else None,
                     "feed_bytes": workspaces.feed_bytes(workspace)}

    print("full refresh …", flush=True)
    full = run_refresh(workspace, root / "full_refresh.log")
    figures["full_refresh"] = asdict(full)
    if not full.succeeded:
        print(f"the full refresh failed; see {root / 'full_refresh.log'}", file=sys.stderr)

    print("engine floor …", flush=True)
    floor_seconds, floor_counts = time_engine_floor(workspace.warehouse)
    figures["engine_floor"] = {"seconds": floor_seconds, **floor_counts}
    figures["floor_ratio"] = round(full.wall_seconds / floor_seconds, 2) if floor_seconds else None

    figures["new_month_files"] = workspaces.deliver_new_month(workspace)
    print(f"incremental refresh after {figures['new_month_files']} new files …", flush=True)
    incremental = run_refresh(workspace, root / "incremental_refresh.log")
    figures["incremental_refresh"] = asdict(incremental)
    figures["incremental_ratio"] = round(incremental.wall_seconds / full.wall_seconds, 4)

    print("dashboard pages …", flush=True)
    figures["page_repetitions"] = args.repetitions
    figures["pages"] = [asdict(page) for page in time_pages(workspace.environment(), args.repetitions)]
    figures["mart_rows"] = mart_row_counts(workspace.warehouse)

    path = write_json(figures, args.out_dir)
    print(summary(figures))
    print(f"figures: {path}")
    if not args.keep:
        shutil.rmtree(root)
    return 0 if full.succeeded and incremental.succeeded else 1


if __name__ == "__main__":
    sys.exit(main())
