"""Read a policy document file into text, recording how it was decoded.

Captures arrive as UTF-8 (with or without BOM), GB18030/GBK or Big5. A file that
cannot be read is not an exception for the pipeline: it becomes a `ReadResult`
with an `error`, so the other documents still load and the failure is recorded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

# Larger files are almost certainly not a policy text (a dump, a video, a mistake);
# reading them would only slow the refresh down.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

# Tried in order. GB18030 is a superset of GBK/GB2312; Big5 comes last because
# many GB byte sequences are also valid Big5, but not the other way round.
_CANDIDATE_ENCODINGS = ("utf-8", "gb18030", "big5")

# Share of characters that must be CJK / ASCII printable for a decoding to count as text.
_MIN_PLAUSIBLE_SHARE = 0.85


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


def read_document(path: Path) -> ReadResult:
    data = path.read_bytes()
    return decode_document(path.name, data)


def decode_document(file_name: str, data: bytes) -> ReadResult:
    digest = sha256_of(data)

    def failed(reason: str) -> ReadResult:
        return ReadResult(file_name, digest, len(data), None, None, reason)

    if not data.strip():
        return failed("empty: the file has no content")
    if len(data) > MAX_DOCUMENT_BYTES:
        return failed(f"too_large: {len(data)} bytes exceeds the {MAX_DOCUMENT_BYTES} byte limit")
    if b"\x00" in data[:4096]:
        return failed("binary: the file contains NUL bytes and is not a text document")

    if data.startswith(b"\xef\xbb\xbf"):
        return ReadResult(file_name, digest, len(data), "utf-8-sig", data[3:].decode("utf-8", "replace"), None)

    for encoding in _CANDIDATE_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return ReadResult(file_name, digest, len(data), encoding, text, None)
    return failed("undecodable: not valid UTF-8, GB18030 or Big5 text")


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    plausible = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return plausible / len(text) >= _MIN_PLAUSIBLE_SHARE
