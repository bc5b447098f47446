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
from math import ceil, floor

from sitrep.config import Settings
from sitrep.corroborate.actors import CONFLICT, SAME, ActorRef, compare_actors, compare_places
from sitrep.corroborate.dates import days_apart, precision_windows, same_time, window
from sitrep.corroborate.sightings import Sighting
from sitrep.schema import content_id


@dataclass(frozen=True, slots=True)
class Rules:
    """The thresholds of one matching run, read once from the settings."""

    windows: dict[str, float]
    max_km: float
    min_evidence: int
    disputed_blame: bool

    @classmethod
    def of(cls, settings: Settings) -> Rules:
        """The rules the `corroborate_*` settings give."""
        return cls(
            windows=precision_windows(settings), max_km=settings.corroborate_max_km,
            min_evidence=settings.corroborate_min_evidence,
            disputed_blame=settings.corroborate_disputed_blame,
        )  # fmt: skip


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
    rules = Rules.of(settings)
    index = ClusterIndex(rules.windows)
    for cluster in clusters:
        index.add(cluster, cluster.members)
    everything = list(clusters)
    # 1. sightings
    for item in sightings:
        scored = _ranked((fit(item, c.members, rules), c) for c in index.near([item]))
        if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            scored[0][1].members.append(item)
            scored[0][1].changed = True
            index.add(scored[0][1], [item])
        else:
            cluster = new_cluster(item)
            index.add(cluster, cluster.members)
            everything.append(cluster)
    # 2. clusters
    _merge_clusters(everything, index, rules)
    return everything


class ClusterIndex:
    """Clusters by type, status and the weeks their members' dates may reach (the middle
    plus or minus its precision's window), so a sighting meets only the clusters whose
    dates it could match; undated members (a year, or less) by origin, for their twins."""

    def __init__(self, windows: dict[str, float]) -> None:
        self.windows = windows
        self.keys: dict[tuple[str, ...], dict[str, Cluster]] = defaultdict(dict)

    def add(self, cluster: Cluster, members: Iterable[Sighting]) -> None:
        """Register a cluster under its (new) members' keys."""
        for member in members:
            for key in self._keys(member):
                self.keys[key][cluster.id] = cluster

    def near(self, items: Iterable[Sighting]) -> list[Cluster]:
        """The live clusters that may fit any of these sightings."""
        found: dict[str, Cluster] = {}
        for item in items:
            for key in self._keys(item):
                found.update(self.keys.get(key, {}))
        return [c for c in found.values() if c.merged_into is None]

    def _keys(self, item: Sighting) -> list[tuple[str, ...]]:
        # Two dates match when their middles are within the larger of their windows, so
        # each reaches the other's middle: a shared week bucket is sure to be found.
        if item.when is None:
            return [(item.type, item.status, "origin", item.origin)]
        reach = self.windows[item.when.precision]
        first = floor(item.when.middle - reach) // 7
        last = ceil(item.when.middle + reach) // 7
        return [(item.type, item.status, "week", str(w)) for w in range(first, last + 1)]


def _ranked(pairs: Iterable[tuple[float | None, Cluster]]) -> list[tuple[float, Cluster]]:
    found = [(score, cluster) for score, cluster in pairs if score is not None]
    return sorted(found, key=lambda pair: (-pair[0], pair[1].id))


def _merge_clusters(clusters: list[Cluster], index: ClusterIndex, rules: Rules) -> None:
    """Merge changed clusters with the clusters they fit as a whole, until none fits.

    A merge needs both sides to agree: each is among the other's best partners, and a
    side's equally good partners all fit each other (else that side is ambiguous).
    """
    work = [c for c in clusters if c.changed]
    while work:
        cluster = work.pop(0)
        if cluster.merged_into is not None:
            continue
        partners = _partners(cluster, index, rules)
        if partners and all(cluster in _partners(p, index, rules) for p in partners):
            keeper = _absorb(partners, cluster)
            index.add(keeper, keeper.members)
            work.append(keeper)


def _partners(cluster: Cluster, index: ClusterIndex, rules: Rules) -> list[Cluster]:
    """The clusters a cluster fits best as a whole; none when the best ones contradict."""
    others = [c for c in index.near(cluster.members) if c is not cluster and c.type == cluster.type]
    scored = _ranked((cluster_fit(cluster, other, rules), other) for other in others)
    if not scored:
        return []
    tied = [other for score, other in scored if score == scored[0][0]]
    return tied if len(tied) == 1 or _all_fit(tied, rules) else []


def cluster_fit(a: Cluster, b: Cluster, rules: Rules) -> float | None:
    """How well two clusters fit as a whole: every member of each fits the other (worst fit)."""
    worst = float("inf")
    for members, others in ((a.members, b.members), (b.members, a.members)):
        for member in members:
            score = fit(member, others, rules)
            if score is None:
                return None
            worst = min(worst, score)
    return worst


def _all_fit(clusters: Sequence[Cluster], rules: Rules) -> bool:
    return all(
        cluster_fit(a, b, rules) is not None
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


def fit(item: Sighting, members: Sequence[Sighting], rules: Rules) -> float | None:
    """How well a sighting fits a cluster's members (higher is better), None if it cannot join.

    1. every member must be dated close enough, or be its twin (the same sentence in a
       copy of the same story: a copy repeats the happening whatever its date says);
    2. no member's target or place may contradict it, nor its source (unless disputed
       blame is allowed and the place and day pin the happening down);
    3. the agreement found (best per side over members) must reach the minimum evidence.
    """
    # 1. time
    apart, twins = 0.0, False
    for member in members:
        if is_twin(item, member):
            twins = True
            continue
        if item.when is None or member.when is None:
            return None  # a year or less precise: too vague to corroborate
        if not same_time(item.when, member.when, rules.windows):
            return None
        scale = window(item.when, member.when, rules.windows) + 1
        apart = max(apart, days_apart(item.when, member.when) / scale)
    # 2. contradictions
    places = [compare_places(item.place, m.place, rules.max_km) for m in members]
    if CONFLICT in places:
        return None
    targets = [compare_actors(item.target, m.target) for m in members]
    if CONFLICT in targets:
        return None
    sources = [compare_actors(item.source, m.source) for m in members]
    if CONFLICT in sources:
        if not _disputed_ok(item, members, places, rules):
            return None
        sources = [0]
    # 3. evidence
    evidence = max(sources) + max(targets) + max(places)
    if twins:
        evidence = max(evidence, rules.min_evidence)
    if evidence < rules.min_evidence:
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
    item: Sighting, members: Sequence[Sighting], places: Sequence[int], rules: Rules
) -> bool:
    """Different culprits may be one happening when the specific place and the day agree."""
    if not rules.disputed_blame or item.when is None:
        return False
    same_place = all(p == SAME for p in places)
    dated = item.when.precision == "day" and all(
        m.when is not None and m.when.precision == "day" for m in members
    )
    return same_place and dated
