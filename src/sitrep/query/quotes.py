"""Quotations: who said what, about whom, when and to which outlet."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.query.filters import Where
from sitrep.store import Store

QUOTE_COLUMNS = """q.id, q.doc_id, q.text, q.kind, q.speaker, q.speaker_id, q.cue, q.medium,
    q.topics, q.char_start AS start, q.char_end AS "end", d.published, d.published_date,
    d.title, d.source"""
# A quote is about an entity when the entity is among its topics or named inside it.
ABOUT = """list_contains(q.topics, ?) OR EXISTS (
    SELECT 1 FROM mentions m WHERE m.doc_id = q.doc_id AND m.entity_id = ?
    AND m.char_start >= q.char_start AND m.char_end <= q.char_end)"""


def list_quotes(
    store: Store,
    by: str | None = None,
    about: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotes newest first, by a speaker and/or about an actor (ids), within document dates."""
    where = Where()
    if by:
        where.add("q.speaker_id = ?", by)
    if about:
        where.add(ABOUT, about, about)
    where.dates("d.published_date", since, until)
    return store.query(
        f"""SELECT {QUOTE_COLUMNS} FROM quotes q JOIN documents d ON d.id = q.doc_id
            WHERE {where.sql()}
            ORDER BY d.published_date DESC NULLS LAST, q.doc_id, q.char_start
            LIMIT ? OFFSET ?""",
        [*where.params, limit, offset],
    )
