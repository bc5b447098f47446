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
