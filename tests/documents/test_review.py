import csv

import pytest

from orchestration.documents.review import REVIEWS_PATH, Review, ReviewFileError, apply_reviews, load_reviews


def review(target_id, decision, field=None, value=None, at="2024-05-01", note=None, line=2):
    return Review(target_id, decision, field, value, "数据组", at, note, line)


def test_confirm_reject_and_correct(processed):
    targets = processed["shanxi"].targets
    first, second, third = targets[0].target_id, targets[1].target_id, targets[2].target_id
    outcome = apply_reviews(
        targets,
        [
            review(first, "confirm"),
            review(second, "reject", note="not a target: a training quota"),
            review(third, "correct", "value", "480", at="2024-05-02"),
            review(third, "correct", "is_aspirational", "true", at="2024-05-03"),
        ],
    )
    reviewed = {t.target_id: t for t in outcome.targets}
    assert reviewed[first].review_status == "confirmed"
    assert (reviewed[second].review_status, reviewed[second].review_note) == ("rejected", "not a target: a training quota")
    assert (reviewed[third].review_status, reviewed[third].value, reviewed[third].is_aspirational) == ("corrected", 480, True)
    assert len(outcome.targets) == len(targets)  # rejected targets are kept, marked
    assert all(t.review_status == "unreviewed" for t in outcome.targets[3:])
    assert outcome.orphaned == []


def test_reviews_of_vanished_targets_are_reported_as_orphans(processed):
    gone = review("tgt_0000000000000000", "confirm")
    outcome = apply_reviews(processed["xiamen"].targets, [gone])
    assert outcome.orphaned == [gone]


def test_the_latest_decision_gives_the_status(processed):
    target = processed["xiamen"].targets[0]
    outcome = apply_reviews([target], [review(target.target_id, "confirm", at="2024-06-01"), review(target.target_id, "reject", at="2024-05-01")])
    assert outcome.targets[0].review_status == "confirmed"


def test_the_committed_review_file_refers_to_real_seed_targets(processed):
    reviews = load_reviews(REVIEWS_PATH)
    assert reviews, "the example review row is missing"
    every_target = [t for document in processed.values() for t in document.targets]
    assert apply_reviews(every_target, reviews).orphaned == []


def test_malformed_review_rows_are_refused_with_their_line(tmp_path):
    path = tmp_path / "reviews.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["target_id", "decision", "field", "corrected_value", "reviewer", "reviewed_at", "note"])
        writer.writerow(["tgt_1", "approve", "", "", "a", "2024-01-01", ""])
        writer.writerow(["tgt_2", "correct", "colour", "red", "a", "2024-01-01", ""])
        writer.writerow(["tgt_3", "correct", "value", "lots", "a", "2024-01-01", ""])
    with pytest.raises(ReviewFileError) as error:
        load_reviews(path)
    message = str(error.value)
    assert "line 2" in message and "line 3" in message and "line 4" in message


def test_a_missing_review_file_means_no_reviews(tmp_path):
    assert load_reviews(tmp_path / "absent.csv") == []
