"""Stable identifiers for documents and their targets.

A review written against a target must still find it after the document is
reprocessed, renamed, or read alongside new documents. So an id is a hash of
what the document *says*, never of where a file sits or of character offsets:

* the document key: its number (厦府办〔2024〕2号), else its title, else the
  hash of its bytes;
* the target: its sentence with spaces and punctuation removed, the quantity as
  written (20-30名), its value, and its occurrence among identical keys (the
  sentence 建设100个省级专科和100个县级专科 has two 100个).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter

from orchestration.documents.extraction import Target
from orchestration.documents.metadata import DocumentMetadata

_BRACKETS = str.maketrans({"[": "〔", "［": "〔", "【": "〔", "(": "〔", "（": "〔", "]": "〕", "］": "〕", "】": "〕", ")": "〕", "）": "〕"})
_NOT_CONTENT = re.compile(r"[^\w%‰]")


def normalise_text(text: str) -> str:
    """Only letters, digits, Han characters and % remain: spacing and punctuation do not identify."""
    return _NOT_CONTENT.sub("", text)


def document_key(metadata: DocumentMetadata | None, sha256: str) -> str:
    if metadata and metadata.document_number:
        return "no:" + re.sub(r"\s+", "", metadata.document_number).translate(_BRACKETS)
    if metadata and metadata.title:
        return "title:" + normalise_text(metadata.title)
    return "sha256:" + sha256


def target_id(document: str, target: Target, occurrence: int) -> str:
    key = "|".join(
        (document, normalise_text(target.quote), normalise_text(target.mention), _number(target.value), _number(target.value_max), str(occurrence))
    )
    return "tgt_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def with_target_ids(document: str, targets: list[Target]) -> list[Target]:
    """The same targets, each with its id; identical keys are told apart by their order."""
    seen: Counter[tuple] = Counter()
    identified = []
    for target in targets:
        key = (normalise_text(target.quote), normalise_text(target.mention), _number(target.value), _number(target.value_max))
        identified.append(dataclasses.replace(target, target_id=target_id(document, target, seen[key])))
        seen[key] += 1
    return identified


def _number(value: float | int | None) -> str:
    return "" if value is None else format(float(value), "g")
