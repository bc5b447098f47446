"""Corroboration: one occurrence per real-world happening, its reports and independent sources.

Runs over a store after extraction: events of different articles that describe one
happening merge into an `Occurrence`; each article gets a `Provenance` (the independent
source it counts as: a wire story and its copies once) and its `Attribution`s; each
report's figures and blame are kept as `Account`s side by side.  Incremental: only events
in no occurrence yet are placed, and they may join occurrences stored earlier.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sitrep.config import Settings
from sitrep.corroborate.matching import Cluster, assign
from sitrep.corroborate.sightings import (
    Sighting,
    member_sightings,
    nearby_occurrences,
    pending_sightings,
)
from sitrep.corroborate.sources import Outlets, find_attributions, provenance
from sitrep.corroborate.summary import summarise
from sitrep.kb import KnowledgeBase, load_kb
from sitrep.schema import Attribution, Corroboration, Provenance
from sitrep.store import Store

__all__ = ["CorroborationReport", "corroborate"]

# Events placed per step: each step reads the occurrences near its dates and writes the
# ones it changed in one transaction; a few thousand keep both reads small.
EVENTS_PER_STEP = 2000
DOCUMENTS_PER_STEP = 1000
PENDING_EVENTS = """
SELECT e.id FROM events e JOIN documents d ON d.id = e.doc_id
LEFT JOIN occurrence_events oe ON oe.event_id = e.id
WHERE oe.event_id IS NULL
ORDER BY coalesce(d.published, d.estimated_published) NULLS LAST, e.doc_id, e.char_start
"""
# Documents with no provenance yet, the first of each near-duplicate cluster first.
UNSOURCED_IDS = """
SELECT d.id FROM documents d LEFT JOIN provenance p ON p.doc_id = d.id
WHERE p.doc_id IS NULL ORDER BY (d.cluster_id IS NOT NULL AND d.cluster_id <> d.id), d.id
"""
UNSOURCED = """
SELECT d.id, d.title, d.text, d.source, d.published, d.estimated_published, d.cluster_id
FROM documents d LEFT JOIN provenance p ON p.doc_id = d.id
WHERE p.doc_id IS NULL AND d.id IN (SELECT unnest(?))
"""


@dataclass(slots=True)
class CorroborationReport:
    """What one corroboration run did."""

    documents: int = 0
    events: int = 0
    occurrences: int = 0
    changed: int = 0


def corroborate(
    store: Store, settings: Settings, kb: KnowledgeBase | None = None, rebuild: bool = False
) -> CorroborationReport:
    """Place every event that is in no occurrence yet, and source every new document.

    1. with `rebuild`, forget all occurrences first (after changing the thresholds);
    2. give each document without one its provenance and attributions;
    3. place pending events step by step in report order, each step joining the stored
       occurrences near its dates, and write the occurrences it changed.
    """
    report = CorroborationReport()
    # 1. rebuild
    if rebuild:
        store.clear_corroboration()
    unsourced = [str(row["id"]) for row in store.query(UNSOURCED_IDS)]
    pending = [str(row["id"]) for row in store.query(PENDING_EVENTS)]
    if not unsourced and not pending:
        return report
    kb = kb or load_kb(tuple(settings.kb_files))
    # 2. provenance
    report.documents = source_documents(store, unsourced, kb)
    # 3. occurrences
    for ids in _chunks(pending, EVENTS_PER_STEP):
        new, changed = _place(store, ids, kb, settings)
        report.events += len(ids)
        report.occurrences += new
        report.changed += changed
    return report


def source_documents(store: Store, ids: Sequence[str], kb: KnowledgeBase) -> int:
    """Write provenance and attributions of these documents (roots of clusters first)."""
    if not ids:
        return 0
    names = store.query("SELECT DISTINCT source FROM documents WHERE source IS NOT NULL")
    outlets = Outlets.of(kb, [str(r["source"]) for r in names])
    for chunk in _chunks(ids, DOCUMENTS_PER_STEP):
        docs = store.query(UNSOURCED, [chunk])
        found, cited = _sources(store, docs, outlets)
        store.write_corroboration(Corroboration(provenance=tuple(found), attributions=cited))
    return len(ids)


def _sources(
    store: Store, docs: Sequence[dict[str, Any]], outlets: Outlets
) -> tuple[list[Provenance], tuple[Attribution, ...]]:
    """Provenance (cluster roots first, copies after) and attributions of some documents."""
    roots = _stored_roots(store, docs)
    media = _quote_media(store, [d["id"] for d in docs])
    found: list[Provenance] = []
    cited: list[Attribution] = []
    ordered = sorted(docs, key=lambda d: bool(d["cluster_id"]) and d["cluster_id"] != d["id"])
    for doc in ordered:
        marks = find_attributions(doc["id"], doc["text"], doc["title"], doc["source"], outlets,
                                  media.get(doc["id"], ()))  # fmt: skip
        item = provenance(doc, marks, roots.get(doc["cluster_id"] or doc["id"]), outlets)
        roots.setdefault(doc["cluster_id"] or doc["id"], item)
        found.append(item)
        cited.extend(marks)
    return found, tuple(cited)


def _quote_media(
    store: Store, doc_ids: Sequence[str]
) -> dict[str, list[tuple[str, str | None, int]]]:
    """The media the documents' quotes were told to ("told Al Arabiya"), by document."""
    rows = store.query(
        "SELECT doc_id, medium, cue, char_start FROM quotes "
        "WHERE medium IS NOT NULL AND doc_id IN (SELECT unnest(?))",
        [list(doc_ids)],
    )
    found: dict[str, list[tuple[str, str | None, int]]] = defaultdict(list)
    for r in rows:
        found[r["doc_id"]].append((r["medium"], r["cue"], r["char_start"]))
    return found


