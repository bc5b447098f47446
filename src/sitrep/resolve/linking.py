"""Link name mentions to knowledge-base actors (or to local entities keyed by name and type)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.kb import AliasEntry, KnowledgeBase, alias_key, rank_candidates, slug
from sitrep.kb.base import WEAK
from sitrep.schema import Actor, RawMention, content_id

NAMED_KINDS = frozenset({"name", "seat", "demonym"})
# Which actor types a mention of a given NER label may link to.
COMPATIBLE = {
    "PERSON": frozenset({"PERSON"}),
    "ORG": frozenset({"ORG", "FACILITY", "GPE"}),
    "GPE": frozenset({"GPE", "LOC", "FACILITY"}),
    "LOC": frozenset({"LOC", "GPE", "FACILITY"}),
    "FAC": frozenset({"FACILITY", "ORG", "GPE", "LOC"}),
}
OUTPUT_TYPES = {"FAC": "FACILITY"}


@dataclass(frozen=True, slots=True)
class Link:
    """What a mention refers to: a knowledge-base actor id or a local entity id."""

    entity_id: str
    actor: Actor | None
    label: str


# Ids stay short enough for an index key; a longer name keeps its start and a hash.
MAX_SLUG_CHARS = 80


def local_id(label: str, name: str) -> str:
    """Id of an entity not in the knowledge base: its type and normalised name."""
    name_part = slug(name)
    if len(name_part) > MAX_SLUG_CHARS:
        name_part = f"{name_part[:MAX_SLUG_CHARS]}-{content_id(name_part, length=8)}"
    return f"x:{OUTPUT_TYPES.get(label, label).lower()}:{name_part}"


def link_names(
    mentions: Sequence[RawMention], kb: KnowledgeBase, day: str | None,
    extra: dict[str, list[AliasEntry]] | None = None,
) -> dict[int, Link]:  # fmt: skip
    """A link for each name, seat and demonym mention.

    1. demonyms and seats name their country;
    2. knowledge-base candidates, ranked by strength, office held on the day and the
       countries the document talks about, filtered by type;
    3. a capital that acts stands for its government (the country);
    4. ambiguous aliases only count when the same actor is named plainly elsewhere;
    5. everything else becomes a local entity keyed by type and name.
    """
    countries = _document_countries(mentions, kb)
    links: dict[int, Link] = {}
    for index, mention in enumerate(mentions):
        if mention.kind not in NAMED_KINDS and not (mention.kind == "nominal" and mention.kb_key):
            continue
        # 1. demonyms and seats
        if mention.kind == "demonym" and mention.country:
            links[index] = _country_link(kb, mention.country)
            continue
        # 2. knowledge-base candidates (and aliases discovered earlier, even of local entities)
        entries = _entries(kb, mention, extra)
        local = next(
            (e for e in entries if e.kind == "discovered" and kb.get(e.actor_id) is None), None
        )
        if local is not None and mention.label in ("PERSON", "ORG"):
            links[index] = Link(local.actor_id, None, mention.label)
            continue
        actor = _best_actor(kb, entries, mention, day, countries)
        if actor is not None and mention.kind == "seat" and actor.type != "GPE":
            actor = None
        # 3. capitals as governments
        if actor is not None and mention.reading == "actor" and actor.kind == "city":
            capital_of = kb.country_of_capital(actor.name)
            if capital_of == actor.country and capital_of is not None:
                actor = kb.get(capital_of) or actor
        # 5. local entities
        if actor is None:
            links[index] = Link(local_id(mention.label, mention.text), None, mention.label)
        else:
            links[index] = Link(actor.id, actor, mention.label)
    return _drop_unsupported_ambiguous(links, mentions, kb, extra)


def _country_link(kb: KnowledgeBase, code: str) -> Link:
    return Link(code, kb.get(code), "GPE")


def _entries(
    kb: KnowledgeBase, mention: RawMention, extra: dict[str, list[AliasEntry]] | None
) -> list[AliasEntry]:
    key = mention.kb_key or alias_key(mention.text)
    return [*(extra or {}).get(key, []), *kb.candidates(key)]


def _best_actor(
    kb: KnowledgeBase, entries: list[AliasEntry], mention: RawMention, day: str | None,
    countries: Counter[str],
) -> Actor | None:  # fmt: skip
    allowed = COMPATIBLE.get(mention.label, frozenset())
    for entry in rank_candidates(kb, entries, day, countries):
        actor = kb.get(entry.actor_id)
        if actor is None:
            continue
        if mention.kb_key is not None or actor.type in allowed:
            return actor
    return None


def _document_countries(mentions: Sequence[RawMention], kb: KnowledgeBase) -> Counter[str]:
    """How often each country is named or implied; used to pick among same-name places."""
    counts: Counter[str] = Counter()
    for mention in mentions:
        if mention.country:
            counts[mention.country] += 1
        elif mention.label in ("GPE",) and mention.kind == "name":
            for entry in kb.candidates(mention.kb_key or mention.text)[:1]:
                actor = kb.get(entry.actor_id)
                if actor is not None and actor.kind == "country":
                    counts[actor.id] += 1
    return counts


def _drop_unsupported_ambiguous(
    links: dict[int, Link], mentions: Sequence[RawMention], kb: KnowledgeBase,
    extra: dict[str, list[AliasEntry]] | None,
) -> dict[int, Link]:  # fmt: skip
    """An ambiguous alias ('PA', 'IS') stands only when its actor is named plainly too."""
    plain: set[str] = set()
    weak: list[int] = []
    for index, link in links.items():
        entries = [e for e in _entries(kb, mentions[index], extra) if e.actor_id == link.entity_id]
        if entries and max(e.strength for e in entries) <= WEAK:
            weak.append(index)
        else:
            plain.add(link.entity_id)
    for index in weak:
        if links[index].entity_id not in plain:
            mention = mentions[index]
            links[index] = Link(local_id(mention.label, mention.text), None, mention.label)
    return links
