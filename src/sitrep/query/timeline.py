"""Timelines: an actor's (or a pair's) events and quotes in date order."""

from __future__ import annotations

from typing import Any

from sitrep.query.events import list_events
from sitrep.query.quotes import list_quotes
from sitrep.store import Store

# Items of each kind on one timeline; the newest are kept when there are more.
TIMELINE_ITEMS = 500


def timeline(
    store: Store, actor: str, other: str | None = None, limit: int = TIMELINE_ITEMS
) -> list[dict[str, Any]]:
    """Events and quotes of an actor, or between two actors, oldest first.

    With `other`, the events between the two and what each said about the other.  A
    happening reported many times is one item (its first report), with its counts of
    reports and independent sources.
    """
    events = once_per_occurrence(list_events(store, actor=actor, other=other, limit=limit))
    quotes = list_quotes(store, by=actor, about=other, limit=limit)
    if other:
        quotes += list_quotes(store, by=other, about=actor, limit=limit)
    items = [_event_item(e) for e in events] + [_quote_item(q) for q in quotes]
    return sorted(items, key=lambda i: (i["day"] is None, i["day"], i["doc_id"], i["start"]))


def once_per_occurrence(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One event per occurrence (the first reported); events in none stay as they are."""
    first: dict[str, dict[str, Any]] = {}
    for event in events:
        key = event.get("occurrence_id") or event["id"]
        if key not in first or (event["published"] or "~") < (first[key]["published"] or "~"):
            first[key] = event
    return [e for e in events if first[e.get("occurrence_id") or e["id"]] is e]


def _event_item(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "event", "id": event["id"], "doc_id": event["doc_id"], "day": event["day"],
        "start": event["start"], "end": event["end"], "label": event["type"],
        "actor": event["source"], "actor_id": event["source_id"], "other": event["target"],
        "other_id": event["target_id"], "text": event["sentence"], "modality": event["modality"],
        "medium": None, "occurrence_id": event.get("occurrence_id"),
        "reports": event.get("n_reports") or 1, "sources": event.get("n_independent_sources") or 1,
    }  # fmt: skip


def _quote_item(quote: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "quote", "id": quote["id"], "doc_id": quote["doc_id"],
        "day": quote["published_date"], "start": quote["start"], "end": quote["end"],
        "label": quote["kind"], "actor": quote["speaker"], "actor_id": quote["speaker_id"],
        "other": None, "other_id": None, "text": quote["text"], "modality": None,
        "medium": quote["medium"], "occurrence_id": None, "reports": None, "sources": None,
    }  # fmt: skip
