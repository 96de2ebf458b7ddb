"""Monitoring feeds: mock generation, reference data, and loading with nothing lost.

Contracts for every feed are in docs/feeds/. The loading API the Dagster assets call:

    reference = load_reference(Path("raw/reference"))
    load_feed_file(path, reference, root=feeds_dir) -> FeedFileLoad(accepted, quarantined, audit)
    load_feed(feed_dir, reference, root=feeds_dir)  -> FeedLoad(current, history, quarantined, audit)

Modules, one concern each:
    specs            the four feeds: headers, types, keys, accepted schemas
    geography        real places named by the seed documents (丽水 grid included)
    reference        org hierarchy, consortia, populations, aliases (build / write / load)
    residents        residents and their key populations, shared by reference and contracts
    simulation/      what institutions did, per feed, as clean typed rows
    rendering, defects, deliveries, writers, generator, cli   turning that into files
    readers, normalise, validation, corrections, loading      turning files back into rows
    indicators       the indicator arithmetic the dbt marts must reproduce
"""

from orchestration.feeds.corrections import latest_by_key
from orchestration.feeds.generator import generate
from orchestration.feeds.loading import AUDIT_SCHEMA, FeedFileLoad, FeedLoad, load_feed, load_feed_file
from orchestration.feeds.periods import MONITORING_WINDOW, MonthWindow
from orchestration.feeds.reference import Reference, load_reference, write_reference
from orchestration.feeds.reference_builder import build_reference
from orchestration.feeds.specs import FEEDS, LINEAGE_SCHEMA, QUARANTINE_SCHEMA, FeedSpec

__all__ = [
    "AUDIT_SCHEMA",
    "FEEDS",
    "LINEAGE_SCHEMA",
    "MONITORING_WINDOW",
    "QUARANTINE_SCHEMA",
    "FeedFileLoad",
    "FeedLoad",
    "FeedSpec",
    "MonthWindow",
    "Reference",
    "build_reference",
    "generate",
    "latest_by_key",
    "load_feed",
    "load_feed_file",
    "load_reference",
    "write_reference",
]
