"""In-document coreference: short names, alias links, role nouns and pronouns to entities."""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.kb import KnowledgeBase, alias_key
from sitrep.resolve.linking import Link
from sitrep.schema import RawMention

# How far back (in characters) a pronoun looks for its antecedent: a short paragraph.
PRONOUN_WINDOW = 800
# A spokesperson's words are their principal's when the person is not named.
SPEAKS_FOR_OWNER = frozenset({"spokesperson"})
# Definite descriptions that stand for a state's government rather than a named body.
GOVERNMENT_HEADS = frozenset({"government", "regime", "administration", "authorities",
                              "junta", "presidency", "leadership", "cabinet"})  # fmt: skip
PERSON_TYPES = frozenset({"PERSON"})
GROUP_TYPES = frozenset({"ORG", "GPE"})


def short_forms(mentions: Sequence[RawMention], links: dict[int, Link]) -> dict[int, Link]:
    """A name that repeats the end of a longer name in the document is that entity.

    "Assad" after "Bashar Al Assad", "Darwish" after "Hassan Darwish", and "Tartus"
    after "Tartus naval base" (a facility's leading words).
    """
    fulls = [
        (i, alias_key(m.text).split()) for i, m in enumerate(mentions)
        if i in links and m.kind == "name" and len(m.text.split()) > 1
    ]  # fmt: skip
    result = dict(links)
    for index, mention in enumerate(mentions):
        if index not in links or mention.kind != "name":
            continue
        words = alias_key(mention.text).split()
        for other, full in fulls:
            if other == index or len(full) <= len(words):
                continue
            if _short_of(words, full, mentions[other].label, mention.label):
                current = links[index].actor
                if (
                    current is None
                    or current.kind == "city"
                    or mention.label == mentions[other].label
                ):
                    result[index] = links[other]
                    break
    return result


def _short_of(words: list[str], full: list[str], full_label: str, label: str) -> bool:
    if full_label == "PERSON" and label in ("PERSON", "ORG", "GPE"):
        # surname last ("Sybiha") or first, as in Chinese and Korean names ("Lai", "Han")
        return full[-len(words) :] == words or (len(words) == 1 and full[0] == words[0])
    if full_label == "FAC":
        return full[: len(words)] == words  # "Tartus" after "Tartus naval base"
    return False


def merge_links(pairs: Sequence[tuple[int, int]], links: dict[int, Link]) -> dict[int, Link]:
    """Mentions the text says are one ("X, better known as Y") share one entity.

    The knowledge-base side wins; otherwise the first-named side.
    """
    result = dict(links)
    for a, b in pairs:
        if a not in result or b not in result:
            continue
        left, right = result[a], result[b]
        winner = left if left.actor is not None or right.actor is None else right
        old = {left.entity_id, right.entity_id}
        for index, link in list(result.items()):
            if link.entity_id in old:
                result[index] = winner
    return result


def resolve_roles(
    mentions: Sequence[RawMention], links: dict[int, Link], kb: KnowledgeBase, day: str | None
) -> dict[int, Link]:
    """Role nouns: 'the HTS leader' is HTS's leader on the day; 'the foreign minister' the
    person the article gave that title, else the knowledge base's holder."""
    titled = _titled_people(mentions, links)
    result = dict(links)
    for index, _title, person, _owner in titled:
        result[index] = person  # "Foreign Minister" in "Foreign Minister Andrii Sybiha"
    titled = [(mentions[i].start, t, p, o) for i, t, p, o in titled]
    for index, mention in enumerate(mentions):
        if mention.kind != "nominal" or mention.title is None:
            continue
        owner = result.get(mention.role_of) if mention.role_of is not None else None
        link = _holder(kb, mention.title, owner, day) if owner is not None else None
        if link is None:
            link = _titled_before(titled, mention.title, mention.start, owner)
        if link is None and owner is not None and mention.title in SPEAKS_FOR_OWNER:
            link = owner  # "his spokesman said", "a spokesperson for the army said"
        if link is not None:
            result[index] = link
    return result


