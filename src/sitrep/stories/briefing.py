"""Briefings: a cited situation report on a story, an actor or a pair, from stored records.

Extractive: every line is built from stored events, quotations and stances and quotes the
sentence it rests on; every line carries numbered citations, each a span of a stored
document.  Nothing is said that the records and their sentences do not say.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitrep.errors import ConfigError
from sitrep.kb import KnowledgeBase
from sitrep.query.actors import resolve_actor
from sitrep.query.filters import RECORD_DAY, Where
from sitrep.query.quotes import ABOUT
from sitrep.store import Store
from sitrep.stories.catalog import resolve_story
from sitrep.stories.citations import Citation, Citations
from sitrep.stories.sections import Records, Section, build_sections

# Rows read per record kind: a briefing reads a story's or an actor's records, not a corpus.
RECORD_ROWS = 5000
SCOPES = ("story", "actor", "pair")


@dataclass(frozen=True, slots=True)
class Scope:
    """What a briefing covers: a story, an actor or a pair of actors (stored ids)."""

    kind: str
    ids: tuple[str, ...]
    title: str


@dataclass(frozen=True, slots=True)
class Briefing:
    """A situation report: sections of cited lines and the citations they number."""

    title: str
    scope: Scope
    since: date | None
    until: date | None
    documents: int
    first: date | None
    last: date | None
    sections: tuple[Section, ...]
    citations: tuple[Citation, ...]


def story_scope(store: Store, story_id: str) -> Scope:
    """A story by id or unique prefix."""
    full = resolve_story(store, story_id)
    label = store.query("SELECT label FROM stories WHERE id = ?", [full])[0]["label"]
    return Scope("story", (full,), str(label))


def actor_scope(store: Store, kb: KnowledgeBase, name: str) -> Scope:
    """An actor by id, name or any alias."""
    actor = resolve_actor(store, kb, name)
    return Scope("actor", (actor,), _name(store, actor))


def pair_scope(store: Store, kb: KnowledgeBase, a: str, b: str) -> Scope:
    """Two actors, each by id, name or any alias."""
    first, second = resolve_actor(store, kb, a), resolve_actor(store, kb, b)
    return Scope("pair", (first, second), f"{_name(store, first)} and {_name(store, second)}")


def brief(
    store: Store,
    kb: KnowledgeBase,
    *,
    story: str | None = None,
    actor: str | None = None,
    pair: tuple[str, str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Briefing:
    """The briefing on one of: a story (id or prefix), an actor or a pair (names, any alias)."""
    given = [name for name, value in (("story", story), ("actor", actor), ("pair", pair)) if value]
    if len(given) != 1:
        got = f" (got {' and '.join(given)})" if given else ""
        raise ConfigError(f"give one of a story, an actor or a pair of actors{got}")
    if since and until and until < since:
        raise ConfigError(f"until ({until}) is before since ({since})")
    if pair:
        scope = pair_scope(store, kb, *pair)
    elif actor:
        scope = actor_scope(store, kb, actor)
    else:
        scope = story_scope(store, str(story))
    return build_briefing(store, scope, since, until)


def _name(store: Store, entity_id: str) -> str:
    rows = store.query("SELECT name FROM entities WHERE id = ?", [entity_id])
    return str(rows[0]["name"]) if rows else entity_id


def build_briefing(
    store: Store, scope: Scope, since: date | None = None, until: date | None = None
) -> Briefing:
    """The briefing of a scope between two days (either may be open).

    1. read the scope's events, quotations and stances within the days;
    2. keep one document of each near-duplicate cluster (copies say nothing new);
    3. read the documents they come from (texts, outlets, dates);
    4. build the sections, numbering citations in reading order.
    """
    # 1. records
    records = Records(
        events=_read(store, EVENTS, _where(scope, "e", since, until), "e.doc_id, e.char_start"),
        quotes=_read(store, QUOTES, _where(scope, "q", since, until), "q.doc_id, q.char_start"),
        stances=_read(store, STANCES, _where(scope, "s", since, until), "s.doc_id, source"),
    )
    # 2. near-duplicates
    records = records.one_per_cluster()
    # 3. documents
    documents = _documents(store, records.doc_ids())
    # 4. sections
    citations = Citations(documents)
    sections = build_sections(records, citations)
    days = [day for day in records.days() if day is not None]
    return Briefing(
        title=scope.title, scope=scope, since=since, until=until,
        documents=len(records.doc_ids()), first=min(days, default=None),
        last=max(days, default=None), sections=sections, citations=tuple(citations.cited),
    )  # fmt: skip


# Every query also gives the document's near-duplicate cluster and date, for step 2.
DOCUMENT_COLUMNS = "coalesce(d.cluster_id, d.id) AS cluster, d.published_date AS doc_date"
EVENTS = f"""SELECT e.id, e.doc_id, e.type, e.source, e.source_id, e.target, e.target_id,
    e.location, e.modality, e.negated, e.goldstein, e.char_start AS start, e.char_end AS "end",
    e.sentence_start, e.sentence_end, {RECORD_DAY.format(record="e")} AS day, {DOCUMENT_COLUMNS},
    oe.occurrence_id, o.n_reports, o.n_independent_sources
    FROM events e JOIN documents d ON d.id = e.doc_id
    LEFT JOIN occurrence_events oe ON oe.event_id = e.id
    LEFT JOIN occurrences o ON o.id = oe.occurrence_id"""
QUOTES = f"""SELECT q.id, q.doc_id, q.text, q.kind, q.speaker, q.speaker_id, q.cue, q.medium,
    q.char_start AS start, q.char_end AS "end", q.sentence_start, q.sentence_end,
    d.published_date AS day, {DOCUMENT_COLUMNS}
    FROM quotes q JOIN documents d ON d.id = q.doc_id"""
STANCES = f"""SELECT s.doc_id, s.source_id, coalesce(es.name, s.source) AS source, s.target_id,
    coalesce(et.name, s.target) AS target, s.stance, s.evidence,
    {RECORD_DAY.format(record="s")} AS day, {DOCUMENT_COLUMNS}
    FROM stances s JOIN documents d ON d.id = s.doc_id
    LEFT JOIN entities es ON es.id = s.source_id LEFT JOIN entities et ON et.id = s.target_id"""


def _read(store: Store, select: str, where: Where, order: str) -> list[dict[str, Any]]:
    return store.query(
        f"{select} WHERE {where.sql()} ORDER BY day NULLS LAST, {order} LIMIT ?",
        [*where.params, RECORD_ROWS],
    )


def _where(scope: Scope, record: str, since: date | None, until: date | None) -> Where:
    """The scope's condition on one record kind (e events, q quotes, s stances) and days."""
    where = Where()
    if scope.kind == "story":
        where.add(
            f"{record}.doc_id IN (SELECT doc_id FROM story_documents WHERE story_id = ?)",
            scope.ids[0],
        )
    elif record == "q":
        _quotes_of(where, scope.ids)
    else:
        _actors_of(where, record, scope.ids)
    day = "d.published_date" if record == "q" else RECORD_DAY.format(record=record)
    where.dates(day, since, until)
    return where


