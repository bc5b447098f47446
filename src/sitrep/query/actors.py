"""Actors: lists, one actor with its names, roles and counts, and resolving any name to one."""

from __future__ import annotations

from typing import Any

from sitrep.errors import NotFoundError
from sitrep.kb import KnowledgeBase, alias_key
from sitrep.query.filters import Where, contains_pattern
from sitrep.store import Store

# How alike a stored name must be to a misspelt one to be suggested (Jaro-Winkler, 0-1).
SUGGEST_SIMILARITY = 0.8
SUGGESTIONS = 3

ENTITY_COLUMNS = "e.id, e.name, e.type, e.kind, e.country, e.code, e.kb_id, e.lat, e.lon"
# Every document an entity appears in: named, quoted as speaker, or in an event.
APPEARANCES = """
    SELECT doc_id FROM mentions WHERE entity_id = $1
    UNION SELECT doc_id FROM quotes WHERE speaker_id = $1
    UNION SELECT doc_id FROM events WHERE source_id = $1 OR target_id = $1
"""


def list_actors(
    store: Store,
    kb: KnowledgeBase | None = None,
    q: str | None = None,
    type: str | None = None,
    country: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Actors in the store, most mentioned first; `q` matches names and aliases, KB ones too."""
    where = Where()
    if q:
        _match_name(where, q, _kb_ids(kb, q))
    if type:
        where.add("e.type = ?", type.upper())
    if country:
        where.add("e.country = ?", country.upper())
    return store.query(
        f"""WITH e AS (SELECT * FROM entities e WHERE {where.sql()})
            SELECT {ENTITY_COLUMNS}, coalesce(m.mentions, 0) AS mentions
            FROM e LEFT JOIN entity_mentions m ON m.entity_id = e.id
            ORDER BY mentions DESC, e.name, e.id LIMIT ? OFFSET ?""",
        [*where.params, limit, offset],
    )


def _match_name(where: Where, q: str, kb_ids: list[str]) -> None:
    pattern = contains_pattern(q)
    where.add(
        """e.name ILIKE ? ESCAPE '\\' OR e.id = ? OR list_contains(?, e.kb_id)
           OR list_contains(?, e.id) OR e.id IN (
               SELECT entity_id FROM entity_aliases WHERE alias ILIKE ? ESCAPE '\\')""",
        pattern, q, kb_ids, kb_ids, pattern,
    )  # fmt: skip


def _kb_ids(kb: KnowledgeBase | None, name: str) -> list[str]:
    return [actor.id for actor in kb.lookup(name)] if kb is not None else []


def get_actor(store: Store, kb: KnowledgeBase, actor_id: str) -> dict[str, Any]:
    """One actor: identity, KB roles, aliases (stored and KB), counts, first and last seen."""
    rows = store.query(f"SELECT {ENTITY_COLUMNS} FROM entities e WHERE e.id = ?", [actor_id])
    if not rows:
        raise NotFoundError(f"no actor with id {actor_id!r}")
    actor = rows[0]
    return {
        **actor,
        "roles": actor_roles(kb, actor["kb_id"]),
        "aliases": actor_aliases(store, kb, actor_id, actor["kb_id"]),
        **actor_counts(store, actor_id),
    }


def actor_roles(kb: KnowledgeBase, kb_id: str | None) -> list[dict[str, Any]]:
    """Offices and affiliations from the knowledge base, with the name of what they are of."""
    known = kb.get(kb_id) if kb_id else None
    if known is None:
        return []
    return [
        {
            "title": role.title, "of": role.of, "of_name": _name_of(kb, role.of),
            "code": role.code, "start": role.start, "end": role.end,
        }
        for role in known.roles
    ]  # fmt: skip


def _name_of(kb: KnowledgeBase, actor_id: str | None) -> str | None:
    known = kb.get(actor_id) if actor_id else None
    return known.name if known else None


def actor_aliases(
    store: Store, kb: KnowledgeBase, actor_id: str, kb_id: str | None
) -> list[dict[str, Any]]:
    """Names seen in stored documents (most documents first), then the KB's other names."""
    seen = store.query(
        """SELECT alias AS name, count(*) AS documents, bool_or(discovered) AS discovered
           FROM (SELECT alias, doc_id, bool_or(discovered) AS discovered FROM entity_aliases
                 WHERE entity_id = ? GROUP BY alias, doc_id)
           GROUP BY alias ORDER BY documents DESC, alias""",
        [actor_id],
    )
    aliases = [{**row, "in_kb": _kb_knows(kb, row["name"], kb_id)} for row in seen]
    known = kb.get(kb_id) if kb_id else None
    stored = {alias_key(row["name"]) for row in seen}
    for name in (known.name, *known.aliases) if known else ():
        if alias_key(name) not in stored:
            stored.add(alias_key(name))
            aliases.append({"name": name, "documents": 0, "discovered": False, "in_kb": True})
    return aliases


def _kb_knows(kb: KnowledgeBase, name: str, kb_id: str | None) -> bool:
    return kb_id is not None and any(entry.actor_id == kb_id for entry in kb.candidates(name))


def actor_counts(store: Store, actor_id: str) -> dict[str, Any]:
    """Mentions, quotes, events and documents of an actor, and its first and last day seen."""
    rows = store.query(
        f"""SELECT
              coalesce((SELECT mentions FROM entity_mentions WHERE entity_id = $1), 0)
                  AS mentions,
              (SELECT count(*) FROM quotes WHERE speaker_id = $1) AS quotes,
              (SELECT count(*) FROM events WHERE source_id = $1 OR target_id = $1) AS events,
              count(*) AS documents,
              min(d.published_date) AS first_seen, max(d.published_date) AS last_seen
            FROM documents d WHERE d.id IN ({APPEARANCES})""",
        [actor_id],
    )
    return rows[0]


def resolve_actor(store: Store, kb: KnowledgeBase, name: str) -> str:
    """The stored actor id a name stands for: an id, any KB alias, or any alias seen in the store.

    1. an actor id, exactly;
    2. the knowledge base's candidates for the name, best first, that the store holds;
    3. stored names and aliases, case-insensitively, the most mentioned first.
    """
    name = name.strip()
    if not name:
        raise NotFoundError("no actor name given")
    # 1. id
    if store.query("SELECT id FROM entities WHERE id = ?", [name]):
        return name
    # 2. knowledge base
    found = _stored_kb_actor(store, _kb_ids(kb, name))
    if found:
        return found
    # 3. stored names and aliases
    found = _stored_alias(store, name)
    if found:
        return found
    raise NotFoundError(_not_found_message(store, kb, name))


def _stored_kb_actor(store: Store, kb_ids: list[str]) -> str | None:
    if not kb_ids:
        return None
    rows = store.query(
        """SELECT id, coalesce(kb_id, id) AS kb_id FROM entities
           WHERE list_contains(?, kb_id) OR list_contains(?, id)""",
        [kb_ids, kb_ids],
    )
    rank = {kb_id: i for i, kb_id in enumerate(kb_ids)}
    rows.sort(key=lambda row: (rank.get(row["kb_id"], len(rank)), row["id"] != row["kb_id"]))
    return str(rows[0]["id"]) if rows else None


def _stored_alias(store: Store, name: str) -> str | None:
    rows = store.query(
        """WITH c AS (
             SELECT id FROM entities WHERE lower(name) = lower($1) OR lower(id) = lower($1)
             UNION SELECT entity_id FROM entity_aliases WHERE lower(alias) = lower($1))
           SELECT c.id, coalesce(m.mentions, 0) AS n
           FROM c LEFT JOIN entity_mentions m ON m.entity_id = c.id
           ORDER BY n DESC, c.id LIMIT 1""",
        [name],
    )
    return str(rows[0]["id"]) if rows else None


def _not_found_message(store: Store, kb: KnowledgeBase, name: str) -> str:
    known = kb.lookup(name)
    if known:
        return (
            f"no stored document mentions {name!r} (known to the knowledge base as "
            f"{known[0].name}, id {known[0].id})"
        )
    rows = store.query(
        """SELECT e.name, max(jaro_winkler_similarity(lower(n.alias), lower(?))) AS score
           FROM (SELECT id AS entity_id, name AS alias FROM entities
                 UNION SELECT entity_id, alias FROM entity_aliases) n
           JOIN entities e ON e.id = n.entity_id
           GROUP BY e.name HAVING score >= ? ORDER BY score DESC, e.name LIMIT ?""",
        [name, SUGGEST_SIMILARITY, SUGGESTIONS],
    )
    hint = f"; did you mean {', '.join(row['name'] for row in rows)}?" if rows else ""
    return f"no actor named {name!r} in this store{hint}"