def _titled_people(
    mentions: Sequence[RawMention], links: dict[int, Link]
) -> list[tuple[int, str, Link, Link | None]]:
    """(mention, title, person, owner) for 'Foreign Minister Andrii Sybiha'-style titles."""
    found = []
    for index, mention in enumerate(mentions):
        if mention.kind != "title" or mention.title is None:
            continue
        person = next(
            (j for j in range(index + 1, min(index + 3, len(mentions)))
             if j in links and mentions[j].label == "PERSON"),
            None,
        )  # fmt: skip
        if person is not None:
            owner = links.get(mention.role_of) if mention.role_of is not None else None
            found.append((index, mention.title, links[person], owner))
    return found


def _holder(kb: KnowledgeBase, title: str, owner: Link, day: str | None) -> Link | None:
    holders = kb.holders(title, owner.entity_id, day) or kb.holders(title, owner.entity_id, None)
    if not holders:
        return _latest_holder(kb, title, owner.entity_id)
    actor = holders[0]
    return Link(actor.id, actor, "PERSON")


def _latest_holder(kb: KnowledgeBase, title: str, of: str) -> Link | None:
    """The most recent holder of an office, for articles about someone who just left it."""
    actor = kb.latest_holder(title, of)
    return Link(actor.id, actor, "PERSON") if actor is not None else None


def _titled_before(
    titled: list[tuple[int, str, Link, Link | None]], title: str, position: int, owner: Link | None
) -> Link | None:
    for start, name, person, person_owner in reversed(titled):
        same_owner = (
            owner is None or person_owner is None or owner.entity_id == person_owner.entity_id
        )
        if start < position and name == title and same_owner:
            return person
    return None


def resolve_definites(mentions: Sequence[RawMention], links: dict[int, Link]) -> dict[int, Link]:
    """'the ministry' is the last body named with 'ministry' in it; 'the government' the
    last state that acted."""
    result = dict(links)
    for index, mention in enumerate(mentions):
        if mention.kind != "definite" or mention.title is None:
            continue
        found = _definite_antecedent(mentions, result, index, mention.title)
        if found is not None:
            result[index] = found
    return result


def _definite_antecedent(
    mentions: Sequence[RawMention], links: dict[int, Link], index: int, head: str
) -> Link | None:
    for j in range(index - 1, -1, -1):
        other, link = mentions[j], links.get(j)
        if link is None or other.kind in ("pronoun", "definite"):
            continue
        actor = link.actor
        if head in GOVERNMENT_HEADS:
            if actor is not None and actor.kind == "country":
                return link
        elif (actor is not None and head in actor.name.lower()) or (
            head in other.text.lower() and other.label == "ORG"
        ):
            return link
    return None


def resolve_pronouns(mentions: Sequence[RawMention], links: dict[int, Link]) -> dict[int, Link]:
    """He/she/they/it: the nearest fitting antecedent before, preferring sentence subjects."""
    result = dict(links)
    for index, mention in enumerate(mentions):
        if mention.kind != "pronoun":
            continue
        wanted = PERSON_TYPES if mention.label == "PERSON" else GROUP_TYPES
        antecedent = _antecedent(mentions, result, index, wanted)
        if antecedent is not None:
            result[index] = antecedent
    return result


def _antecedent(
    mentions: Sequence[RawMention], links: dict[int, Link], index: int, wanted: frozenset[str]
) -> Link | None:
    """The most recent fitting subject; failing that, the most recent fitting mention."""
    pronoun = mentions[index]
    nearest: Link | None = None
    for j in range(index - 1, -1, -1):
        other = mentions[j]
        if pronoun.start - other.end > PRONOUN_WINDOW:
            break
        link = links.get(j)
        if link is None or other.kind == "pronoun" or _type_of(link) not in wanted:
            continue
        if other.kind == "demonym" and wanted is PERSON_TYPES:
            continue
        if other.subject:
            return link
        nearest = nearest or link
    return nearest


def _type_of(link: Link) -> str:
    if link.actor is not None:
        return "ORG" if link.actor.type == "FACILITY" else link.actor.type
    return {"FAC": "ORG", "LOC": "GPE"}.get(link.label, link.label)
