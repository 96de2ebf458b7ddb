"""One document from read result to targets: the call the Dagster assets make.

    read_document(path) → process_document(result) → ProcessedDocument

reading → cleaning → metadata → clause structure → extraction → target ids.
Nothing here raises for a bad document: the outcome says ok, no_targets or
error (with a message), so one broken capture never stops a refresh. Reviews
are applied to the whole registry at once (review.apply_reviews), because a
review can only be called orphaned once every document has been seen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from orchestration.documents.cleaning import CleanedText, clean_text
from orchestration.documents.extraction import Target, extract_targets
from orchestration.documents.identity import document_key, with_target_ids
from orchestration.documents.indicators import IndicatorCatalogue
from orchestration.documents.metadata import DocumentMetadata, extract_metadata
from orchestration.documents.reading import ReadResult
from orchestration.documents.structure import Clause, parse_clauses

OK, NO_TARGETS, ERROR = "ok", "no_targets", "error"


@dataclass(frozen=True)
class ProcessedDocument:
    file_name: str
    sha256: str
    status: str  # ok | no_targets | error
    message: str | None
    document_key: str | None = None
    metadata: DocumentMetadata | None = None
    cleaned: CleanedText | None = None
    clauses: list[Clause] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)

    def to_record(self) -> dict:
        """One row per document: outcome, metadata and counts."""
        metadata = self.metadata.to_record() if self.metadata else {}
        return {
            "file_name": self.file_name,
            "sha256": self.sha256,
            "status": self.status,
            "message": self.message,
            "document_key": self.document_key,
            **metadata,
            "cleaned_chars": len(self.cleaned.text) if self.cleaned else None,
            "cleaning_actions": len(self.cleaned.actions) if self.cleaned else 0,
            "clauses": len(self.clauses),
            "targets": len(self.targets),
        }

    def target_records(self) -> list[dict]:
        """One row per extracted item, with the document it comes from."""
        document = {"doc": self.file_name, "document_key": self.document_key, "document_number": self.metadata.document_number if self.metadata else None}
        return [{**document, **target.to_record()} for target in self.targets]

    def clause_records(self) -> list[dict]:
        return [{"doc": self.file_name, **clause.to_record()} for clause in self.clauses]

    def cleaning_records(self) -> list[dict]:
        return [{"doc": self.file_name, **action.to_record()} for action in self.cleaned.actions] if self.cleaned else []


@lru_cache(maxsize=1)
def default_catalogue() -> IndicatorCatalogue:
    return IndicatorCatalogue.load()


def process_document(read_result: ReadResult, catalogue: IndicatorCatalogue | None = None) -> ProcessedDocument:
    if not read_result.ok or read_result.text is None:
        return ProcessedDocument(read_result.file_name, read_result.sha256, ERROR, read_result.error or "no text")
    catalogue = catalogue or default_catalogue()
    try:
        return _process_text(read_result, catalogue)
    except Exception as exc:  # noqa: BLE001 - a defect on one document must not stop the others
        return ProcessedDocument(read_result.file_name, read_result.sha256, ERROR, f"internal_error: {type(exc).__name__}: {exc}")


def _process_text(read_result: ReadResult, catalogue: IndicatorCatalogue) -> ProcessedDocument:
    cleaned = clean_text(read_result.text)
    metadata = extract_metadata(cleaned.text)
    clauses = parse_clauses(cleaned.text, cleaned.offsets)
    key = document_key(metadata, read_result.sha256)
    targets = with_target_ids(key, extract_targets(cleaned, metadata, clauses, catalogue))
    status, message = (OK, None) if targets else (NO_TARGETS, "no quantified target, standard or actual found")
    return ProcessedDocument(read_result.file_name, read_result.sha256, status, message, key, metadata, cleaned, clauses, targets)
