import hashlib
import io
import time

import docx
import pypdf

from orchestration.documents import reading
from orchestration.documents.reading import decode_document, read_document

FIFTY_MB = 50 * 1024 * 1024


def _pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose text layer says `text` (Helvetica, ASCII)."""
    content = f"BT /F1 12 Tf 10 50 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_utf8_gb18030_and_big5_are_decoded():
    text = "到2025年，县域内就诊率达到90%以上。"
    assert decode_document("a.txt", text.encode("utf-8")).text == text
    gbk = decode_document("b.txt", text.encode("gb18030"))
    assert (gbk.encoding, gbk.text) == ("gb18030", text)
    big5 = decode_document("c.txt", "醫改工作要點".encode("big5"))
    assert big5.ok and big5.text == "醫改工作要點"


def test_bom_marked_text_is_decoded():
    assert decode_document("a.txt", "\ufeff医改".encode("utf-8")).text == "医改"
    utf16 = decode_document("a.txt", "医改方案".encode("utf-16"))
    assert (utf16.encoding, utf16.text) == ("utf-16", "医改方案")


def test_empty_files_fail_clearly():
    for data in (b"", b"   \n\t  "):
        result = decode_document("empty.txt", data)
        assert not result.ok and result.error.startswith("empty") and result.text is None


def test_binary_files_fail_clearly():
    result = decode_document("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert result.error.startswith("binary")
    assert decode_document("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 100).error.startswith("unsupported")


def test_undecodable_bytes_fail_clearly():
    result = decode_document("mangled.txt", b"\x81\x30\xff\xfe\x80" * 40)
    assert not result.ok and result.error.startswith("undecodable")


def test_fifty_megabytes_fail_fast_in_memory_and_on_disk(tmp_path):
    started = time.perf_counter()
    in_memory = decode_document("huge.txt", b"a" * FIFTY_MB)
    assert in_memory.error.startswith("too_large") and in_memory.size_bytes == FIFTY_MB

    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(FIFTY_MB)  # sparse: fifty megabytes of zeros
    on_disk = read_document(huge)
    assert on_disk.error.startswith("too_large") and on_disk.size_bytes == FIFTY_MB and on_disk.text is None
    assert time.perf_counter() - started < 5
    assert reading.MAX_DOCUMENT_BYTES < FIFTY_MB


def test_a_too_large_file_is_still_identified_by_its_hash(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_DOCUMENT_BYTES", 1000)
    monkeypatch.setattr(reading, "_HASH_CHUNK_BYTES", 64)  # several chunks, as for a real 50 MB file
    data = bytes(range(256)) * 20
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    loaded = []
    monkeypatch.setattr(type(path), "read_bytes", lambda self: loaded.append(self) or b"")
    result = read_document(path)
    assert result.error.startswith("too_large") and loaded == []  # never loaded whole
    assert result.sha256 == hashlib.sha256(data).hexdigest()


def test_pdf_text_layer_is_read(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(_pdf_with_text("Coverage 90% by 2025"))
    result = read_document(path)
    assert result.ok and result.encoding == "pdf-text" and "Coverage 90% by 2025" in result.text


def test_pdf_without_text_layer_and_broken_pdf_fail_clearly():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    blank = io.BytesIO()
    writer.write(blank)
    assert decode_document("scan.pdf", blank.getvalue()).error.startswith("no_text_layer")
    assert decode_document("broken.pdf", b"%PDF-1.4 not really").error.startswith("unreadable_pdf")


def test_docx_paragraphs_and_tables_are_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("山西省进一步完善医疗卫生服务体系实施方案")
    document.add_paragraph("每个县办好1-2所县级医院。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "指标", "90%"
    path = tmp_path / "plan.docx"
    document.save(path)
    result = read_document(path)
    assert result.ok and result.encoding == "docx"
    assert "每个县办好1-2所县级医院。" in result.text and "指标\t90%" in result.text
    assert decode_document("broken.docx", b"PK\x03\x04 not a zip").error.startswith("unreadable_docx")


def test_html_is_kept_as_captured():
    page = "<html><body><p>到2025年，覆盖率达到90%</p></body></html>"
    result = decode_document("page.html", page.encode("utf-8"))
    assert result.ok and result.text == page
