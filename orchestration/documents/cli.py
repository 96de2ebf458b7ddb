"""Command line: policy-targets extract PATH... prints one JSON object per extracted item.

    policy-targets extract raw/documents            # every file of a directory
    policy-targets extract a.txt b.pdf --reviews raw/reference/target_reviews.csv

Paths may be files or directories (read non-recursively, hidden files skipped).
A file that cannot be read or processed prints an error line on stderr and the
others continue; the exit code is non-zero only if no document could be processed.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import Iterator, Sequence

from orchestration.documents.pipeline import ERROR, process_document
from orchestration.documents.reading import read_document
from orchestration.documents.review import ReviewFileError, apply_reviews, load_reviews

# The fields every output line carries first, in this order; the rest follow.
OUTPUT_FIELDS = (
    "doc", "target_id", "kind", "indicator_code", "indicator_name", "comparator", "value", "value_max", "unit",
    "deadline_year", "scope", "evaluation_level", "is_aspirational", "region", "quote", "source_start", "source_end",
)


def main(argv: Sequence[str] | None = None) -> int:
    """The console script. Quiet when the reader of stdout goes away (`policy-targets extract … | head`)."""
    try:
        code = _main(argv)
        sys.stdout.flush()  # a closed pipe shows up here at the latest, not in the interpreter's exit
        return code
    except BrokenPipeError:
        # Python flushes stdout again at exit and would print a traceback: point it at devnull.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _main(argv: Sequence[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="policy-targets", description="Extract quantified targets from policy documents.")
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="print targets, standards and reported actuals as JSON Lines")
    extract.add_argument("paths", nargs="+", type=Path, help="document files or directories of them")
    extract.add_argument("--reviews", type=Path, help="apply a target_reviews.csv and report its orphaned reviews")
    arguments = parser.parse_args(argv)
    return _extract(arguments.paths, arguments.reviews)


def _extract(paths: list[Path], reviews_path: Path | None) -> int:
    reviews = []
    if reviews_path:
        try:
            reviews = load_reviews(reviews_path)
        except ReviewFileError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2

    documents = []
    for path in _document_files(paths):
        document = process_document(read_document(path))
        if document.status == ERROR:
            print(f"error: {path}: {document.message}", file=sys.stderr)
            continue
        documents.append(document)

    if reviews:
        # Orphans are judged against the documents of this run only.
        outcome = apply_reviews([target for document in documents for target in document.targets], reviews)
        reviewed = {target.target_id: target for target in outcome.targets}
        documents = [dataclasses.replace(d, targets=[reviewed[t.target_id] for t in d.targets]) for d in documents]
        for orphan in outcome.orphaned:
            print(f"orphaned review: line {orphan.line}: {orphan.target_id} ({orphan.decision})", file=sys.stderr)

    for document in documents:
        for record in document.target_records():
            print(json.dumps({name: record.get(name) for name in OUTPUT_FIELDS} | record, ensure_ascii=False))
    return 0 if documents else 1


def _document_files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(child for child in path.iterdir() if child.is_file() and not child.name.startswith("."))
        elif path.is_file():
            yield path
        else:
            print(f"error: {path}: no such file or directory", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
