"""Event clean-up once actors are known: implied targets, duplicates, places giving way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sitrep.schema import Entity, Event

PLACE_TYPES = frozenset({"GPE", "LOC", "FACILITY"})
ACTOR_TYPES = frozenset({"PERSON", "ORG"})


def refine_events(events: Sequence[Event], names: dict[str, Entity]) -> list[Event]:
    """1. a withdrawal with no 'from' withdraws from the country of its place;
    2. the same actors, type and modality count once in a document (a headline and its
       body, or a quotation and its paraphrase, report one event);
    3. a visit to a place gives way to a meeting with someone in the same sentence."""
    events = [_implied_target(e, names) for e in events]  # 1
    unique = _unique(events)  # 2
    return [e for e in unique if not _superseded(e, unique, names)]  # 3


def _implied_target(event: Event, names: dict[str, Entity]) -> Event:
    if event.type != "RETREAT" or event.target_id is not None or event.location_id is None:
        return event
    place = names.get(event.location_id)
    source = names.get(event.source_id or "")
    country = names.get(place.country or "") if place is not None else None
    if country is None or source is None or country.id in (source.id, source.country):
        return event
    return replace(event, target=country.name, target_id=country.id)


def _unique(events: Sequence[Event]) -> list[Event]:
    seen: set[tuple[object, ...]] = set()
    result = []
    for event in events:
        key = (event.type, event.modality, event.source_id or event.source,
               event.target_id or event.target)  # fmt: skip
        if key not in seen:
            seen.add(key)
            result.append(event)
    return result


def _superseded(event: Event, events: Sequence[Event], names: dict[str, Entity]) -> bool:
    target = names.get(event.target_id or "")
    if target is None or target.type not in PLACE_TYPES:
        return False
    location = names.get(event.location_id or "")
    from_place = location is not None and location.country == target.id
    if target.kind == "country" and not from_place:
        return False
    for other in events:
        other_target = names.get(other.target_id or "")
        if (
            other is not event and other.type == event.type and other.source_id == event.source_id
            and other.sentence_start == event.sentence_start
            and other_target is not None and other_target.type in ACTOR_TYPES
        ):  # fmt: skip
            return True
    return False