def _stored_roots(store: Store, docs: Sequence[dict[str, Any]]) -> dict[str, Provenance]:
    """Stored provenance of the clusters' first documents, by cluster id."""
    clusters = sorted({d["cluster_id"] for d in docs if d["cluster_id"]})
    rows = store.query(
        "SELECT p.*, d.cluster_id FROM provenance p JOIN documents d ON d.id = p.doc_id "
        "WHERE d.cluster_id IN (SELECT unnest(?)) ORDER BY p.doc_id = d.cluster_id DESC",
        [clusters],
    )  # fmt: skip
    roots: dict[str, Provenance] = {}
    for r in rows:
        roots.setdefault(r["cluster_id"], Provenance(
            r["doc_id"], r["outlet"], r["outlet_key"], r["origin"], r["via"], r["reported"]
        ))  # fmt: skip
    return roots


def _place(
    store: Store, event_ids: Sequence[str], kb: KnowledgeBase, settings: Settings
) -> tuple[int, int]:
    """Place one step of pending events; return (new occurrences, changed ones)."""
    origins = _origins(store, event_ids)
    sightings = pending_sightings(store, event_ids, origins, kb, settings)
    clusters = _nearby_clusters(store, sightings, kb, settings)
    known = {c.id for c in clusters}
    changed = [c for c in assign(sightings, clusters, settings) if c.changed]
    live = [c for c in changed if c.merged_into is None]
    summaries = [summarise(c) for c in live]
    store.write_corroboration(Corroboration(
        occurrences=tuple(o for o, _, _ in summaries),
        members=tuple(m for _, members, _ in summaries for m in members),
        accounts=tuple(a for _, _, accounts in summaries for a in accounts),
        removed=tuple(c.id for c in changed if c.merged_into is not None and c.id in known),
    ))  # fmt: skip
    return sum(1 for c in live if c.id not in known), len(live)


def _origins(store: Store, event_ids: Sequence[str]) -> dict[str, str]:
    """The independent source of each document the events come from."""
    rows = store.query(
        "SELECT DISTINCT p.doc_id, p.origin FROM provenance p JOIN events e ON e.doc_id = p.doc_id"
        " WHERE e.id IN (SELECT unnest(?))",
        [list(event_ids)],
    )  # fmt: skip
    return {str(r["doc_id"]): str(r["origin"]) for r in rows}


def _nearby_clusters(
    store: Store, sightings: Sequence[Sighting], kb: KnowledgeBase, settings: Settings
) -> list[Cluster]:
    """Stored occurrences a step's sightings might join: same types, dates within reach.

    The reach is taken around each sighting's own days and the overlapping spans merged,
    not from the step's earliest to its latest day: one event dated a year back would
    otherwise load every occurrence of that year, at every step.
    """
    reach = timedelta(days=2 * max(settings.corroborate_day_window,
                                   settings.corroborate_week_window,
                                   settings.corroborate_month_window) + 31)  # fmt: skip
    spans = _merged((lo - reach, hi + reach) for s in sightings for lo, hi in _spans(s))
    types, origins = sorted({s.type for s in sightings}), sorted({s.origin for s in sightings})
    ids = list(dict.fromkeys(
        found for first, last in spans
        for found in nearby_occurrences(store, types, first, last, origins)
    ))  # fmt: skip
    grouped: dict[str, list[Sighting]] = defaultdict(list)
    for member in member_sightings(store, ids, kb, settings):
        grouped[str(member.occurrence_id)].append(member)
    return [
        Cluster(key, members[0].type, members[0].status, members)
        for key, members in grouped.items()
    ]


def _spans(item: Sighting) -> list[tuple[date, date]]:
    """The days a sighting may be about, and its report's day, as (first, last) spans."""
    spans = [(item.when.start, item.when.end)] if item.when else []
    if item.reported:
        with suppress(ValueError):
            day = date.fromisoformat(item.reported[:10])
            spans.append((day, day))
    return spans


def _merged(spans: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Overlapping or touching (first, last) spans merged, in order."""
    merged: list[tuple[date, date]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])
