from orchestration.documents.pipeline import process_document
from orchestration.documents.reading import decode_document, read_document

from .conftest import SEEDS, seed_path


def ids(document):
    return [target.target_id for target in document.targets]


def test_ids_are_unique_and_stable_across_runs(processed):
    for name in SEEDS:
        again = process_document(read_document(seed_path(name)))
        assert ids(again) == ids(processed[name])
        assert len(set(ids(again))) == len(ids(again))
        assert all(target_id.startswith("tgt_") for target_id in ids(again))


def test_ids_do_not_depend_on_other_documents_or_the_file_name(processed):
    data = seed_path("shanxi").read_bytes()
    alongside = [process_document(read_document(seed_path(name))) for name in ("xiamen", "shanxi", "baoding")]
    assert ids(alongside[1]) == ids(processed["shanxi"])
    renamed = process_document(decode_document("renamed_copy.txt", data))
    assert ids(renamed) == ids(processed["shanxi"])


def test_ids_survive_text_moving_around_them(processed):
    data = seed_path("shanxi").read_bytes()
    shifted = process_document(decode_document("shifted.txt", "来源:山西省人民政府网\n\n".encode() + data))
    assert ids(shifted) == ids(processed["shanxi"])
    assert [t.source_start for t in shifted.targets] != [t.source_start for t in processed["shanxi"].targets]


def test_identical_quantities_in_one_sentence_get_different_ids(processed):
    hundreds = [t for t in processed["shanxi"].targets if t.mention == "100个" and "打造25个" in t.quote]
    assert len(hundreds) == 2 and hundreds[0].target_id != hundreds[1].target_id


def test_document_key_prefers_the_number_then_the_title(processed):
    assert processed["shanxi"].document_key == "no:晋政发〔2023〕15号"
    assert processed["lishui"].document_key.startswith("title:丽水市深化医药卫生体制改革联席会议办公室关于修订")
