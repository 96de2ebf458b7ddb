"""Fixtures for the document library: the five seed captures, processed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration.documents.pipeline import ProcessedDocument, process_document
from orchestration.documents.reading import read_document
from orchestration.settings import DOCUMENTS_DIR

SEEDS = {
    "xiamen": "000_64f0c7a74635aedf.txt",
    "lishui": "001_ce118af2bdc50565.txt",
    "jiayuguan": "002_1f16d89cd9464535.txt",
    "baoding": "003_35706bc6a251dbf9.txt",
    "shanxi": "004_410c887fdbafdcf8.txt",
}


def seed_path(name: str) -> Path:
    return DOCUMENTS_DIR / SEEDS[name]


@pytest.fixture(scope="session")
def processed() -> dict[str, ProcessedDocument]:
    return {name: process_document(read_document(seed_path(name))) for name in SEEDS}


def find(document: ProcessedDocument, mention: str, in_quote: str = "") -> list:
    """Targets whose quantity is written `mention`, in a sentence containing `in_quote`."""
    return [t for t in document.targets if t.mention == mention and in_quote in t.quote]
