"""The command line works end to end, and every feed contract documents every column."""

from __future__ import annotations

import json

from orchestration.feeds.cli import main
from orchestration.feeds.defects import EXPECTED_OUTCOME
from orchestration.settings import PROJECT_ROOT
from orchestration.feeds.specs import FEEDS
from orchestration.feeds.validation import __doc__ as validation_doc

DOCS_DIR = PROJECT_ROOT / "docs" / "feeds"


def test_generate_then_load_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "feeds"
    assert main(["generate", "--scale", "seed", "--seed", "2", "--start", "2024-01", "--end", "2024-02",
                 "--out", str(out), "--feed", "service_capacity_assessments", "--feed", "institution_monthly_reports"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rows"]["institution_monthly_reports"] > 0 and set(report["seconds"]) >= {"reference", "total"}
    assert (out / "manifest.json").exists() and (out / "reference" / "org_units.csv").exists()
    assert main(["load", str(out)]) == 0
    summaries = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    monthly = next(summary for summary in summaries if summary["feed"] == "institution_monthly_reports")
    assert monthly["received"] == monthly["accepted"] + monthly["quarantined"] > 0


def test_every_feed_contract_lists_its_headers_and_columns():
    for name, spec in FEEDS.items():
        page = (DOCS_DIR / f"{name}.md").read_text(encoding="utf-8")
        for column in spec.columns:
            leaf = column.header.rpartition("/")[2]
            assert leaf in page and column.name in page, (name, column.header)
        assert spec.title in page


def test_the_shared_contract_lists_every_reason_and_defect():
    page = (DOCS_DIR / "README.md").read_text(encoding="utf-8")
    reasons = [line.split()[0] for line in validation_doc.split("Reason codes:")[1].splitlines() if line.startswith("    ")]
    assert reasons and all(reason in page for reason in reasons)
    assert all(defect in page for defect in EXPECTED_OUTCOME)
