"""Score target extraction against hand-labelled documents.

    python -m orchestration.documents.evaluation [--labels DIR] [--documents DIR] [--verbose]

Each labels file <document stem>.jsonl lists every target, standard and
reported actual a reader finds in the document of that name, one JSON object
per line with the extraction fields; `quote` is a short key substring of the
sentence. A prediction matches a label of the same document when one quote
contains the other (spacing and punctuation ignored) and their values agree;
each label matches at most one prediction.

Overall: precision = matched / predicted, recall = matched / labelled.
Per field: a matched pair counts for a field only if the field agrees too, so
field precision and recall are bounded by the overall ones. Free-text fields
(indicator_name, scope) agree when one contains the other.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from orchestration.documents.identity import normalise_text
from orchestration.documents.pipeline import process_document
from orchestration.documents.reading import read_document
from orchestration.settings import DOCUMENTS_DIR, PROJECT_ROOT

LABELS_DIR = PROJECT_ROOT / "tests" / "documents" / "labels"
SCORED_FIELDS = (
    "kind", "indicator_code", "indicator_name", "comparator", "value", "value_max", "unit",
    "deadline_year", "scope", "evaluation_level", "is_aspirational", "region",
)
_TEXT_FIELDS = {"indicator_name", "scope"}


@dataclass(frozen=True)
class Score:
    predicted: int
    labelled: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0


@dataclass(frozen=True)
class Evaluation:
    overall: Score
    fields: dict[str, Score]
    unmatched_labels: list[tuple[str, dict]]
    unmatched_predictions: list[tuple[str, dict]]
    mismatched_fields: list[tuple[str, str, dict, dict]]  # (document, field, label, prediction)


def evaluate(labels_dir: Path = LABELS_DIR, documents_dir: Path = DOCUMENTS_DIR) -> Evaluation:
    predicted = labelled = matched = 0
    field_hits = dict.fromkeys(SCORED_FIELDS, 0)
    unmatched_labels: list[tuple[str, dict]] = []
    unmatched_predictions: list[tuple[str, dict]] = []
    mismatched: list[tuple[str, str, dict, dict]] = []
    for labels_file in sorted(labels_dir.glob("*.jsonl")):
        document_path = _document_for(labels_file, documents_dir)
        labels = [json.loads(line) for line in labels_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        predictions = process_document(read_document(document_path)).target_records()
        pairs, lonely_labels, lonely_predictions = match(labels, predictions)
        predicted, labelled, matched = predicted + len(predictions), labelled + len(labels), matched + len(pairs)
        for label, prediction in pairs:
            for name in SCORED_FIELDS:
                if field_agrees(name, label.get(name), prediction.get(name)):
                    field_hits[name] += 1
                else:
                    mismatched.append((document_path.name, name, label, prediction))
        unmatched_labels += [(document_path.name, label) for label in lonely_labels]
        unmatched_predictions += [(document_path.name, prediction) for prediction in lonely_predictions]
    fields = {name: Score(predicted, labelled, hits) for name, hits in field_hits.items()}
    return Evaluation(Score(predicted, labelled, matched), fields, unmatched_labels, unmatched_predictions, mismatched)


def match(labels: list[dict], predictions: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pair each label with the best unused prediction whose quote overlaps and whose value agrees."""
    free = list(range(len(predictions)))
    pairs, lonely = [], []
    for label in labels:
        candidates = [i for i in free if _quotes_overlap(label["quote"], predictions[i]["quote"]) and _same_number(label.get("value"), predictions[i].get("value"))]
        if not candidates:
            lonely.append(label)
            continue
        best = max(candidates, key=lambda i: sum(field_agrees(name, label.get(name), predictions[i].get(name)) for name in SCORED_FIELDS))
        free.remove(best)
        pairs.append((label, predictions[best]))
    return pairs, lonely, [predictions[i] for i in free]


def field_agrees(name: str, expected: object, actual: object) -> bool:
    if name in ("value", "value_max"):
        return _same_number(expected, actual)
    if name in _TEXT_FIELDS and expected and actual:
        expected_text, actual_text = normalise_text(str(expected)), normalise_text(str(actual))
        return expected_text in actual_text or actual_text in expected_text
    return expected == actual


def _quotes_overlap(label_quote: str, predicted_quote: str) -> bool:
    label_text, predicted_text = normalise_text(label_quote), normalise_text(predicted_quote)
    return bool(label_text) and (label_text in predicted_text or predicted_text in label_text)


def _same_number(expected: object, actual: object) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    return abs(float(expected) - float(actual)) < 1e-6


def _document_for(labels_file: Path, documents_dir: Path) -> Path:
    matches = [path for path in documents_dir.iterdir() if path.stem == labels_file.stem or path.name == labels_file.stem]
    if not matches:
        raise FileNotFoundError(f"{labels_file.name}: no document named {labels_file.stem}.* in {documents_dir}")
    return matches[0]


def report(evaluation: Evaluation, verbose: bool = False) -> str:
    overall = evaluation.overall
    lines = [
        f"documents' items: predicted {overall.predicted}, labelled {overall.labelled}, matched {overall.matched}",
        f"{'field':<18}{'precision':>10}{'recall':>10}",
        f"{'overall (match)':<18}{overall.precision:>10.3f}{overall.recall:>10.3f}",
    ]
    lines += [f"{name:<18}{score.precision:>10.3f}{score.recall:>10.3f}" for name, score in evaluation.fields.items()]
    if verbose:
        lines += ["", "missed (labelled, not extracted):"]
        lines += [f"  {doc}: {label['quote']} = {label.get('value')}" for doc, label in evaluation.unmatched_labels]
        lines += ["spurious (extracted, not labelled):"]
        lines += [f"  {doc}: {p['mention']} in {p['quote'][:60]}" for doc, p in evaluation.unmatched_predictions]
        lines += ["field disagreements (field: labelled / extracted):"]
        lines += [f"  {doc}: {name}: {label.get(name)!r} / {p.get(name)!r}  [{label['quote']}]" for doc, name, label, p in evaluation.mismatched_fields]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision and recall of target extraction on hand-labelled documents.")
    parser.add_argument("--labels", type=Path, default=LABELS_DIR)
    parser.add_argument("--documents", type=Path, default=DOCUMENTS_DIR)
    parser.add_argument("--verbose", action="store_true", help="list misses, spurious items and field disagreements")
    arguments = parser.parse_args(argv)
    print(report(evaluate(arguments.labels, arguments.documents), arguments.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
