import json

from orchestration.documents.pipeline import ERROR, NO_TARGETS, OK, process_document
from orchestration.documents.reading import decode_document


def test_every_seed_processes_ok_with_rows_ready_for_the_warehouse(processed):
    for document in processed.values():
        assert document.status == OK and document.message is None
        record = document.to_record()
        assert record["targets"] == len(document.targets) > 0 and record["clauses"] == len(document.clauses)
        json.dumps([record, *document.target_records(), *document.clause_records(), *document.cleaning_records()], ensure_ascii=False)
        for row in document.target_records():
            assert row["doc"] == document.file_name and row["target_id"] and row["document_key"] == document.document_key


def test_a_document_without_targets_says_so():
    document = process_document(decode_document("meeting.txt", "关于召开全市卫生健康工作会议的通知\n请各单位准时参加。".encode()))
    assert (document.status, document.targets) == (NO_TARGETS, [])
    assert document.metadata.title == "关于召开全市卫生健康工作会议的通知"


def test_an_unreadable_document_is_an_error_not_an_exception():
    document = process_document(decode_document("empty.txt", b""))
    assert document.status == ERROR and document.message.startswith("empty")
    assert document.to_record()["targets"] == 0 and document.target_records() == []
