"""Documents: lists, one document, and a summary of the store."""

from __future__ import annotations

from typing import Any

from sitrep.errors import NotFoundError
from sitrep.store import Store

SUMMARY_TABLES = ("documents", "entities", "mentions", "quotes", "events", "stances", "times")
# A document id may be abbreviated, as in git; shorter prefixes match too much.
MIN_ID_PREFIX = 6


def list_documents(store: Store, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Documents newest first: id, date, source, title, cluster."""
    return store.query(
        """SELECT id, published, source, title, cluster_id, language, extracted
           FROM documents ORDER BY published_date DESC NULLS LAST, ingested_at DESC, id
           LIMIT ? OFFSET ?""",
        [limit, offset],
    )


def get_document(store: Store, doc_id: str) -> dict[str, Any]:
    """One document by id or unique id prefix."""
    if len(doc_id) < MIN_ID_PREFIX:
        raise NotFoundError(f"document id {doc_id!r} is too short (give at least 6 characters)")
    rows = store.query(
        "SELECT * FROM documents WHERE id = ? OR starts_with(id, ?) LIMIT 2", [doc_id, doc_id]
    )
    exact = [row for row in rows if row["id"] == doc_id]
    if exact:
        return exact[0]
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise NotFoundError(f"no document with id {doc_id!r}")
    raise NotFoundError(f"document id {doc_id!r} is ambiguous; give more characters")


def store_summary(store: Store) -> dict[str, Any]:
    """Counts per table, near-duplicate clusters, languages and the date range."""
    counts = {
        table: store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"] for table in SUMMARY_TABLES
    }
    extra = store.query(
        """SELECT count(DISTINCT coalesce(cluster_id, id)) AS clusters,
                  min(published_date) AS first, max(published_date) AS last,
                  count(*) FILTER (WHERE NOT extracted) AS not_extracted
           FROM documents"""
    )[0]
    return {"counts": counts, **extra}


def document_records(store: Store, doc_id: str) -> dict[str, Any]:
    """One document with every span extracted from it: mentions, quotes, events, times."""
    doc = get_document(store, doc_id)
    spans = {name: store.query(sql, [doc["id"]]) for name, sql in SPAN_QUERIES.items()}
    return {"document": doc, **spans}


SPAN_QUERIES = {
    "mentions": """SELECT m.char_start AS start, m.char_end AS "end", m.text, m.entity_id,
                          e.name AS entity, m.label, m.kind
                   FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id
                   WHERE m.doc_id = ? ORDER BY m.char_start, m.char_end""",
    "quotes": """SELECT id, char_start AS start, char_end AS "end", text, kind, speaker,
                        speaker_id, cue, medium, topics
                 FROM quotes WHERE doc_id = ? ORDER BY char_start""",
    "events": """SELECT id, char_start AS start, char_end AS "end", type, trigger, source,
                        source_id, target, target_id, location, location_id, lat, lon, date,
                        modality, negated, sentence_start, sentence_end
                 FROM events WHERE doc_id = ? ORDER BY char_start""",
    "times": """SELECT char_start AS start, char_end AS "end", text, value, precision
                FROM times WHERE doc_id = ? ORDER BY char_start""",
}
