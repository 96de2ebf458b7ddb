"""Read a policy document file into text, recording how it was decoded.

Captures arrive as plain text or HTML (UTF-8 with or without BOM, UTF-16 with BOM,
GB18030/GBK or Big5), as PDF (we read the text layer) or as Word .docx. A file
that cannot be read is not an exception for the pipeline: it becomes a
`ReadResult` with an `error`, so the other documents still load and the failure
is recorded.

HTML is kept as it was captured: tags and entities are removed later by
`cleaning`, which keeps a map from cleaned characters back to this text.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

# Larger files are almost certainly not a policy text (a dump, a video, a mistake);
# decoding them would only slow the refresh down. The check runs before the file
# is loaded: a 50 MB file is only streamed through the hash, never held in memory.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
_HASH_CHUNK_BYTES = 1024 * 1024

# Tried in order. GB18030 is a superset of GBK/GB2312; Big5 comes last because
# many GB byte sequences are also valid Big5, but not the other way round.
_CANDIDATE_ENCODINGS = ("utf-8", "gb18030", "big5")

# Share of characters that must be ordinary text for a decoding to count as text.
_MIN_PLAUSIBLE_SHARE = 0.85

_PDF_SUFFIXES = {".pdf"}
_DOCX_SUFFIXES = {".docx"}
# Old binary Word/Excel and archives: we cannot read them, say so plainly.
_UNSUPPORTED_SUFFIXES = {".doc", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar", ".7z", ".wps"}


@dataclass(frozen=True)
class ReadResult:
    file_name: str
    sha256: str
    size_bytes: int
    encoding: str | None
    text: str | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of_file(path: Path) -> str:
    """The file's sha256, read a chunk at a time: memory stays flat whatever its size."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_HASH_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def read_document(path: Path) -> ReadResult:
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        # Not decoded, but still identified by its content, so that change detection
        # (a different oversized file under the same name) keeps working.
        return ReadResult(path.name, sha256_of_file(path), size, None, None, _too_large_message(size))
    return decode_document(path.name, path.read_bytes())


def decode_document(file_name: str, data: bytes) -> ReadResult:
    if len(data) > MAX_DOCUMENT_BYTES:
        return ReadResult(file_name, sha256_of(data), len(data), None, None, _too_large_message(len(data)))
    digest = sha256_of(data)

    def failed(reason: str) -> ReadResult:
        return ReadResult(file_name, digest, len(data), None, None, reason)

    def succeeded(encoding: str, text: str) -> ReadResult:
        if not text.strip():
            return failed(f"empty: no text could be read ({encoding})")
        return ReadResult(file_name, digest, len(data), encoding, text, None)

    if not data.strip():
        return failed("empty: the file has no content")

    suffix = Path(file_name).suffix.lower()
    if suffix in _PDF_SUFFIXES or data.startswith(b"%PDF-"):
        text, error = _pdf_text(data)
        return failed(error) if error else succeeded("pdf-text", text)
    if suffix in _DOCX_SUFFIXES:
        text, error = _docx_text(data)
        return failed(error) if error else succeeded("docx", text)
    if suffix in _UNSUPPORTED_SUFFIXES or data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        return failed(f"unsupported: {suffix or 'this'} file format is not read (convert it to PDF, .docx or text)")

    # UTF-16 text legitimately contains NUL bytes, so its BOM is checked first.
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return succeeded(encoding, data.decode(encoding))
            except UnicodeDecodeError:
                return failed(f"undecodable: starts with a {encoding} byte-order mark but is not {encoding} text")

    if b"\x00" in data[:4096]:
        return failed("binary: the file contains NUL bytes and is not a text document")

    for encoding in _CANDIDATE_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return succeeded(encoding, text)
    return failed("undecodable: not valid UTF-8, GB18030 or Big5 text")


def _too_large_message(size: int) -> str:
    return f"too_large: {size} bytes exceeds the {MAX_DOCUMENT_BYTES} byte limit"


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    plausible = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return plausible / len(text) >= _MIN_PLAUSIBLE_SHARE


def _pdf_text(data: bytes) -> tuple[str, str | None]:
    """The PDF text layer, page after page. Scanned PDFs have none: that is an error, not empty text."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        return "", f"unreadable_pdf: {type(exc).__name__}: {exc}"
    text = "\n".join(pages)
    if not text.strip():
        return "", "no_text_layer: the PDF has no text layer (a scan?); it needs OCR first"
    return text, None


def _docx_text(data: bytes) -> tuple[str, str | None]:
    """Paragraphs, then table cells row by row: the order a reader meets them in most plans."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        return "", f"unreadable_docx: {type(exc).__name__}: {exc}"
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines), None
