"""Policy documents → cleaned documents → targets, computed once per run in one step.

Every document is processed (cleaning, metadata, clause tree, extraction) and the
hand-kept reviews are applied across the whole registry, since a review can only be
called orphaned once every document has been seen. The outputs are separate assets so
the lineage reads documents → cleaned documents → targets.
"""

import polars as pl
import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration.defs.pools import WAREHOUSE_WRITER_POOL
from orchestration.documents.paragraphs import enclosing_paragraph
from orchestration.documents.pipeline import process_document
from orchestration.documents.reading import ReadResult
from orchestration.documents.review import REVIEWS_PATH, apply_reviews, load_reviews
from orchestration.warehouse_tables import replace_table

DOCUMENTS = dg.AssetKey(["raw", "documents"])
CLEANED_DOCUMENTS = dg.AssetKey(["raw", "cleaned_documents"])
CLAUSES = dg.AssetKey(["raw", "document_clauses"])
CLEANING_ACTIONS = dg.AssetKey(["raw", "cleaning_actions"])
TARGETS = dg.AssetKey(["raw", "policy_targets"])
ORPHANED_REVIEWS = dg.AssetKey(["raw", "orphaned_target_reviews"])

_TEXT, _INT, _FLOAT, _BOOL, _TEXTS = pl.String, pl.Int64, pl.Float64, pl.Boolean, pl.List(pl.String)

