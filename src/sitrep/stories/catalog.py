"""Stored stories: lists, one story with its documents, its timeline, and finding one by id."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.errors import NotFoundError
from sitrep.query.filters import RECORD_DAY, Where
from sitrep.store import Store

# A story id may be abbreviated, as document ids may (query/documents.py).
MIN_ID_PREFIX = 6
STORY_COLUMNS = "s.id, s.label, s.articles, s.documents, s.first_date, s.last_date"
# Items of each kind on a story's timeline; the oldest are kept when there are more.
TIMELINE_ITEMS = 500
MEMBERS = "SELECT doc_id FROM story_documents WHERE story_id = ?"


def list_stories(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stories running at some point in [since, until], most articles first, then newest."""
    where = Where()
    if since is not None:
        where.add("s.last_date >= ?", since)
    if until is not None:
        where.add("s.first_date <= ?", until)
    return store.query(
        f"""SELECT {STORY_COLUMNS} FROM stories s WHERE {where.sql()}
            ORDER BY s.articles DESC, s.last_date DESC, s.id LIMIT ? OFFSET ?""",
        [*where.params, limit, offset],
    )


def resolve_story(store: Store, story_id: str) -> str:
    """The full id of a story given by id or unique prefix (6+ characters)."""
    story_id = story_id.strip()
    if len(story_id) < MIN_ID_PREFIX:
        raise NotFoundError(f"story id {story_id!r} is too short (give at least 6 characters)")
    rows = store.query(
        "SELECT id FROM stories WHERE starts_with(id, ?) ORDER BY id LIMIT 2", [story_id]
    )
    exact = [row["id"] for row in rows if row["id"] == story_id]
    if exact or len(rows) == 1:
        return str(exact[0] if exact else rows[0]["id"])
    if not rows:
        raise NotFoundError(f"no story with id {story_id!r}; 'sitrep stories' lists them")
    raise NotFoundError(f"story id {story_id!r} is ambiguous; give more characters")


def get_story(store: Store, story_id: str) -> dict[str, Any]:
    """One story (id or prefix) with its documents, oldest first."""
    full = resolve_story(store, story_id)
    story = store.query(f"SELECT {STORY_COLUMNS} FROM stories s WHERE s.id = ?", [full])[0]
    story["members"] = store.query(
        """SELECT d.id, d.published, d.published_date, d.source, d.title, d.cluster_id,
                  m.counted, m.similarity
           FROM story_documents m JOIN documents d ON d.id = m.doc_id WHERE m.story_id = ?
           ORDER BY d.published_date NULLS LAST, d.id""",
        [full],
    )
    return story


def story_timeline(
    store: Store, story_id: str, limit: int = TIMELINE_ITEMS
) -> list[dict[str, Any]]:
    """Events and quotes of a story's documents, oldest first (the shape of an actor timeline)."""
    full = resolve_story(store, story_id)
    events = store.query(
        f"""SELECT 'event' AS kind, e.id, e.doc_id, {RECORD_DAY.format(record="e")} AS day,
                   e.char_start AS start, e.char_end AS "end", e.type AS label,
                   e.source AS actor, e.source_id AS actor_id, e.target AS other,
                   e.target_id AS other_id, e.sentence AS text, e.modality, NULL AS medium
            FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.doc_id IN ({MEMBERS})
            ORDER BY day NULLS LAST, e.doc_id, e.char_start LIMIT ?""",
        [full, limit],
    )
    quotes = store.query(
        f"""SELECT 'quote' AS kind, q.id, q.doc_id, d.published_date AS day,
                   q.char_start AS start, q.char_end AS "end", q.kind AS label,
                   q.speaker AS actor, q.speaker_id AS actor_id, NULL AS other,
                   NULL AS other_id, q.text, NULL AS modality, q.medium
            FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE q.doc_id IN ({MEMBERS})
            ORDER BY day NULLS LAST, q.doc_id, q.char_start LIMIT ?""",
        [full, limit],
    )
    items = events + quotes
    return sorted(items, key=lambda i: (i["day"] is None, i["day"], i["doc_id"], i["start"]))
