"""Score target extraction against hand-labelled documents.

    python -m orchestration.documents.evaluation [--verbose]            # seed and held-out sets
    python -m orchestration.documents.evaluation --labels DIR --documents DIR [--verbose]

Two labelled sets are scored separately:

* seed: the five captures of raw/documents/ (labels in tests/documents/labels/).
  The rules were written while reading them, so their scores overstate quality.
* held-out: other regions' documents in tests/documents/heldout/ (labels in
  tests/documents/heldout/labels/), written and labelled before the extractor was
  run on them. Their scores are the honest estimate; keep them that way: fix a
  held-out label only when it is wrong, never to match the output.

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
HELDOUT_DIR = PROJECT_ROOT / "tests" / "documents" / "heldout"
HELDOUT_LABELS_DIR = HELDOUT_DIR / "labels"
# name → (labels directory, documents directory)
LABELLED_SETS = {"seed": (LABELS_DIR, DOCUMENTS_DIR), "held-out": (HELDOUT_LABELS_DIR, HELDOUT_DIR)}
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
    """The precision / recall table of one labelled set (and with verbose its errors)."""
    return _table({"": evaluation}) + ("\n\n" + _errors(evaluation) if verbose else "")


def report_sets(evaluations: dict[str, Evaluation], verbose: bool = False) -> str:
    """Several labelled sets side by side (seed | held-out), then each set's errors."""
    text = _table(evaluations)
    if verbose:
        text += "".join(f"\n\n=== {name} ===\n{_errors(evaluation)}" for name, evaluation in evaluations.items())
    return text


def _table(evaluations: dict[str, Evaluation]) -> str:
    lines = [
        f"{name + ' documents' if name else 'documents'}' items: "
        f"predicted {e.overall.predicted}, labelled {e.overall.labelled}, matched {e.overall.matched}"
        for name, e in evaluations.items()
    ]
    if any(evaluations):  # a header naming each set above its two columns
        lines.append(f"{'':<18}" + "".join(f"{name:>20}" for name in evaluations))
    lines.append(f"{'field':<18}" + f"{'precision':>10}{'recall':>10}" * len(evaluations))
    rows = [("overall (match)", {name: e.overall for name, e in evaluations.items()})]
    rows += [(field, {name: e.fields[field] for name, e in evaluations.items()}) for field in SCORED_FIELDS]
    for label, scores in rows:
        lines.append(f"{label:<18}" + "".join(f"{score.precision:>10.3f}{score.recall:>10.3f}" for score in scores.values()))
    return "\n".join(lines)


def _errors(evaluation: Evaluation) -> str:
    lines = ["missed (labelled, not extracted):"]
    lines += [f"  {doc}: {label['quote']} = {label.get('value')}" for doc, label in evaluation.unmatched_labels]
    lines += ["spurious (extracted, not labelled):"]
    lines += [f"  {doc}: {p['mention']} in {p['quote'][:60]}" for doc, p in evaluation.unmatched_predictions]
    lines += ["field disagreements (field: labelled / extracted):"]
    lines += [f"  {doc}: {name}: {label.get(name)!r} / {p.get(name)!r}  [{label['quote']}]" for doc, name, label, p in evaluation.mismatched_fields]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision and recall of target extraction on hand-labelled documents.")
    parser.add_argument("--labels", type=Path, help="score only this labels directory (default: the seed and held-out sets)")
    parser.add_argument("--documents", type=Path, help="the documents of --labels (default: raw/documents)")
    parser.add_argument("--verbose", action="store_true", help="list misses, spurious items and field disagreements")
    arguments = parser.parse_args(argv)
    if arguments.labels or arguments.documents:
        evaluation = evaluate(arguments.labels or LABELS_DIR, arguments.documents or DOCUMENTS_DIR)
        print(report(evaluation, arguments.verbose))
    else:
        evaluations = {name: evaluate(labels, documents) for name, (labels, documents) in LABELLED_SETS.items()}
        print(report_sets(evaluations, arguments.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
