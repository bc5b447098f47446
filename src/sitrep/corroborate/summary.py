"""An occurrence's record from its members: counts, first report, consensus, accounts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from sitrep.corroborate.accounts import find_figures
from sitrep.corroborate.actors import CONFLICT, ActorRef, Place, compare_actors
from sitrep.corroborate.dates import ValidTime
from sitrep.corroborate.matching import Cluster
from sitrep.corroborate.sightings import Sighting
from sitrep.schema import Account, Occurrence, OccurrenceMember

# Finest first: the occurrence takes its date from its most precise members.
PRECISION_ORDER = ("day", "week", "month", "undated")
BLAMED = "blamed"
T = TypeVar("T")


def summarise(cluster: Cluster) -> tuple[Occurrence, list[OccurrenceMember], list[Account]]:
    """The occurrence record, its member rows and its accounts."""
    members = sorted(cluster.members, key=lambda m: m.order)
    first = members[0]
    source, disputed = consensus_actor([m.source for m in members])
    target, _ = consensus_actor([m.target for m in members])
    place = consensus_place([m.place for m in members])
    when = consensus_time([m.when for m in members])
    occurrence = Occurrence(
        id=cluster.id, type=cluster.type, status=cluster.status,
        date=when.label if when else None, precision=when.precision if when else None,
        first_event_id=first.event_id, first_doc_id=first.doc_id,
        first_reported=first.reported, first_outlet=first.outlet, n_mentions=len(members),
        n_reports=len({m.doc_id for m in members}),
        n_independent_sources=len({m.origin for m in members}),
        outlets=tuple(_unique(m.outlet for m in members if m.outlet)),
        source=source.name if source else None, source_id=source.id if source else None,
        target=target.name if target else None, target_id=target.id if target else None,
        location=place.name if place else None, location_id=place.id if place else None,
        lat=place.lat if place else None, lon=place.lon if place else None, disputed=disputed,
    )  # fmt: skip
    rows = [_member(cluster.id, m) for m in members]
    return occurrence, rows, accounts_of(cluster.id, members)


def _member(occurrence_id: str, m: Sighting) -> OccurrenceMember:
    when = m.when
    return OccurrenceMember(
        occurrence_id, m.event_id, m.doc_id, m.reported, m.outlet, m.origin,
        when.start.isoformat() if when else None, when.end.isoformat() if when else None,
        when.precision if when else None,
    )  # fmt: skip


def consensus_actor(refs: Sequence[ActorRef | None]) -> tuple[ActorRef | None, bool]:
    """The actor most members name, and whether members contradict each other (disputed).

    A disputed side has no consensus: who did it is then in the accounts, report by report.
    """
    known = [r for r in refs if r is not None]
    disputed = any(compare_actors(a, b) == CONFLICT for a in known for b in known)
    if disputed or not known:
        return None, disputed
    return _most_common(known, key=lambda r: r.id), False


def consensus_place(places: Sequence[Place | None]) -> Place | None:
    """The most named specific place (a city over its country)."""
    known = [p for p in places if p is not None]
    specific = [p for p in known if not p.is_country] or known
    return _most_common(specific, key=lambda p: p.id) if specific else None


def consensus_time(times: Sequence[ValidTime | None]) -> ValidTime | None:
    """The most given date among the most precise members' dates; None if only undated."""
    known = [t for t in times if t is not None and t.precision != "undated"]
    if not known:
        return None
    finest = min(PRECISION_ORDER.index(t.precision) for t in known)
    best = [t for t in known if PRECISION_ORDER.index(t.precision) == finest]
    return _most_common(best, key=lambda t: t.label)


def _most_common(items: Sequence[T], key: Callable[[T], str]) -> T:
    """The item whose key is most frequent; ties go to the earliest (items are in order)."""
    keys = [key(i) for i in items]
    counts = Counter(keys)
    top = max(counts.values())
    return next(i for i, k in zip(items, keys, strict=True) if counts[k] == top)


def accounts_of(occurrence_id: str, members: Sequence[Sighting]) -> list[Account]:
    """Each report's figures (from its event sentences) and whom it blames, once per report."""
    found: dict[tuple[str, str, str], Account] = {}
    for m in members:
        for figure in find_figures(m.sentence, m.sentence_start, m.type):
            account = Account(
                occurrence_id, m.event_id, m.doc_id, figure.kind, figure.value, figure.number,
                figure.qualifier, None, m.outlet, m.origin, m.reported, figure.start, figure.end,
            )  # fmt: skip
            found.setdefault((m.doc_id, figure.kind, figure.value.lower()), account)
        if m.source is not None:
            account = Account(
                occurrence_id, m.event_id, m.doc_id, BLAMED, m.source.name, None, None,
                m.source.id, m.outlet, m.origin, m.reported, m.start, m.start,
            )  # fmt: skip
            found.setdefault((m.doc_id, BLAMED, m.source.id), account)
    return list(found.values())


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