def _actors_of(where: Where, record: str, ids: Sequence[str]) -> None:
    """Events and stances with an actor on either side, or the pair one on each side."""
    if len(ids) == 1:
        where.add(f"{record}.source_id = ? OR {record}.target_id = ?", ids[0], ids[0])
        return
    a, b = ids
    where.add(
        f"""({record}.source_id = ? AND {record}.target_id = ?)
            OR ({record}.source_id = ? AND {record}.target_id = ?)""",
        a, b, b, a,
    )  # fmt: skip


def _quotes_of(where: Where, ids: Sequence[str]) -> None:
    """Quotes by an actor or about it; for a pair, what each said about the other."""
    if len(ids) == 1:
        where.add(f"q.speaker_id = ? OR {ABOUT}", ids[0], ids[0], ids[0])
        return
    a, b = ids
    where.add(
        f"(q.speaker_id = ? AND ({ABOUT})) OR (q.speaker_id = ? AND ({ABOUT}))", a, b, b, b, a, a
    )


def _documents(store: Store, doc_ids: Sequence[str]) -> dict[str, Mapping[str, Any]]:
    rows = store.query(
        """SELECT id, text, title, source, published_date, published_estimated FROM documents
           WHERE id IN (SELECT unnest(?))""",
        [sorted(doc_ids)],
    )
    return {row["id"]: row for row in rows}
