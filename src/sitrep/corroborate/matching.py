"""Cross-document event coreference: which occurrence a sighting joins, if any.

A sighting joins an occurrence only when it is compatible with every member already in it
(complete link): single-link chaining would merge a Monday strike with a Wednesday one
through a vaguely dated mention in between.  It must also agree with the occurrence on
something beyond type and date (`corroborate_min_evidence`), and when two occurrences fit
it equally well it joins neither: an ambiguous mention stays alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sitrep.config import Settings
from sitrep.corroborate.actors import CONFLICT, SAME, ActorRef, compare_actors, compare_places
from sitrep.corroborate.dates import days_apart, same_time, window
from sitrep.corroborate.sightings import Sighting
from sitrep.schema import content_id


@dataclass
class Cluster:
    """An occurrence being built: its id and members (mutable working state of one step)."""

    id: str
    type: str
    status: str
    members: list[Sighting] = field(default_factory=list)
    changed: bool = False
    merged_into: str | None = None


def new_cluster(first: Sighting) -> Cluster:
    """A new occurrence whose id comes from its first event mention."""
    cluster = Cluster(content_id("occurrence", first.event_id), first.type, first.status)
    cluster.members.append(first)
    cluster.changed = True
    return cluster


def assign(
    sightings: Iterable[Sighting], clusters: Sequence[Cluster], settings: Settings
) -> list[Cluster]:
    """Place sightings (in report order) into clusters, then merge clusters that fit.

    1. each sighting joins the one cluster it fits best, or starts a new one (also when
       two clusters fit it equally well);
    2. each changed cluster merges into the one cluster it fits best as a whole, or into
       all the equally good ones when those fit each other (they were one happening
       split by mentions that agreed with too little).

    Returns every cluster, old and new: those that changed are marked, those merged into
    another carry `merged_into`.
    """
    index: dict[tuple[str, str], list[Cluster]] = defaultdict(list)
    for cluster in clusters:
        index[(cluster.type, cluster.status)].append(cluster)
    everything = list(clusters)
    # 1. sightings
    for item in sightings:
        candidates = index[(item.type, item.status)]
        scored = _ranked((fit(item, c.members, settings), c) for c in candidates)
        if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            scored[0][1].members.append(item)
            scored[0][1].changed = True
        else:
            cluster = new_cluster(item)
            candidates.append(cluster)
            everything.append(cluster)
    # 2. clusters
    for candidates in index.values():
        _merge_clusters(candidates, settings)
    return everything


def _ranked(pairs: Iterable[tuple[float | None, Cluster]]) -> list[tuple[float, Cluster]]:
    found = [(score, cluster) for score, cluster in pairs if score is not None]
    return sorted(found, key=lambda pair: -pair[0])


def _merge_clusters(clusters: list[Cluster], settings: Settings) -> None:
    """Merge changed clusters with the clusters they fit as a whole, until none fits.

    A merge needs both sides to agree: each is among the other's best partners, and a
    side's equally good partners all fit each other (else that side is ambiguous).
    """
    work = [c for c in clusters if c.changed]
    while work:
        cluster = work.pop(0)
        if cluster.merged_into is not None:
            continue
        partners = _partners(cluster, clusters, settings)
        if partners and all(cluster in _partners(p, clusters, settings) for p in partners):
            work.append(_absorb(partners, cluster))


def _partners(cluster: Cluster, clusters: Sequence[Cluster], settings: Settings) -> list[Cluster]:
    """The clusters a cluster fits best as a whole; none when the best ones contradict."""
    others = [c for c in clusters if c is not cluster and c.merged_into is None]
    scored = _ranked((cluster_fit(cluster, other, settings), other) for other in others)
    if not scored:
        return []
    tied = [other for score, other in scored if score == scored[0][0]]
    return tied if len(tied) == 1 or _all_fit(tied, settings) else []


def cluster_fit(a: Cluster, b: Cluster, settings: Settings) -> float | None:
    """How well two clusters fit as a whole: every member of each fits the other (worst fit)."""
    scores = [fit(m, b.members, settings) for m in a.members]
    scores += [fit(m, a.members, settings) for m in b.members]
    found = [s for s in scores if s is not None]
    return min(found) if len(found) == len(scores) else None


def _all_fit(clusters: Sequence[Cluster], settings: Settings) -> bool:
    return all(
        cluster_fit(a, b, settings) is not None
        for i, a in enumerate(clusters) for b in clusters[i + 1 :]
    )  # fmt: skip


def _absorb(targets: Sequence[Cluster], cluster: Cluster) -> Cluster:
    """Merge a cluster and its tied targets into the oldest of them (its id lives on)."""
    group = sorted([*targets, cluster], key=lambda c: min(m.order for m in c.members))
    keeper = group[0]
    for other in group[1:]:
        keeper.members.extend(other.members)
        other.members = []
        other.merged_into = keeper.id
        other.changed = True
    keeper.changed = True
    return keeper


def fit(item: Sighting, members: Sequence[Sighting], settings: Settings) -> float | None:
    """How well a sighting fits a cluster's members (higher is better), None if it cannot join.

    1. every member must be dated close enough, or be its twin (the same sentence in a
       copy of the same story: a copy repeats the happening whatever its date says);
    2. no member's target or place may contradict it, nor its source (unless disputed
       blame is allowed and the place and day pin the happening down);
    3. the agreement found (best per side over members) must reach the minimum evidence.
    """
    # 1. time
    apart = 0.0
    for member in members:
        if is_twin(item, member):
            continue
        if item.when is None or member.when is None:
            return None  # a year or less precise: too vague to corroborate
        if not same_time(item.when, member.when, settings):
            return None
        scale = window(item.when, member.when, settings) + 1
        apart = max(apart, days_apart(item.when, member.when) / scale)
    # 2. contradictions
    sources = [compare_actors(item.source, m.source) for m in members]
    targets = [compare_actors(item.target, m.target) for m in members]
    places = [compare_places(item.place, m.place, settings.corroborate_max_km) for m in members]
    if CONFLICT in targets or CONFLICT in places:
        return None
    if CONFLICT in sources:
        if not _disputed_ok(item, members, places, settings):
            return None
        sources = [0]
    # 3. evidence
    evidence = max(sources) + max(targets) + max(places)
    if any(is_twin(item, m) for m in members):
        evidence = max(evidence, settings.corroborate_min_evidence)
    if evidence < settings.corroborate_min_evidence:
        return None
    return evidence - apart


def is_twin(a: Sighting, b: Sighting) -> bool:
    """The same sentence about the same actors in two copies of one story (same origin)."""
    return (
        a.origin == b.origin and a.doc_id != b.doc_id and a.type == b.type
        and " ".join(a.sentence.split()) == " ".join(b.sentence.split())
        and _id(a.source) == _id(b.source) and _id(a.target) == _id(b.target)
    )  # fmt: skip


def _id(ref: ActorRef | None) -> str | None:
    return ref.id if ref else None


def _disputed_ok(
    item: Sighting, members: Sequence[Sighting], places: Sequence[int], settings: Settings
) -> bool:
    """Different culprits may be one happening when the specific place and the day agree."""
    if not settings.corroborate_disputed_blame or item.when is None:
        return False
    same_place = all(p == SAME for p in places)
    dated = item.when.precision == "day" and all(
        m.when is not None and m.when.precision == "day" for m in members
    )
    return same_place and dated
