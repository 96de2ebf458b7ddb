"""`feeds` command line.

    feeds generate --scale seed --seed 1 --start 2023-01 --end 2025-12 --out raw/feeds [--defect-rate 0.02]
    feeds reference --scale seed --out raw/reference
    feeds load raw/feeds [--reference raw/feeds/reference]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from orchestration.feeds.generator import REFERENCE_FOLDER, generate
from orchestration.feeds.loading import load_feed_file
from orchestration.feeds.reference import load_reference, write_reference
from orchestration.feeds.reference_builder import build_reference
from orchestration.feeds.scales import SCALES
from orchestration.feeds.specs import FEEDS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="feeds", description="Mock monitoring feeds: generate and load.")
    commands = parser.add_subparsers(dest="command", required=True)

    make = commands.add_parser("generate", help="write reference data, feed files and a manifest")
    make.add_argument("--scale", choices=sorted(SCALES), default="seed")
    make.add_argument("--seed", type=int, default=1)
    make.add_argument("--start", default="2023-01", help="first month, YYYY-MM")
    make.add_argument("--end", default="2025-12", help="last month, YYYY-MM")
    make.add_argument("--out", type=Path, default=Path("raw/feeds"))
    make.add_argument("--defect-rate", type=float, default=0.02, help="share of rows (and files) given a defect")
    make.add_argument("--feed", action="append", choices=sorted(FEEDS), help="only this feed (repeatable)")

    reference = commands.add_parser("reference", help="write only the reference CSVs")
    reference.add_argument("--scale", choices=sorted(SCALES), default="seed")
    reference.add_argument("--out", type=Path, default=Path("raw/reference"))

    load = commands.add_parser("load", help="load every feed file under a folder and print the reconciliation per feed")
    load.add_argument("folder", type=Path)
    load.add_argument("--reference", type=Path, help="reference folder (default: <folder>/reference)")

    args = parser.parse_args(argv)
    if args.command == "generate":
        report = generate(args.out, scale=args.scale, seed=args.seed, start=args.start, end=args.end,
                          defect_rate=args.defect_rate, feeds=args.feed)
        print(json.dumps(report.__dict__, ensure_ascii=False, indent=2))
    elif args.command == "reference":
        write_reference(build_reference(args.scale), args.out)
    else:
        _load(args.folder, args.reference or args.folder / REFERENCE_FOLDER)
    return 0


def _load(folder: Path, reference_folder: Path) -> None:
    """File by file, keeping only the audits, so any scale fits in memory."""
    reference = load_reference(reference_folder)
    for name in FEEDS:
        began = time.perf_counter()
        paths = sorted(path for path in (folder / name).rglob("*") if path.is_file())
        audits = [load_feed_file(path, reference, root=folder).audit for path in paths]
        summary = {
            "feed": name,
            "files": len(audits),
            "file_errors": sum(audit["status"] == "file_error" for audit in audits),
            **{key: sum(audit[f"rows_{key}"] for audit in audits) for key in ("received", "accepted", "quarantined")},
            "replaced_within_files": sum(audit["rows_replaced"] for audit in audits),
            "seconds": round(time.perf_counter() - began, 2),
        }
        print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
