"""Generate mock monitoring feeds: reference data, one file per feed × city × period, a manifest.

    <out>/reference/*.csv                                   the world the feeds describe
    <out>/<feed>/<delivery date>/<city>_<title>_<period>[_更正].<ext>
    <out>/manifest.json                                     what was injected where

Output depends only on (scale, seed, window, defect rate): every random draw comes from a
stream keyed by what it is for, so files are byte-identical across runs.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from orchestration.feeds.defects import FEED_DEFECTS, correct, inject_row_defects
from orchestration.feeds.deliveries import FilePlan, plan_file, resubmission_delivery, scheduled_delivery
from orchestration.feeds.filenames import FileName
from orchestration.feeds.periods import MonthWindow
from orchestration.feeds.randomness import stream
from orchestration.feeds.reference import Reference, write_reference
from orchestration.feeds.reference_builder import build_reference
from orchestration.feeds.rendering import render_text
from orchestration.feeds.scales import ScaleProfile, scale_profile
from orchestration.feeds.simulation.assessments import simulate_assessments
from orchestration.feeds.simulation.contracts import simulate_contracts
from orchestration.feeds.simulation.events import simulate_events
from orchestration.feeds.simulation.monthly import simulate_monthly_reports
from orchestration.feeds.specs import FEEDS, FeedSpec
from orchestration.feeds.writers import csv_bytes, jsonl_bytes, xlsx_bytes

Simulator = Callable[[Reference, str, int, MonthWindow], pl.DataFrame]
SIMULATORS: dict[str, Simulator] = {
    "family_doctor_contracts": simulate_contracts,
    "mutual_recognition_events": simulate_events,
    "institution_monthly_reports": simulate_monthly_reports,
    "service_capacity_assessments": simulate_assessments,
}

# Physical (1-based) row of the first data row: after the CSV header, the Excel title and
# two header rows; JSON Lines has no header.
FIRST_DATA_ROW = {"csv": 2, "jsonl": 1, "xlsx": 4}
RESUBMISSION_CORRECTED_SHARE = 0.1
MANIFEST_NAME = "manifest.json"
REFERENCE_FOLDER = "reference"


@dataclass
class GenerationReport:
    scale: str
    seed: int
    institutions: int
    residents: int
    seconds: dict[str, float] = field(default_factory=dict)  # per feed, plus `reference` and `total`
    rows: dict[str, int] = field(default_factory=dict)  # data rows written per feed, resubmissions included
    files: dict[str, int] = field(default_factory=dict)


@dataclass
class _Manifest:
    files: list[dict] = field(default_factory=list)
    not_delivered: list[dict] = field(default_factory=list)
    row_defects: list[pl.DataFrame] = field(default_factory=list)


def generate(
    out: Path,
    *,
    scale: str | ScaleProfile = "seed",
    seed: int = 1,
    start: str = "2023-01",
    end: str = "2025-12",
    defect_rate: float = 0.02,
    feeds: list[str] | None = None,
) -> GenerationReport:
    began = time.perf_counter()
    window = MonthWindow(start, end)
    selected = [FEEDS[name] for name in (feeds or FEEDS)]
    _clear_previous_output(out)

    profile = scale_profile(scale) if isinstance(scale, str) else scale
    reference = build_reference(profile)
    write_reference(reference, out / REFERENCE_FOLDER)
    report = GenerationReport(
        scale=profile.name, seed=seed, institutions=reference.institutions.height,
        residents=int(reference.township_population["resident_population"].sum()),
    )
    report.seconds["reference"] = round(time.perf_counter() - began, 2)

    manifest = _Manifest()
    cities = list(reference.cities.sort("org_unit_id").select("org_unit_id", "name").iter_rows())
    for spec in selected:
        feed_began = time.perf_counter()
        writer = _FileWriter(out, spec, reference, seed, defect_rate, manifest)
        for city_id, city_name in cities:
            rows = SIMULATORS[spec.name](reference, city_id, seed, window)
            parts = rows.partition_by("period", as_dict=True, include_key=False)
            for period in (window.months() if spec.cadence == "monthly" else [str(year) for year in window.years()]):
                writer.deliver(city_id, city_name, period, parts.get((period,), rows.clear().drop("period")))
        report.seconds[spec.name] = round(time.perf_counter() - feed_began, 2)
        report.rows[spec.name] = writer.rows_written
        report.files[spec.name] = writer.files_written

    _write_manifest(out / MANIFEST_NAME, manifest, {
        "scale": profile.name, "seed": seed, "start": window.first, "end": window.last, "defect_rate": defect_rate,
        "feeds": [spec.name for spec in selected],
    })
    report.seconds["total"] = round(time.perf_counter() - began, 2)
    return report


def _clear_previous_output(out: Path) -> None:
    """Remove what an earlier run wrote here (and only that), so the folder holds exactly
    what the new manifest lists."""
    for folder in [REFERENCE_FOLDER, *FEEDS]:
        shutil.rmtree(out / folder, ignore_errors=True)
    (out / MANIFEST_NAME).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


class _FileWriter:
    """Writes every submission of one feed and records it in the manifest."""

    def __init__(self, out: Path, spec: FeedSpec, reference: Reference, seed: int, rate: float, manifest: _Manifest):
        self.out, self.spec, self.reference, self.seed, self.rate, self.manifest = out, spec, reference, seed, rate, manifest
        self.rows_written = 0
        self.files_written = 0

    def deliver(self, city_id: str, city_name: str, period: str, rows: pl.DataFrame) -> None:
        plan = plan_file(self.seed, self.spec, city_id, period, self.rate)
        first = FileName(city_id, self.spec.title, period, 0, self.spec.file_format)
        delivered_on = scheduled_delivery(self.spec, period, plan.late_months)
        if plan.missing:
            self.manifest.not_delivered.append({
                "feed": self.spec.name, "city_id": city_id, "period": period,
                "path": f"{self.spec.name}/{delivered_on.isoformat()}/{first.render()}",
            })
            return
        clean = render_text(self.spec, rows)
        original = self._write(first, delivered_on, city_name, clean, plan, submission=0)
        if plan.resubmitted:
            corrected = self._corrected(clean, city_id, period)
            again = FileName(city_id, self.spec.title, period, 1, self.spec.file_format)
            clean_plan = FilePlan(missing=False, late_months=0, resubmitted=False, reorder_columns=False, file_error=None)
            self._write(again, resubmission_delivery(delivered_on), city_name, corrected, clean_plan, submission=1,
                        resubmission_of=original)

    def _write(
        self, name: FileName, delivered_on: date, city_name: str, clean: pl.DataFrame, plan: FilePlan, *,
        submission: int, resubmission_of: str | None = None,
    ) -> str:
        path = f"{self.spec.name}/{delivered_on.isoformat()}/{name.render()}"
        rng = stream(self.seed, "defects", self.spec.name, path)
        if plan.file_error:
            # A broken file is rejected whole; its rows are not worth seeding defects into.
            text, defects = clean, None
        else:
            text, defects = inject_row_defects(self.spec, clean, self.reference, rng, self.rate)
        if plan.reorder_columns:
            text = _reorder_columns(self.spec, text, rng)
        content = self._encode(text, city_name, name.period, plan)
        if plan.file_error == "truncated_file":
            content = _truncate(content, self.spec.file_format, rng)
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

        self.rows_written += text.height
        self.files_written += 1
        self.manifest.files.append({
            "path": path, "feed": self.spec.name, "city_id": name.region_code, "period": name.period,
            "delivered_on": delivered_on.isoformat(), "submission": submission, "resubmission_of": resubmission_of,
            "rows": text.height, "file_defects": plan.file_defects,
            "expected": f"file_error:{plan.file_error}" if plan.file_error else "loaded",
        })
        if defects is not None and defects.height:
            self.manifest.row_defects.append(defects.select(
                pl.lit(path).alias("path"),
                (pl.col("position") + FIRST_DATA_ROW[self.spec.file_format]).alias("row"),
                "defect", "column", "expected",
            ))
        return path

    def _encode(self, text: pl.DataFrame, city_name: str, period: str, plan: FilePlan) -> bytes:
        match self.spec.file_format:
            case "csv":
                return csv_bytes(text, "utf-8" if plan.file_error == "wrong_encoding" else self.spec.encoding)
            case "jsonl":
                return jsonl_bytes(self.spec, text)
            case _:
                when = f"{period[:4]}年{int(period[5:7])}月" if len(period) > 4 else f"{period}年度"
                return xlsx_bytes(self.spec, text, f"{city_name}{self.spec.title}（{when}）")

    def _corrected(self, clean: pl.DataFrame, city_id: str, period: str) -> pl.DataFrame:
        """The resubmitted file: the same rows, a tenth of them with a corrected value."""
        rng = stream(self.seed, "corrections", self.spec.name, city_id, period)
        column = self.spec.column(FEED_DEFECTS[self.spec.name].correction)
        chosen = pl.Series(rng.random(clean.height) < RESUBMISSION_CORRECTED_SHARE)
        fixed = correct(self.spec, column.name, pl.col(column.header))
        return clean.with_columns(
            pl.when(pl.lit(chosen) & fixed.is_not_null()).then(fixed).otherwise(pl.col(column.header)).alias(column.header)
        )


def _reorder_columns(spec: FeedSpec, text: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """Columns in another order than the template; an Excel header group moves as a block."""
    blocks: list[list[str]] = []
    for header in text.columns:
        group = header.rpartition("/")[0] if spec.file_format == "xlsx" else ""
        if blocks and group and blocks[-1][0].rpartition("/")[0] == group:
            blocks[-1].append(header)
        else:
            blocks.append([header])
    order = rng.permutation(len(blocks))
    if (order == np.arange(len(blocks))).all():
        order = np.roll(order, 1)
    return text.select([header for index in order for header in blocks[index]])


def _truncate(content: bytes, file_format: str, rng: np.random.Generator) -> bytes:
    """Cut a file short, as an interrupted upload leaves it: text files a few bytes into a
    line (so the last row visibly lacks fields), workbooks anywhere (the zip breaks)."""
    cut = int(len(content) * rng.uniform(0.5, 0.95))
    if file_format != "xlsx":
        line_start = content.find(b"\n", cut) + 1
        cut = line_start + 5 if 0 < line_start < len(content) - 5 else cut
    return content[:cut]


def _write_manifest(path: Path, manifest: _Manifest, parameters: dict) -> None:
    header = {
        "generator": parameters,
        "files": sorted(manifest.files, key=lambda entry: entry["path"]),
        "not_delivered": sorted(manifest.not_delivered, key=lambda entry: entry["path"]),
    }
    defects = (
        pl.concat(manifest.row_defects).sort("path", "row", "defect")
        if manifest.row_defects
        else pl.DataFrame(schema={"path": pl.String, "row": pl.Int64, "defect": pl.String, "column": pl.String, "expected": pl.String})
    )
    # Row defects can number in the millions; polars serialises them far faster than json.
    text = json.dumps(header, ensure_ascii=False, indent=1)
    path.write_text(text[:-2] + ',\n "row_defects": ' + defects.write_json() + "\n}\n", encoding="utf-8")
