"""Actors and places as corroboration compares them: who stands for whom, how far apart.

A person stands for the state or body they serve on the day (the knowledge base's roles),
a state body (government, army, police) for its state, a city for its country.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from math import asin, cos, radians, sin, sqrt
from typing import Any

from sitrep.kb import KnowledgeBase

# CAMEO role codes of bodies that act for their state; a rebel group (REB) or an
# opposition party (OPP) in a country does not.
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
# Entity kinds that are places within a country (they stand for it as targets).
PLACE_KINDS = frozenset({"city", "region", "state", "province", "territory", "town", "village"})
COUNTRY = "country"
EARTH_KM = 6371.0
# Agreement levels: the same actor or place, or one standing for the other.
SAME, STANDS_FOR, UNKNOWN, CONFLICT = 2, 1, 0, -1


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor of a mention: its entity id, name, what it stands for, and whether it is linked.

    An unlinked actor (a name the knowledge base does not know) can neither confirm nor
    contradict another one unless it has the same id.
    """

    id: str
    name: str
    stands_for: frozenset[str]
    linked: bool


@dataclass(frozen=True, slots=True)
class Place:
    """Where a mention happened: entity id, name, coordinates, country and kind."""

    id: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    kind: str | None

    @property
    def is_country(self) -> bool:
        """True for a whole country (it only says which country)."""
        return self.kind == COUNTRY


def actor_ref(
    entity_id: str | None, name: str | None, entity: dict[str, Any], kb: KnowledgeBase,
    day: str | None,
) -> ActorRef | None:  # fmt: skip
    """The actor a mention names, or None when it was not resolved to an entity."""
    if not entity_id:
        return None
    linked = bool(entity.get("kb_id")) or kb.get(entity_id) is not None
    return ActorRef(entity_id, name or entity_id, _stands_for(entity_id, entity, kb, day), linked)


def _stands_for(entity_id: str, entity: dict[str, Any], kb: KnowledgeBase, day: str | None) -> (
    frozenset[str]
):  # fmt: skip
    """The states and bodies an actor acts for on a day (itself excluded)."""
    found: set[str] = set()
    country, code, kind = entity.get("country"), entity.get("code") or "", entity.get("kind")
    if country and (code[3:6] in STATE_ROLES or kind in PLACE_KINDS):
        found.add(country)
    actor = kb.get(entity_id)
    if actor is not None:
        found.update(role.of for role in actor.roles if role.of and role.holds_on(day))
        if actor.parent:
            found.add(actor.parent)
    found.discard(entity_id)
    return frozenset(found)


def compare_actors(a: ActorRef | None, b: ActorRef | None) -> int:
    """SAME, STANDS_FOR (a person and their state), UNKNOWN (one side not known) or CONFLICT."""
    if a is None or b is None:
        return UNKNOWN
    if a.id == b.id:
        return SAME
    if a.id in b.stands_for or b.id in a.stands_for or a.stands_for & b.stands_for:
        return STANDS_FOR
    if not a.linked or not b.linked:
        return UNKNOWN
    return CONFLICT


def place_of(row: dict[str, Any]) -> Place | None:
    """The place of a mention from its event row (with the location entity's fields)."""
    if not row.get("location_id"):
        return None
    lat = row["lat"] if row.get("lat") is not None else row.get("l_lat")
    lon = row["lon"] if row.get("lon") is not None else row.get("l_lon")
    country = row.get("l_country")
    if row.get("l_kind") == COUNTRY:
        country = country or row["location_id"]
    name = row.get("location") or row["location_id"]
    return Place(row["location_id"], name, lat, lon, country, row.get("l_kind"))


def compare_places(a: Place | None, b: Place | None, max_km: float) -> int:
    """SAME (one place, or within `max_km`), STANDS_FOR (a place in that country), UNKNOWN
    (one side unplaced or without coordinates) or CONFLICT."""
    if a is None or b is None:
        return UNKNOWN
    if a.id == b.id:
        return STANDS_FOR if a.is_country else SAME
    if a.is_country or b.is_country:
        if a.country is None or b.country is None:
            return UNKNOWN  # a sea or a disputed line: in no one country
        return STANDS_FOR if a.country == b.country else CONFLICT
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return UNKNOWN
    return SAME if distance_km(a.lat, a.lon, b.lat, b.lon) <= max_km else CONFLICT


@lru_cache(maxsize=1 << 16)
def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    h = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 2 * EARTH_KM * asin(min(1.0, sqrt(h)))