CLEANED_DOCUMENT_SCHEMA = {
    "file_name": _TEXT, "sha256": _TEXT, "status": _TEXT, "message": _TEXT, "document_key": _TEXT,
    "title": _TEXT, "document_number": _TEXT, "index_code": _TEXT, "issuer": _TEXT, "issuer_source": _TEXT,
    "region": _TEXT, "region_level": _TEXT, "issue_date": _TEXT, "publication_date": _TEXT,
    "document_type": _TEXT, "is_report": _BOOL, "supersedes": _TEXTS, "plan_end_year": _INT,
    "plan_end_source": _TEXT, "cleaned_chars": _INT, "cleaning_actions": _INT, "clauses": _INT, "targets": _INT,
    "cleaned_text": _TEXT,
}
CLAUSE_SCHEMA = {
    "doc": _TEXT, "clause_id": _TEXT, "level": _INT, "marker": _TEXT, "heading": _TEXT, "start": _INT,
    "end": _INT, "source_start": _INT, "source_end": _INT, "parent_id": _TEXT, "responsible_units": _TEXTS,
    "units_from": _TEXT,
}
CLEANING_ACTION_SCHEMA = {
    "doc": _TEXT, "action": _TEXT, "reason": _TEXT, "original_start": _INT, "original_end": _INT, "sample": _TEXT,
}
TARGET_SCHEMA = {
    "doc": _TEXT, "document_key": _TEXT, "document_number": _TEXT, "target_id": _TEXT, "kind": _TEXT,
    "indicator_code": _TEXT, "indicator_name": _TEXT, "comparator": _TEXT, "value": _FLOAT, "value_max": _FLOAT,
    "unit": _TEXT, "deadline_year": _INT, "deadline_source": _TEXT, "scope": _TEXT, "evaluation_level": _TEXT,
    "is_aspirational": _BOOL, "region": _TEXT, "quote": _TEXT, "mention": _TEXT, "start": _INT, "end": _INT,
    "source_start": _INT, "source_end": _INT, "clause_id": _TEXT, "responsible_units": _TEXTS,
    "review_status": _TEXT, "review_note": _TEXT, "paragraph": _TEXT, "quote_start_in_paragraph": _INT,
}
ORPHANED_REVIEW_SCHEMA = {
    "target_id": _TEXT, "decision": _TEXT, "field": _TEXT, "corrected_value": _TEXT, "reviewer": _TEXT,
    "reviewed_at": _TEXT, "note": _TEXT, "line": _INT,
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(CLEANED_DOCUMENTS, deps=[DOCUMENTS], group_name="documents",
                     description="One row per document: outcome (ok / no_targets / error), metadata "
                     "(文号, issuer, region, dates, type, supersedes) and the cleaned text."),
        dg.AssetSpec(CLEANING_ACTIONS, deps=[DOCUMENTS], group_name="documents",
                     description="What cleaning removed or changed in each document, and why."),
        dg.AssetSpec(CLAUSES, deps=[CLEANED_DOCUMENTS], group_name="documents",
                     description="The clause tree of each document with its responsible units."),
        dg.AssetSpec(TARGETS, deps=[CLEANED_DOCUMENTS, CLAUSES], group_name="documents",
                     description="Every target, standard and reported actual, traced to its sentence, "
                     "with the hand-kept reviews applied."),
        dg.AssetSpec(ORPHANED_REVIEWS, deps=[TARGETS], group_name="documents",
                     description="Reviews in raw/reference/target_reviews.csv whose target no longer exists."),
    ],
    pool=WAREHOUSE_WRITER_POOL,
)
def policy_extraction(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    with warehouse.get_connection() as connection:
        rows = connection.execute(
            "select file_name, sha256, size_bytes, encoding, text, read_error from raw.documents order by file_name"
        ).fetchall()
    processed = [process_document(ReadResult(*row)) for row in rows]
    reviews = load_reviews(REVIEWS_PATH)
    reviewed = apply_reviews([target for document in processed for target in document.targets], reviews)
    target_rows = _target_rows(processed, reviewed.targets)

    with warehouse.get_connection() as connection:
        connection.execute("begin transaction")
        documents = replace_table(connection, "raw.cleaned_documents", [
            {**document.to_record(), "cleaned_text": document.cleaned.text if document.cleaned else None}
            for document in processed
        ], CLEANED_DOCUMENT_SCHEMA)
        actions = replace_table(connection, "raw.cleaning_actions",
                                [row for document in processed for row in document.cleaning_records()], CLEANING_ACTION_SCHEMA)
        clauses = replace_table(connection, "raw.document_clauses",
                                [row for document in processed for row in document.clause_records()], CLAUSE_SCHEMA)
        targets = replace_table(connection, "raw.policy_targets", target_rows, TARGET_SCHEMA)
        orphans = replace_table(connection, "raw.orphaned_target_reviews",
                                [vars(review) for review in reviewed.orphaned], ORPHANED_REVIEW_SCHEMA)
        connection.execute("commit")

    for document in processed:
        if document.status != "ok":
            context.log.warning(f"{document.file_name}: {document.status} {document.message or ''}")
    for review in reviewed.orphaned:
        context.log.warning(f"review on line {review.line} names target {review.target_id}, which no longer exists")

    yield dg.MaterializeResult(asset_key=CLEANED_DOCUMENTS, metadata={
        "documents": documents,
        "outcomes": dg.MetadataValue.json({d.file_name: d.status for d in processed}),
    })
    yield dg.MaterializeResult(asset_key=CLEANING_ACTIONS, metadata={
        "actions": actions,
        "actions_per_document": dg.MetadataValue.json({d.file_name: len(d.cleaned.actions) for d in processed if d.cleaned}),
    })
    yield dg.MaterializeResult(asset_key=CLAUSES, metadata={"clauses": clauses})
    yield dg.MaterializeResult(asset_key=TARGETS, metadata={
        "targets": targets,
        "targets_per_document": dg.MetadataValue.json({d.file_name: len(d.targets) for d in processed}),
    })
    yield dg.MaterializeResult(asset_key=ORPHANED_REVIEWS, metadata={"orphaned_reviews": orphans})


def _target_rows(processed, reviewed_targets) -> list[dict]:
    """Target records with review results and the paragraph each quote stands in."""
    reviewed_by_id = {target.target_id: target for target in reviewed_targets}
    rows = []
    for document in processed:
        for record in document.target_records():
            target = reviewed_by_id[record["target_id"]]
            paragraph, quote_start = enclosing_paragraph(document.cleaned.text, target.start, target.end)
            rows.append({
                **record,
                **target.to_record(),
                "paragraph": paragraph,
                "quote_start_in_paragraph": quote_start,
            })
    return rows
