"""Build the output records of one document from its findings and the mention links."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from sitrep.kb import KnowledgeBase
from sitrep.kb.cameo import cameo_for
from sitrep.resolve.events import refine_events
from sitrep.resolve.linking import OUTPUT_TYPES, Link
from sitrep.resolve.stance import document_stances
from sitrep.schema import (
    Entity,
    Event,
    Extraction,
    Findings,
    Mention,
    Quote,
    RawEvent,
    RawMention,
    RawQuote,
)  # fmt: skip

# Mention kinds that show how an entity is named (the rest refer to it: pronouns, roles).
NAMING_KINDS = frozenset({"name", "seat", "acronym", "metonym"})


def build_extraction(
    findings: Findings, links: dict[int, Link], kb: KnowledgeBase, day: str | None
) -> Extraction:
    """Entities, mentions, quotes, events, stances and times of one document."""
    doc = findings.document
    mentions = _mentions(findings, links)
    entities = _entities(findings.mentions, links, day)
    names = {e.id: e for e in entities}
    quotes = tuple(_quote(doc.id, q, links, names) for q in findings.quotes)
    raw_events = (
        _event(doc.text, doc.id, _places_as_actors(r, findings.mentions, links, kb), links, names,
               day)
        for r in findings.events
    )  # fmt: skip
    events = tuple(refine_events([e for e in raw_events if e is not None], names))
    stances = document_stances(doc.id, events, quotes, findings, links, names, day)
    return Extraction(
        document=doc, entities=entities, mentions=mentions, quotes=quotes, events=events,
        stances=stances, times=findings.times,
        discovered_aliases=_discovered(findings, links),
    )  # fmt: skip


def _kind(mention: RawMention, link: Link) -> str:
    if (
        mention.kind == "name"
        and link.actor is not None
        and link.actor.kind == "country"
        and (mention.label != "GPE" or mention.reading == "actor")
        and mention.kb_key is not None
        and link.actor.name.lower() not in mention.text.lower()
    ):
        return "metonym"
    return mention.kind


def _mentions(findings: Findings, links: dict[int, Link]) -> tuple[Mention, ...]:
    doc_id = findings.document.id
    return tuple(
        Mention(
            doc_id=doc_id,
            start=m.start,
            end=m.end,
            text=m.text,
            entity_id=links[i].entity_id,
            label=OUTPUT_TYPES.get(links[i].label, links[i].label),
            kind=_kind(m, links[i]),
            sentence_start=m.sentence_start,
            sentence_end=m.sentence_end,
        )
        for i, m in enumerate(findings.mentions)
        if i in links
    )


def _entities(
    mentions: Sequence[RawMention], links: dict[int, Link], day: str | None
) -> tuple[Entity, ...]:
    surfaces: dict[str, list[str]] = defaultdict(list)
    first: dict[str, Link] = {}
    for index, mention in enumerate(mentions):
        link = links.get(index)
        if link is None:
            continue
        first.setdefault(link.entity_id, link)
        if mention.kind in NAMING_KINDS or mention.kind == "acronym":
            surfaces[link.entity_id].append(mention.text)
    return tuple(_entity(link, surfaces.get(eid, []), day) for eid, link in first.items())


def _entity(link: Link, surfaces: list[str], day: str | None) -> Entity:
    aliases = tuple(dict.fromkeys(surfaces))
    actor = link.actor
    if actor is None:
        name = max(aliases, key=len) if aliases else link.entity_id.rsplit(":", 1)[-1]
        return Entity(
            id=link.entity_id,
            name=name,
            type=OUTPUT_TYPES.get(link.label, link.label),
            aliases=aliases,
        )
    return Entity(
        id=actor.id, name=actor.name, type=actor.type, kb_id=actor.id, country=actor.country,
        code=actor.code_on(day), kind=actor.kind, aliases=aliases, lat=actor.lat, lon=actor.lon,
    )  # fmt: skip


def _quote(doc_id: str, raw: RawQuote, links: dict[int, Link], names: dict[str, Entity]) -> Quote:
    speaker = _entity_at(raw.speaker, links, names)
    medium = _entity_at(raw.medium, links, names)
    topics = tuple(dict.fromkeys(links[i].entity_id for i in raw.topics if i in links))
    return Quote(
        doc_id=doc_id, start=raw.start, end=raw.end, text=raw.text, kind=raw.kind,
        speaker=speaker.name if speaker else None, speaker_id=speaker.id if speaker else None,
        cue=raw.cue, medium=medium.name if medium else raw.medium_text,
        sentence_start=raw.sentence_start, sentence_end=raw.sentence_end, topics=topics,
    )  # fmt: skip


def _entity_at(
    index: int | None, links: dict[int, Link], names: dict[str, Entity]
) -> Entity | None:
    if index is None or index not in links:
        return None
    return names.get(links[index].entity_id)


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _places_as_actors(
    raw: RawEvent, mentions: Sequence[RawMention], links: dict[int, Link], kb: KnowledgeBase
) -> RawEvent:
    """A place is not a doer; a city done to stands for its country and is the location
    ("strikes on Kharkiv": against Ukraine, in Kharkiv)."""
    if raw.source is not None and _is_place(mentions[raw.source]):
        raw = replace(raw, source=None)
    if raw.target is not None:
        link = links.get(raw.target)
        city = link.actor if link is not None else None
        if city is not None and city.kind == "city" and city.country:
            country = _mention_of(city.country, links)
            if country is not None:
                location = raw.location if raw.location is not None else raw.target
                raw = replace(raw, target=country, location=location)
    return raw


def _is_place(mention: RawMention) -> bool:
    return mention.label in PLACE_LABELS and mention.reading == "place"


def _mention_of(entity_id: str, links: dict[int, Link]) -> int | None:
    return next((i for i, link in links.items() if link.entity_id == entity_id), None)


def _event(
    text: str,
    doc_id: str,
    raw: RawEvent,
    links: dict[int, Link],
    names: dict[str, Entity],
    day: str | None,
) -> Event | None:
    source = _entity_at(raw.source, links, names)
    target = _entity_at(raw.target, links, names)
    location = _entity_at(raw.location, links, names)
    if source is None and target is None:
        return None
    if source is not None and target is not None and source.id == target.id:
        return None
    cameo = cameo_for(raw.type)
    return Event(
        doc_id=doc_id, type=raw.type, start=raw.start, end=raw.end, trigger=raw.trigger,
        sentence=text[raw.sentence_start : raw.sentence_end],
        sentence_start=raw.sentence_start, sentence_end=raw.sentence_end,
        source=source.name if source else raw.source_text, source_id=source.id if source else None,
        source_code=_code(source, links, raw.source, day),
        target=target.name if target else raw.target_text, target_id=target.id if target else None,
        target_code=_code(target, links, raw.target, day),
        location=location.name if location else None,
        location_id=location.id if location else None,
        lat=location.lat if location else None, lon=location.lon if location else None,
        date=raw.date or day, modality=raw.modality, negated=raw.negated,
        cameo=cameo.code, goldstein=cameo.goldstein,
    )  # fmt: skip


def _code(
    entity: Entity | None, links: dict[int, Link], index: int | None, day: str | None
) -> str | None:
    if entity is None or index is None or index not in links:
        return None
    actor = links[index].actor
    return actor.code_on(day) if actor is not None else None


def _discovered(findings: Findings, links: dict[int, Link]) -> tuple[tuple[str, str], ...]:
    """Aliases the text declared ("X, also known as Y"), to remember for later documents."""
    found = []
    for a, b in findings.alias_links:
        for side in (a, b):
            link = links.get(side)
            mention = findings.mentions[side]
            if link is not None and mention.kind == "name":
                found.append((link.entity_id, mention.text))
    return tuple(dict.fromkeys(found))
