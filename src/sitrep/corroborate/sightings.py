"""Sightings: stored event mentions as corroboration compares them, read from the store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitrep.config import Settings
from sitrep.corroborate.actors import PLACE_KINDS, ActorRef, Place, actor_ref, place_of
from sitrep.corroborate.dates import ValidTime, valid_time
from sitrep.kb import KnowledgeBase
from sitrep.store import Store

HAPPENED = frozenset({"asserted", "reported", "claimed"})
DENIED = frozenset({"denied", "negated"})

# Every event column corroboration needs, with its document and the entities it names.
# `date_text` is the time expression the event's date came from (NULL when the extractor
# fell back on the publication day).
EVENT_QUERY = """
SELECT e.id, e.doc_id, e.type, e.modality, e.negated, e.source, e.source_id, e.target,
       e.target_id, e.location, e.location_id, e.lat, e.lon, e.date, e.sentence,
       e.sentence_start, e.char_start, e.char_end,
       coalesce(d.published, d.estimated_published) AS reported, d.published_date,
       d.source AS outlet,
       s.kb_id AS s_kb_id, s.country AS s_country, s.code AS s_code, s.kind AS s_kind,
       t.kb_id AS t_kb_id, t.country AS t_country, t.code AS t_code, t.kind AS t_kind,
       t.lat AS t_lat, t.lon AS t_lon,
       l.country AS l_country, l.kind AS l_kind, l.lat AS l_lat, l.lon AS l_lon,
       (SELECT x.text FROM times x
        WHERE x.doc_id = e.doc_id AND x.value = e.date AND x.char_start >= e.sentence_start
              AND x.char_start < e.sentence_end
        ORDER BY abs(x.char_start - e.char_start) LIMIT 1) AS date_text,
       {member_columns}
FROM events e JOIN documents d ON d.id = e.doc_id
LEFT JOIN entities s ON s.id = e.source_id
LEFT JOIN entities t ON t.id = e.target_id
LEFT JOIN entities l ON l.id = e.location_id
{member_join}
WHERE {where}
ORDER BY reported NULLS LAST, e.doc_id, e.char_start
"""
PENDING = EVENT_QUERY.format(
    member_columns="NULL AS occurrence_id, NULL AS origin, NULL AS date_start, "
    "NULL AS date_end, NULL AS precision",
    member_join="LEFT JOIN occurrence_events oe ON oe.event_id = e.id",
    where="oe.event_id IS NULL AND e.id IN (SELECT unnest(?))",
)  # fmt: skip
MEMBERS = EVENT_QUERY.format(
    member_columns="oe.occurrence_id, oe.origin, oe.date_start, oe.date_end, oe.precision",
    member_join="JOIN occurrence_events oe ON oe.event_id = e.id",
    where="oe.occurrence_id IN (SELECT unnest(?))",
)  # fmt: skip
# Occurrences of these types with a member dated within [?, ?], or an undated member
# (year-precise) from one of these origins reported within those days (a copy's twin).
NEARBY = """
SELECT DISTINCT oe.occurrence_id FROM occurrence_events oe
JOIN occurrences o ON o.id = oe.occurrence_id
WHERE o.type IN (SELECT unnest(?)) AND (
      (oe.date_end >= ? AND oe.date_start <= ?)
      OR (oe.date_start IS NULL AND oe.origin IN (SELECT unnest(?))
          AND oe.reported_date BETWEEN ? AND ?))
"""


@dataclass(frozen=True, slots=True)
class Sighting:
    """An event mention: what, who, where, when it happened, and who reported it when."""

    event_id: str
    doc_id: str
    type: str
    status: str
    source: ActorRef | None
    target: ActorRef | None
    place: Place | None
    when: ValidTime | None
    reported: str | None
    outlet: str | None
    origin: str
    sentence: str
    sentence_start: int
    start: int
    occurrence_id: str | None = None

    @property
    def order(self) -> tuple[str, str, int]:
        """Report order: earliest report first (undated reports last)."""
        return (self.reported or "\uffff", self.doc_id, self.start)


def status_of(modality: str, negated: bool) -> str:
    """happened, denied or unrealised (hypothetical, intended, undecided)."""
    if negated or modality in DENIED:
        return "denied"
    return "happened" if modality in HAPPENED else "unrealised"


def pending_sightings(
    store: Store, event_ids: Sequence[str], origins: dict[str, str], kb: KnowledgeBase,
    settings: Settings,
) -> list[Sighting]:  # fmt: skip
    """Sightings of the given events that are in no occurrence yet, in report order."""
    rows = store.query(PENDING, [list(event_ids)])
    return [sighting(row, origins.get(row["doc_id"], row["doc_id"]), kb, settings) for row in rows]


def member_sightings(
    store: Store, occurrence_ids: Sequence[str], kb: KnowledgeBase, settings: Settings
) -> list[Sighting]:
    """Sightings of the stored members of the given occurrences, in report order."""
    rows = store.query(MEMBERS, [list(occurrence_ids)]) if occurrence_ids else []
    return [sighting(row, row["origin"], kb, settings) for row in rows]


def nearby_occurrences(
    store: Store, types: Sequence[str], first: date, last: date, origins: Sequence[str]
) -> list[str]:
    """Ids of stored occurrences of these types with a member dated between two days (or
    an undated one of these origins reported then)."""
    rows = store.query(NEARBY, [list(types), first, last, list(origins), first, last])
    return [str(row["occurrence_id"]) for row in rows]


def sighting(row: dict[str, Any], origin: str, kb: KnowledgeBase, settings: Settings) -> Sighting:
    """A sighting from an event row (with its document, entities and any membership)."""
    day = str(row["published_date"]) if row["published_date"] else None
    source = actor_ref(row["source_id"], row["source"], _entity(row, "s"), kb, day)
    target = actor_ref(row["target_id"], row["target"], _entity(row, "t"), kb, day)
    place = place_of(row)
    if row["t_kind"] in PLACE_KINDS:  # a city "hit" or "visited" is where it happened
        place = place or Place(
            row["target_id"],
            row["target"] or row["target_id"],
            row["t_lat"],
            row["t_lon"],
            row["t_country"],
            row["t_kind"],
        )
        target = None
    return Sighting(
        event_id=row["id"], doc_id=row["doc_id"], type=row["type"],
        status=status_of(row["modality"], bool(row["negated"])), source=source, target=target,
        place=place, when=_when(row, settings), reported=row["reported"],
        outlet=row["outlet"], origin=origin, sentence=row["sentence"] or "",
        sentence_start=row["sentence_start"] or 0, start=row["char_start"],
        occurrence_id=row["occurrence_id"],
    )  # fmt: skip


def _entity(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {name: row[f"{prefix}_{name}"] for name in ("kb_id", "country", "code", "kind")}


def _when(row: dict[str, Any], settings: Settings) -> ValidTime | None:
    """A stored member's valid time as written; a new one's computed from its date."""
    if row["occurrence_id"] is not None:
        if row["date_start"] is None:
            return None
        return ValidTime(row["date_start"], row["date_end"], row["precision"])
    return valid_time(row["date"], row["published_date"], row["date_text"], settings)
