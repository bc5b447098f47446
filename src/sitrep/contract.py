"""The `sitrep extract --json` contract: one JSON object per article (see extract.schema.json)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sitrep.schema import Entity, Event, Extraction, Mention, Quote, Stance, TimeExpression

# The contract lists the names an entity goes by; pronouns, role nouns ("the minister")
# and adjectives ("Russian") refer to it without naming it and stay in the store only.
NAMING_KINDS = frozenset({"name", "seat", "acronym", "metonym"})


def to_contract(extraction: Extraction) -> dict[str, Any]:
    """The contract's JSON object for one extraction."""
    doc = extraction.document
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for mention in extraction.mentions:
        if mention.entity_id and mention.kind in NAMING_KINDS:
            by_entity[mention.entity_id].append(mention)
    return {
        "document": {
            "id": doc.id, "title": doc.title, "published": doc.published,
            "published_estimated": doc.published_estimated,
            "estimated_published": doc.estimated_published, "source": doc.source,
            "url": doc.url, "language": doc.language, "text": doc.text,
        },
        "entities": [_entity(e, by_entity.get(e.id, [])) for e in extraction.entities],
        "quotes": [_quote(q) for q in extraction.quotes],
        "events": [_event(e) for e in extraction.events],
        "stances": [_stance(s) for s in extraction.stances],
        "times": [_time(t) for t in extraction.times],
    }  # fmt: skip


def _entity(entity: Entity, mentions: list[Mention]) -> dict[str, Any]:
    return {
        "id": entity.id, "name": entity.name, "type": entity.type, "country": entity.country,
        "code": entity.code, "kb_id": entity.kb_id, "kind": entity.kind,
        "aliases": list(entity.aliases), "lat": entity.lat, "lon": entity.lon,
        "mentions": [
            {"start": m.start, "end": m.end, "text": m.text, "kind": m.kind}
            for m in sorted(mentions, key=lambda m: m.start)
        ],
    }  # fmt: skip


def _quote(quote: Quote) -> dict[str, Any]:
    return {
        "text": quote.text, "start": quote.start, "end": quote.end, "kind": quote.kind,
        "speaker": quote.speaker, "speaker_id": quote.speaker_id, "cue": quote.cue,
        "medium": quote.medium, "topics": list(quote.topics),
        "sentence": {"start": quote.sentence_start, "end": quote.sentence_end},
    }  # fmt: skip


def _event(event: Event) -> dict[str, Any]:
    return {
        "type": event.type, "trigger": event.trigger, "source": event.source,
        "source_id": event.source_id, "source_code": event.source_code,
        "target": event.target, "target_id": event.target_id,
        "target_code": event.target_code, "location": event.location,
        "location_id": event.location_id, "lat": event.lat, "lon": event.lon,
        "date": event.date, "modality": event.modality, "negated": event.negated,
        "sentence": event.sentence, "start": event.start, "end": event.end,
        "sentence_start": event.sentence_start, "sentence_end": event.sentence_end,
        "cameo": event.cameo, "goldstein": event.goldstein,
    }  # fmt: skip


def _stance(stance: Stance) -> dict[str, Any]:
    return {
        "source": stance.source, "source_id": stance.source_id, "target": stance.target,
        "target_id": stance.target_id, "stance": stance.stance,
        "evidence": [{"start": s, "end": e} for s, e in stance.evidence],
    }  # fmt: skip


def _time(time: TimeExpression) -> dict[str, Any]:
    return {
        "text": time.text, "start": time.start, "end": time.end, "value": time.value,
        "precision": time.precision,
    }  # fmt: skip
