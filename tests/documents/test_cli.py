import json
import subprocess
import sys

from orchestration.settings import PROJECT_ROOT

from .conftest import seed_path

REQUIRED = {
    "doc", "target_id", "kind", "indicator_code", "indicator_name", "comparator", "value", "value_max", "unit",
    "deadline_year", "scope", "evaluation_level", "is_aspirational", "region", "quote", "source_start", "source_end",
}


def run(*arguments):
    return subprocess.run(
        [sys.executable, "-m", "orchestration.documents.cli", *map(str, arguments)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60,
    )


def test_extract_prints_one_json_object_per_item(tmp_path):
    result = run("extract", seed_path("jiayuguan"))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 9 and all(REQUIRED <= row.keys() for row in rows)
    assert list(rows[0])[: len(REQUIRED)] == ["doc", "target_id", "kind", "indicator_code", "indicator_name", "comparator", "value",
                                             "value_max", "unit", "deadline_year", "scope", "evaluation_level", "is_aspirational",
                                             "region", "quote", "source_start", "source_end"]
    centres = next(row for row in rows if row["indicator_code"] == "shared_center_coverage")
    assert (centres["doc"], centres["value"], centres["comparator"], centres["deadline_year"]) == (seed_path("jiayuguan").name, 90, ">=", 2021)


def test_unreadable_files_are_reported_and_the_rest_continue(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "plan.txt").write_text("某市卫生健康工作方案\n到2025年，县域内就诊率达到90%。\n", encoding="utf-8")
    result = run("extract", tmp_path, tmp_path / "missing.txt")
    assert result.returncode == 0
    assert "empty.txt" in result.stderr and "missing.txt" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["doc"], row["indicator_code"], row["value"]) for row in rows] == [("plan.txt", "county_visit_rate", 90)]


def test_nothing_processed_is_a_failure(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("extract", tmp_path / "empty.txt")
    assert result.returncode != 0 and result.stdout == "" and "empty" in result.stderr


def test_a_reader_that_stops_early_ends_the_output_quietly():
    heldout = PROJECT_ROOT / "tests" / "documents" / "heldout"
    process = subprocess.Popen(
        [sys.executable, "-m", "orchestration.documents.cli", "extract", *[str(heldout)] * 3],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    first = process.stdout.readline()  # like `| head -1`: read one line, then go away
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert json.loads(first)["doc"] and process.stderr.read() == b""
