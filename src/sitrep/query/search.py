"""Full-text search over documents and quotes: DuckDB's fts index when built, else ILIKE."""

from __future__ import annotations

import re
from typing import Any

from sitrep.errors import NotFoundError
from sitrep.kb import KnowledgeBase
from sitrep.query.actors import list_actors, resolve_actor
from sitrep.query.filters import Where, contains_pattern
from sitrep.store import Store
from sitrep.store.fts import INDEXES, load_fts

# Characters of context on each side of the first match in a document snippet.
SNIPPET_CONTEXT = 90
SEARCH_ACTORS = 5
WORD = re.compile(r"\w+")


def has_search_index(store: Store) -> bool:
    """True when the store holds full-text indexes and the fts extension is loaded for them."""
    schemas = store.query(
        "SELECT schema_name FROM duckdb_schemas() WHERE list_contains(?, schema_name)",
        [list(INDEXES.values())],
    )
    if len({row["schema_name"] for row in schemas}) < len(INDEXES):
        return False
    return load_fts(store.connection)


def search(
    store: Store, q: str, kb: KnowledgeBase | None = None, limit: int = 20, offset: int = 0
) -> dict[str, Any]:
    """Documents and quotes matching a query (best first), and the actors the query names.

    1. the actor the query names exactly (any alias), and actors whose names contain it;
    2. documents (title and text) and quotes, ranked by BM25 when the store has a search
       index, otherwise every word must appear (ILIKE), newest first.
    """
    # 1. actors
    actors = list_actors(store, kb, q=q, limit=SEARCH_ACTORS) if kb is not None else []
    # 2. documents and quotes
    indexed = has_search_index(store)
    find_documents = _ranked_documents if indexed else _matching_documents
    find_quotes = _ranked_quotes if indexed else _matching_quotes
    documents = find_documents(store, q, limit, offset)
    return {
        "query": q, "full_text": indexed, "actor": _named_actor(store, kb, q),
        "actors": actors,
        "documents": [_with_snippet(doc, q) for doc in documents],
        "quotes": find_quotes(store, q, limit, offset),
    }  # fmt: skip


def _named_actor(store: Store, kb: KnowledgeBase | None, q: str) -> str | None:
    if kb is None:
        return None
    try:
        return resolve_actor(store, kb, q)
    except NotFoundError:
        return None


DOCUMENT_HIT = "d.id, d.title, d.published, d.published_date, d.source, d.text"
QUOTE_HIT = """q.id, q.doc_id, q.text, q.kind, q.speaker, q.speaker_id, q.medium,
    q.char_start AS start, q.char_end AS "end", d.published, d.published_date, d.title"""


def _ranked_documents(store: Store, q: str, limit: int, offset: int) -> list[dict[str, Any]]:
    return store.query(
        f"""WITH hits AS (
              SELECT id, fts_main_documents.match_bm25(id, ?) AS score FROM documents)
            SELECT {DOCUMENT_HIT}, hits.score FROM hits JOIN documents d ON d.id = hits.id
            WHERE hits.score IS NOT NULL ORDER BY hits.score DESC, d.id LIMIT ? OFFSET ?""",
        [q, limit, offset],
    )


def _ranked_quotes(store: Store, q: str, limit: int, offset: int) -> list[dict[str, Any]]:
    return store.query(
        f"""WITH hits AS (SELECT id, fts_main_quotes.match_bm25(id, ?) AS score FROM quotes)
            SELECT {QUOTE_HIT}, hits.score FROM hits JOIN quotes q ON q.id = hits.id
            JOIN documents d ON d.id = q.doc_id
            WHERE hits.score IS NOT NULL ORDER BY hits.score DESC, q.id LIMIT ? OFFSET ?""",
        [q, limit, offset],
    )


def _every_word(column: str, q: str) -> Where:
    where = Where()
    for word in WORD.findall(q) or [q]:
        where.add(f"{column} ILIKE ? ESCAPE '\\'", contains_pattern(word))
    return where


def _matching_documents(store: Store, q: str, limit: int, offset: int) -> list[dict[str, Any]]:
    where = _every_word("coalesce(d.title, '') || ' ' || d.text", q)
    return store.query(
        f"""SELECT {DOCUMENT_HIT}, NULL::DOUBLE AS score FROM documents d WHERE {where.sql()}
            ORDER BY d.published_date DESC NULLS LAST, d.id LIMIT ? OFFSET ?""",
        [*where.params, limit, offset],
    )


def _matching_quotes(store: Store, q: str, limit: int, offset: int) -> list[dict[str, Any]]:
    where = _every_word("q.text", q)
    return store.query(
        f"""SELECT {QUOTE_HIT}, NULL::DOUBLE AS score FROM quotes q
            JOIN documents d ON d.id = q.doc_id WHERE {where.sql()}
            ORDER BY d.published_date DESC NULLS LAST, q.id LIMIT ? OFFSET ?""",
        [*where.params, limit, offset],
    )


def _with_snippet(document: dict[str, Any], q: str) -> dict[str, Any]:
    text = document.pop("text")
    return {**document, "snippet": snippet(text, q)}


def snippet(text: str, q: str, context: int = SNIPPET_CONTEXT) -> str:
    """A short passage around the query as a phrase, else around its longest word found."""
    at = 0
    for needle in (q, *sorted(WORD.findall(q), key=len, reverse=True)):
        found = re.search(re.escape(needle), text, re.IGNORECASE) if needle.strip() else None
        if found:
            at = found.start()
            break
    start, end = max(0, at - context), min(len(text), at + context)
    return f"{'…' if start else ''}{text[start:end].strip()}{'…' if end < len(text) else ''}"
