"""Hand-made files: file-level errors are recorded without stopping other files, and each
row-level reason code is given where it applies."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from orchestration.feeds import loading
from orchestration.feeds.loading import load_feed, load_feed_file
from orchestration.feeds.reference import Reference, load_reference
from orchestration.settings import REFERENCE_DIR
from orchestration.feeds.specs import (
    FAMILY_DOCTOR_CONTRACTS,
    INSTITUTION_MONTHLY_REPORTS,
    SERVICE_CAPACITY_ASSESSMENTS,
)
from orchestration.feeds.writers import csv_bytes, xlsx_bytes

DELIVERY = "2024-04-10"
HEADERS = [column.header for column in FAMILY_DOCTOR_CONTRACTS.columns]


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference(REFERENCE_DIR)


@pytest.fixture(scope="module")
def codes(reference) -> dict[str, str]:
    institutions = reference.institutions.sort("org_unit_id")
    def first(condition: pl.Expr) -> str:
        return institutions.filter(condition)["org_unit_id"][0]
    return {
        "thc": first(pl.col("institution_type") == "乡镇卫生院"),
        "chc": first(pl.col("institution_type") == "社区卫生服务中心"),
        "lead": first(pl.col("is_consortium_lead")),
        "village": first(pl.col("institution_type") == "村卫生室"),
    }


def contract_row(institution: str, start: str = "2024-03-05", end: str = "2025-03-04", contract: str = "QY1") -> list[str]:
    return [contract, "35020300100000001", institution, institution + "-01", start, end, "1", "0", "0", "0", "0", "0", "0", "0"]


def contracts_text(rows: list[list[str]], headers: list[str] = HEADERS) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=headers, orient="row")


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / DELIVERY / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def contracts_file(folder: Path, rows: list[list[str]], *, name: str = "350200_家庭医生签约记录_2024-03.csv",
                   encoding: str = "gbk", headers: list[str] = HEADERS) -> Path:
    return write(folder, name, csv_bytes(contracts_text(rows, headers), encoding))


def test_a_clean_file_loads_every_row(tmp_path, reference, codes):
    path = contracts_file(tmp_path, [contract_row(codes["thc"], contract=f"QY{i}") for i in range(3)])
    load = load_feed_file(path, reference, root=tmp_path)
    assert (load.audit["status"], load.audit["rows_received"], load.audit["rows_accepted"]) == ("loaded", 3, 3)
    assert load.accepted["source_row"].to_list() == [2, 3, 4]
    assert load.accepted["delivered_on"].cast(pl.String).to_list() == [DELIVERY] * 3
    assert load.accepted["source_file"][0] == f"{DELIVERY}/350200_家庭医生签约记录_2024-03.csv"


@pytest.mark.parametrize("case, expected", [
    ("truncated", "truncated_file"),
    ("utf8", "wrong_encoding"),
    ("empty", "empty_file"),
    ("header_only", "empty_file"),
    ("extra_column", "unknown_columns"),
    ("missing_column", "missing_columns"),
    ("future_month", "unknown_month"),
    ("month_13", "unknown_month"),
    ("unknown_feed", "unrecognised_file_name"),
])
def test_file_level_errors_are_recorded(tmp_path, reference, codes, case, expected):
    rows = [contract_row(codes["thc"], contract=f"QY{i}") for i in range(3)]
    good = csv_bytes(contracts_text(rows), "gbk")
    files = {
        "truncated": ("350200_家庭医生签约记录_2024-03.csv", good[: good.rindex(b"\r\n", 0, len(good) - 2) + 12]),
        "utf8": ("350200_家庭医生签约记录_2024-03.csv", csv_bytes(contracts_text(rows), "utf-8")),
        "empty": ("350200_家庭医生签约记录_2024-03.csv", b""),
        "header_only": ("350200_家庭医生签约记录_2024-03.csv", good[: good.index(b"\r\n") + 2]),
        "extra_column": ("350200_家庭医生签约记录_2024-03.csv",
                         csv_bytes(contracts_text([r + ["备注"] for r in rows], HEADERS + ["备注"]), "gbk")),
        "missing_column": ("350200_家庭医生签约记录_2024-03.csv",
                           csv_bytes(contracts_text(rows).drop("签约团队编码"), "gbk")),
        "future_month": ("350200_家庭医生签约记录_2031-01.csv", good),
        "month_13": ("350200_家庭医生签约记录_2024-13.csv", good),
        "unknown_feed": ("350200_签约汇总表_2024-03.csv", good),
    }
    name, content = files[case]
    load = load_feed_file(write(tmp_path, name, content), reference, root=tmp_path)
    assert load.audit["status"] == "file_error"
    assert load.audit["error_code"] == expected, load.audit["error_message"]
    assert load.audit["rows_received"] == load.audit["rows_accepted"] + load.audit["rows_quarantined"] == 0
    assert load.accepted.height == 0 and load.audit["error_message"]


def test_a_broken_file_does_not_stop_the_others(tmp_path, reference, codes):
    contracts_file(tmp_path, [contract_row(codes["thc"], start="2024-02-05", contract="QY1")],
                   name="350200_家庭医生签约记录_2024-02.csv")
    contracts_file(tmp_path, [contract_row(codes["thc"], contract="QY2")], name="350200_家庭医生签约记录_2024-03.csv",
                   encoding="utf-8")
    write(tmp_path, "350200_家庭医生签约记录_2024-04.csv", b"")
    write(tmp_path, "说明.txt", "请查收".encode())
    loaded = load_feed(tmp_path, reference, root=tmp_path)
    assert loaded.current["contract_id"].to_list() == ["QY1"]
    errors = dict(loaded.audit.select("source_file", "error_code").iter_rows())
    assert sorted(code for code in errors.values() if code) == ["empty_file", "unrecognised_file_name", "wrong_encoding"]


def test_columns_are_found_by_header_whatever_their_order(tmp_path, reference, codes):
    text = contracts_text([contract_row(codes["thc"])])
    shuffled = text.select(list(reversed(text.columns)))
    load = load_feed_file(write(tmp_path, "350200_家庭医生签约记录_2024-03.csv", csv_bytes(shuffled, "gbk")), reference)
    assert load.audit["columns_reordered"] and load.accepted["institution_id"].to_list() == [codes["thc"]]


def test_truncated_workbook_is_a_file_error(tmp_path, reference, codes):
    text = pl.DataFrame({column.header: [None] for column in INSTITUTION_MONTHLY_REPORTS.columns}, schema={
        column.header: pl.String for column in INSTITUTION_MONTHLY_REPORTS.columns})
    content = xlsx_bytes(INSTITUTION_MONTHLY_REPORTS, text, "月报")
    load = load_feed_file(write(tmp_path, "350200_医疗机构运行监测月报_2024-03.xlsx", content[: len(content) // 2]), reference)
    assert load.audit["error_code"] == "truncated_file"


def test_workbook_data_outside_the_header_is_not_dropped_silently(tmp_path, reference, codes):
    spec = INSTITUTION_MONTHLY_REPORTS
    row = {column.header: "1" for column in spec.columns} | {"机构编码": codes["thc"], "报告月份": "2024-03"}
    content = xlsx_bytes(spec, pl.DataFrame([row]), "月报")
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    workbook.active.cell(4, len(spec.columns) + 2, "备注：本月数据含补报")
    buffer = io.BytesIO()
    workbook.save(buffer)
    load = load_feed_file(write(tmp_path, "350200_医疗机构运行监测月报_2024-03.xlsx", buffer.getvalue()), reference)
    assert load.audit["error_code"] == "unknown_columns"


def test_a_malformed_json_line_is_quarantined_and_the_rest_loads(tmp_path, reference, codes):
    event = {"eventId": "E1", "orgCode": codes["chc"], "patientId": "1", "itemClass": "检验", "itemName": "血常规",
             "orderedAt": "2024-03-05T09:00:00", "priorResultExists": True, "priorOrgCode": codes["lead"],
             "recognitionResult": "互认"}
    lines = [json.dumps(event, ensure_ascii=False), '{"eventId": "E2", "orgCode": ', json.dumps({**event, "eventId": "E3"}, ensure_ascii=False)]
    path = write(tmp_path, "350200_检查检验互认事件_2024-03.jsonl", ("\n".join(lines) + "\n").encode())
    load = load_feed_file(path, reference)
    assert load.accepted["event_id"].to_list() == ["E1", "E3"]
    assert load.quarantined.select("source_row", "reason").rows() == [(2, "unparseable_row")]
    assert load.quarantined["raw_record"][0] == '{"eventId": "E2", "orgCode": '
    assert load.audit["rows_received"] == 3


def _reason_of(load) -> tuple[str, str]:
    assert load.quarantined.height == 1, load.quarantined
    return load.quarantined["reason"][0], load.quarantined["column"][0]


def test_contract_row_reasons(tmp_path, reference, codes):
    cases = {
        "unparseable_value": (contract_row(codes["thc"], start="2024/13/45"), "start_date"),
        "end_before_start": (contract_row(codes["thc"], end="2024-01-01"), "end_date"),
        "unknown_month": (contract_row(codes["thc"], start="2024-04-02"), "start_date"),  # file is 2024-03
        "unknown_institution": (contract_row("人民医院"), "institution_id"),
    }
    for reason, (row, column) in cases.items():
        folder = tmp_path / reason
        load = load_feed_file(contracts_file(folder, [row]), reference)
        assert _reason_of(load) == (reason, column)
    # A contract signed before the file's month is re-reported stock, not an error.
    earlier = load_feed_file(contracts_file(tmp_path / "stock", [contract_row(codes["thc"], start="2023-06-01")]), reference)
    assert earlier.accepted.height == 1


def test_rows_of_one_file_get_their_own_first_failure(tmp_path, reference, codes):
    rows = [
        contract_row(codes["thc"], contract="QY1"),
        contract_row("人民医院", start="2024/13/45", contract="QY2"),  # unparseable comes before unknown institution
        contract_row("人民医院", contract="QY3"),
        contract_row(codes["thc"], end="2024-01-01", contract="QY4"),
    ]
    load = load_feed_file(contracts_file(tmp_path, rows), reference)
    assert load.accepted["contract_id"].to_list() == ["QY1"]
    assert load.quarantined.select("source_row", "reason", "column").rows() == [
        (3, "unparseable_value", "start_date"), (4, "unknown_institution", "institution_id"), (5, "end_before_start", "end_date"),
    ]
    assert load.quarantined["message"][0] == "「协议生效日期」的值“2024/13/45”无法识别为日期"


def test_large_and_small_files_are_judged_alike(tmp_path, reference, codes, monkeypatch):
    # Small files are judged at once in memory, large ones in one streaming pass with three outputs.
    rows = [contract_row(codes["thc"], contract=f"QY{i}") for i in range(5)] + [contract_row("人民医院", contract="QY9")]
    path = contracts_file(tmp_path, rows)
    small = load_feed_file(path, reference, root=tmp_path)
    monkeypatch.setattr(loading, "SMALL_FILE_ROWS", 0)
    large = load_feed_file(path, reference, root=tmp_path)
    assert small.accepted.equals(large.accepted) and small.quarantined.equals(large.quarantined)
    assert small.audit == large.audit and small.quarantined.height == 1


def test_names_and_full_width_text_are_normalised(tmp_path, reference, codes):
    registered = reference.institutions.filter(pl.col("org_unit_id") == codes["thc"])["name"].item()
    row = contract_row("  " + registered + " ", start="２０２４-０３-０５")
    load = load_feed_file(contracts_file(tmp_path, [row]), reference)
    accepted = load.accepted.row(0, named=True)
    assert (accepted["institution_id"], accepted["institution_matched_by"]) == (codes["thc"], "alias")
    assert str(accepted["start_date"]) == "2024-03-05"
    assert load.audit["full_width_values"] == 1 and load.audit["institutions_by_alias"] == 1


def test_event_row_reasons(tmp_path, reference, codes):
    base = {"eventId": "E1", "orgCode": codes["chc"], "patientId": "1", "itemClass": "检验", "itemName": None,
            "orderedAt": "2024-03-05T09:00:00", "priorResultExists": True, "priorOrgCode": None, "recognitionResult": "互认"}
    cases = {
        ("invalid_code", "item_class"): {"itemClass": "化验"},
        ("unknown_month", "ordered_at"): {"orderedAt": "2024-04-01T08:00:00"},
        ("missing_value", "recognition_result"): {"recognitionResult": None},
        ("numerator_exceeds_denominator", "recognition_result"): {"priorResultExists": False},
        ("unparseable_value", "has_prior_result"): {"priorResultExists": "也许"},
    }
    for (reason, column), change in cases.items():
        path = write(tmp_path / reason, "350200_检查检验互认事件_2024-03.jsonl",
                     (json.dumps({**base, **change}, ensure_ascii=False) + "\n").encode())
        assert _reason_of(load_feed_file(path, reference)) == (reason, column)
    # Without a prior result there is nothing to recognise or repeat: a blank result is fine.
    fine = write(tmp_path / "fine", "350200_检查检验互认事件_2024-03.jsonl",
                 (json.dumps({**base, "priorResultExists": False, "recognitionResult": None}) + "\n").encode())
    assert load_feed_file(fine, reference).accepted.height == 1


def test_monthly_report_row_reasons(tmp_path, reference, codes):
    spec = INSTITUTION_MONTHLY_REPORTS
    counts = {column.name: "10" for column in spec.columns if column.kind == "count"}

    def report(institution: str, **changes) -> dict:
        values = {"institution_id": institution, "institution_name": None, "month": "2024-03", **counts, **changes}
        return {column.header: values[column.name] for column in spec.columns}

    cases = {
        ("negative_value", "referrals_up"): report(codes["thc"], referrals_up="-3"),
        ("numerator_exceeds_denominator", "hypertension_managed"): report(codes["thc"], hypertension_managed="11"),
        ("unknown_month", "month"): report(codes["thc"], month="2024-02"),
        ("unparseable_value", "visits"): report(codes["thc"], visits="约10"),
        # Chronic-disease columns are the health centres' to fill, not the village clinic's.
        ("missing_value", "hypertension_registered"): report(codes["chc"], hypertension_registered=None),
    }
    for (reason, column), row in cases.items():
        content = xlsx_bytes(spec, pl.DataFrame([row], schema={header: pl.String for header in row}), "月报")
        path = write(tmp_path / reason, "350200_医疗机构运行监测月报_2024-03.xlsx", content)
        load = load_feed_file(path, reference)
        assert load.audit["total_rows_skipped"] == 1  # the 合计 row is no data
        assert _reason_of(load) == (reason, column)
    not_applicable = report(codes["lead"], hypertension_registered=None, hypertension_managed=None)
    content = xlsx_bytes(spec, pl.DataFrame([not_applicable], schema={header: pl.String for header in not_applicable}), "月报")
    assert load_feed_file(write(tmp_path / "lead", "350200_医疗机构运行监测月报_2024-03.xlsx", content), reference).accepted.height == 1


def test_assessment_percentages(tmp_path, reference, codes):
    spec = SERVICE_CAPACITY_ASSESSMENTS
    rows = [[codes["thc"], None, "2024", "推荐标准", "85%", "70.5"], [codes["chc"], None, "2024", "基本标准", "101", "60"],
            [codes["chc"], None, "2024", "优秀", "90", "60"]]
    text = pl.DataFrame(rows, schema=[column.header for column in spec.columns], orient="row")
    load = load_feed_file(write(tmp_path, "350200_优质服务基层行评价结果_2024.csv", csv_bytes(text, "gbk")), reference)
    assert load.accepted["basic_standard_score"].to_list() == [85.0]
    assert load.audit["percent_text_values"] == 1
    assert load.quarantined.select("reason", "column").rows() == [("out_of_range", "basic_standard_score"),
                                                                  ("invalid_code", "rating")]
