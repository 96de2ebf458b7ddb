import pytest

from orchestration.documents.evaluation import HELDOUT_DIR, HELDOUT_LABELS_DIR, LABELS_DIR, evaluate, field_agrees, main, match

# Measured on the five labelled seeds (all 1.0 when the rules were first written); the floors
# leave room for rule changes that trade a seed item for generality, not for regressions.
SEED_OVERALL_FLOOR = 0.9
SEED_FIELD_FLOORS = {"kind": 0.9, "value": 0.9, "comparator": 0.85, "unit": 0.9, "deadline_year": 0.85, "indicator_code": 0.85,
                     "is_aspirational": 0.85, "region": 0.85, "evaluation_level": 0.8, "scope": 0.75, "indicator_name": 0.75}

# Held-out documents of other regions (101-106 labelled before the extractor ever saw them,
# 107-109 written and labelled after the first round of rule changes). Before those changes
# the rules scored precision 0.962 / recall 0.931 on 101-106, and the changed rules scored
# 1.000 / 0.977 on 107-109 at first sight. Both sets have been looked at since, so the
# floors sit well below today's scores: they catch regressions, they do not claim accuracy.
HELDOUT_OVERALL_FLOOR = 0.93
HELDOUT_FIELD_FLOORS = {"kind": 0.9, "value": 0.93, "value_max": 0.93, "comparator": 0.9, "unit": 0.9, "deadline_year": 0.88,
                        "indicator_code": 0.9, "is_aspirational": 0.9, "region": 0.9, "evaluation_level": 0.85, "scope": 0.8,
                        "indicator_name": 0.85}


@pytest.fixture(scope="module")
def seed_evaluation():
    return evaluate()


@pytest.fixture(scope="module")
def heldout_evaluation():
    return evaluate(HELDOUT_LABELS_DIR, HELDOUT_DIR)


def test_labels_cover_every_seed_and_every_heldout_document():
    assert len(list(LABELS_DIR.glob("*.jsonl"))) == 5
    documents = sorted(path.stem for path in HELDOUT_DIR.iterdir() if path.is_file())
    labels = sorted(path.stem for path in HELDOUT_LABELS_DIR.glob("*.jsonl"))
    assert documents == labels and len(documents) >= 6


def test_seed_precision_and_recall_stay_above_the_floor(seed_evaluation):
    assert seed_evaluation.overall.labelled == 92
    _assert_floors(seed_evaluation, SEED_OVERALL_FLOOR, SEED_FIELD_FLOORS)


def test_heldout_precision_and_recall_stay_above_the_floor(heldout_evaluation):
    assert heldout_evaluation.overall.labelled >= 189
    _assert_floors(heldout_evaluation, HELDOUT_OVERALL_FLOOR, HELDOUT_FIELD_FLOORS)


def _assert_floors(evaluation, overall_floor, field_floors):
    assert evaluation.overall.precision >= overall_floor and evaluation.overall.recall >= overall_floor
    for field, floor in field_floors.items():
        score = evaluation.fields[field]
        assert score.precision >= floor and score.recall >= floor, (field, score)


def test_matching_needs_overlapping_quotes_and_equal_values():
    labels = [{"quote": "覆盖率达到90%", "value": 90}, {"quote": "建设100个", "value": 100}]
    predictions = [{"quote": "到2025年，覆盖率达到90%以上。", "value": 90}, {"quote": "建设100个专科。", "value": 10}]
    pairs, missed, spurious = match(labels, predictions)
    assert [label["value"] for label, _ in pairs] == [90] and missed == [labels[1]] and spurious == [predictions[1]]
    assert field_agrees("scope", "每个县", "每个县(市、区)") and not field_agrees("kind", "target", "standard")


def test_main_prints_seed_and_heldout_side_by_side(capsys):
    assert main([]) == 0
    output = capsys.readouterr().out
    assert "seed" in output and "held-out" in output and "indicator_code" in output
    assert output.count("precision") == 2  # one precision/recall pair of columns per set


def test_main_scores_a_single_labels_directory(capsys):
    assert main(["--labels", str(HELDOUT_LABELS_DIR), "--documents", str(HELDOUT_DIR), "--verbose"]) == 0
    output = capsys.readouterr().out
    assert "held-out" not in output and "missed (labelled, not extracted):" in output
