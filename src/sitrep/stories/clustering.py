"""Story clustering: each new document joins the nearest open story or starts its own.

Incremental: a story keeps the sum of its documents' vectors (its centroid) in the store, so
a new document is compared with the centroids of the stories open around its date, never
with the whole store, and nothing already clustered is clustered again.  Near-duplicates
(one `cluster_id`) count once: the first is clustered, the others follow it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from sitrep.errors import StoreError
from sitrep.schema import content_id
from sitrep.store import Store
from sitrep.stories.features import (
    DocumentFrequencies,
    document_features,
    entity_counts,
    term_counts,
    weigh,
)
from sitrep.stories.labels import story_labels

# A story stays open this many days before its first and after its last article: 18 of the
# 23 gaps between consecutive articles of one gold-set story (eval/gold) are 31 days or less.
WINDOW_DAYS = 31
# Cosine to a story's centroid a document needs to join it.  Over the gold set's article
# pairs, same-story pairs score 0.15-0.49 (median 0.39), different-story pairs a median 0.04
# and a 99th percentile 0.16 (eval/stories.py; chosen on that set, so not a held-out figure).
JOIN_SIMILARITY = 0.22
# Documents clustered per step, each step one transaction; memory is about this times the
# number of open stories in floats.
CHUNK_DOCUMENTS = 500
# Features kept in a stored centroid: the heaviest; the tail weighs almost nothing.
CENTROID_FEATURES = 400
STORY_ID_LENGTH = 12


@dataclass(frozen=True, slots=True)
class StoryParams:
    """How stories are formed (the module's defaults; tests and the evaluation vary them)."""

    window_days: int = WINDOW_DAYS
    join_similarity: float = JOIN_SIMILARITY
    chunk: int = CHUNK_DOCUMENTS


@dataclass(slots=True)
class StoryReport:
    """What one clustering run did."""

    documents: int = 0
    new_stories: int = 0
    joined: int = 0
    copies: int = 0


@dataclass(frozen=True, slots=True)
class Pending:
    """A stored, extracted document without a story yet."""

    id: str
    cluster: str
    day: int  # proleptic ordinal
    title: str | None
    text: str


@dataclass(slots=True)
class StoryState:
    """A story as one clustering step sees and changes it."""

    id: str
    label: str
    first: int
    last: int
    articles: int
    documents: int
    centroid: dict[str, float]
    members: list[str] = field(default_factory=list)  # counted documents added in this step
    changed: bool = False

    def add(self, doc: Pending, vector: Mapping[str, float] | None) -> None:
        """Take a document in (a near-duplicate copy, without a vector, counts no article)."""
        self.documents += 1
        self.changed = True
        if vector is None:
            return
        self.articles += 1
        self.members.append(doc.id)
        self.first, self.last = min(self.first, doc.day), max(self.last, doc.day)
        for feature, weight in vector.items():
            self.centroid[feature] = self.centroid.get(feature, 0.0) + weight


def update_stories(store: Store, params: StoryParams | None = None) -> StoryReport:
    """Give every extracted document without a story one, oldest first, a chunk at a time."""
    params = params or StoryParams()
    report = StoryReport()
    done: set[str] = set()
    while docs := pending_documents(store, params.chunk):
        if done & {doc.id for doc in docs}:
            raise StoreError("story clustering made no progress; the story tables disagree")
        done.update(doc.id for doc in docs)
        cluster_step(store, docs, params, report)
    return report


def pending_documents(store: Store, limit: int) -> list[Pending]:
    """The oldest extracted documents without a story (undated ones by their ingest day)."""
    rows = store.query(
        """SELECT d.id, coalesce(d.cluster_id, d.id) AS cluster, d.title, d.text,
                  coalesce(d.published_date, CAST(d.ingested_at AS DATE)) AS day
           FROM documents d ANTI JOIN story_documents s ON s.doc_id = d.id
           WHERE d.extracted ORDER BY day, d.id LIMIT ?""",
        [limit],
    )
    return [
        Pending(r["id"], r["cluster"], r["day"].toordinal(), r["title"], r["text"]) for r in rows
    ]


def cluster_step(
    store: Store, docs: Sequence[Pending], params: StoryParams, report: StoryReport
) -> None:
    """Cluster one chunk of pending documents and write the result in one transaction.

    1. copies of a document already in a story, or of an earlier one here, follow it;
    2. the others' features are counted (document frequencies) and weighed into vectors;
    3. the stories open around their dates are loaded with their centroids;
    4. each document joins the nearest open story or starts one, oldest first;
    5. the changed stories are labelled and everything is written.
    """
    # 1. near-duplicates
    followed = _stories_of_clusters(store, {doc.cluster for doc in docs})
    counted = _first_of_each_cluster(docs, followed)
    # 2. vectors
    df = DocumentFrequencies(store)
    vectors = _vectors(store, counted, df)
    # 3. open stories
    days = [doc.day for doc in counted] or [docs[0].day]
    stories = _load_stories(
        store, min(days) - params.window_days, max(days) + params.window_days, followed.values()
    )
    # 4. assign
    by_cluster = dict(followed)
    targets, scores = assign(vectors, stories, days, params)
    members: list[dict[str, Any]] = []
    for doc, vector, target, score in zip(counted, vectors, targets, scores, strict=True):
        story = _story_at(stories, target, doc)
        story.add(doc, vector)
        by_cluster[doc.cluster] = story.id
        members.append({"doc_id": doc.id, "story_id": story.id, "counted": True,
                        "similarity": score})  # fmt: skip
        _count(report, score)
    by_id = {story.id: story for story in stories}
    counted_ids = {doc.id for doc in counted}
    for doc in (doc for doc in docs if doc.id not in counted_ids):
        by_id[by_cluster[doc.cluster]].add(doc, None)
        members.append({"doc_id": doc.id, "story_id": by_cluster[doc.cluster],
                        "counted": False, "similarity": None})  # fmt: skip
        report.copies += 1
    report.documents += len(members)
    # 5. label and write
    store.write_stories(_rows(store, stories, members, df))


def _count(report: StoryReport, score: float | None) -> None:
    if score is None:
        report.new_stories += 1
    else:
        report.joined += 1


def _stories_of_clusters(store: Store, clusters: set[str]) -> dict[str, str]:
    rows = store.query(
        """SELECT coalesce(d.cluster_id, d.id) AS cluster, min(s.story_id) AS story_id
           FROM story_documents s JOIN documents d ON d.id = s.doc_id
           WHERE coalesce(d.cluster_id, d.id) IN (SELECT unnest(?)) GROUP BY cluster""",
        [sorted(clusters)],
    )
    return {row["cluster"]: row["story_id"] for row in rows}


def _first_of_each_cluster(docs: Sequence[Pending], followed: Mapping[str, str]) -> list[Pending]:
    seen: set[str] = set(followed)
    first = []
    for doc in docs:
        if doc.cluster not in seen:
            seen.add(doc.cluster)
            first.append(doc)
    return first


def _vectors(
    store: Store, docs: Sequence[Pending], df: DocumentFrequencies
) -> list[dict[str, float]]:
    entities = entity_counts(store, [doc.id for doc in docs])
    raw = [document_features(term_counts(d.text, d.title), entities[d.id]) for d in docs]
    df.load(feature for features in raw for part in features.values() for feature in part)
    for features in raw:
        df.count(feature for part in features.values() for feature in part)
    return [weigh(features, df) for features in raw]


def _load_stories(store: Store, first: int, last: int, also: Any) -> list[StoryState]:
    rows = store.query(
        """SELECT * FROM stories WHERE (first_date <= ? AND last_date >= ?)
           OR list_contains(?, id) ORDER BY first_date, id""",
        [date.fromordinal(last), date.fromordinal(first), sorted(set(also))],
    )
    ids = [row["id"] for row in rows]
    centroids: dict[str, dict[str, float]] = {story_id: {} for story_id in ids}
    for row in store.query(
        "SELECT * FROM story_features WHERE story_id IN (SELECT unnest(?))", [ids]
    ):
        centroids[row["story_id"]][row["feature"]] = float(row["weight"])
    return [
        StoryState(
            r["id"], r["label"], r["first_date"].toordinal(), r["last_date"].toordinal(),
            r["articles"], r["documents"], centroids[r["id"]],
        )
        for r in rows
    ]  # fmt: skip


def _story_at(stories: list[StoryState], index: int, founder: Pending) -> StoryState:
    """The story at an index of assign()'s answer; one past the end starts a new story."""
    if index == len(stories):
        story_id = content_id("story", founder.id, length=STORY_ID_LENGTH)
        stories.append(StoryState(story_id, "", founder.day, founder.day, 0, 0, {}))
    return stories[index]


def assign(
    vectors: Sequence[Mapping[str, float]],
    stories: Sequence[StoryState],
    days: Sequence[int],
    params: StoryParams,
) -> tuple[list[int], list[float | None]]:
    """Each document's story, in order: an index into `stories`, or past it for a new one.

    A document joins the open story whose centroid is nearest (cosine) if it is near enough;
    centroids grow as documents join.  Dot products come from two sparse products (documents
    with centroids, documents with documents), so each document costs O(stories + documents).
    Returns the indexes and each document's similarity to the story it joined (None: new).
    """
    vocabulary: dict[str, int] = {}
    docs = _matrix(vectors, vocabulary)
    known = _matrix([story.centroid for story in stories], vocabulary)
    docs.resize((docs.shape[0], len(vocabulary)))
    known.resize((known.shape[0], len(vocabulary)))
    n, s = docs.shape[0], known.shape[0]
    gram = (docs @ docs.T).toarray()
    dots = np.zeros((n, s + n))  # dots[i, k]: document i . centroid k
    dots[:, :s] = (docs @ known.T).toarray()
    norms = np.zeros(s + n)  # squared norms of the centroids
    norms[:s] = np.asarray(known.multiply(known).sum(axis=1)).ravel()
    first = np.array([story.first for story in stories] + [0] * n)
    last = np.array([story.last for story in stories] + [0] * n)
    targets: list[int] = []
    scores: list[float | None] = []
    count = s  # stories so far
    for i in range(n):
        target, score = _nearest(dots[i], norms, first, last, days[i], count, params)
        if score is None:
            target, count = count, count + 1
            first[target] = last[target] = days[i]
        norms[target] += 2 * dots[i, target] + gram[i, i]
        dots[:, target] += gram[:, i]
        first[target], last[target] = min(first[target], days[i]), max(last[target], days[i])
        targets.append(target)
        scores.append(score)
    return targets, scores


def _nearest(
    dots: NDArray[np.float64],
    norms: NDArray[np.float64],
    first: NDArray[np.int64],
    last: NDArray[np.int64],
    day: int,
    count: int,
    params: StoryParams,
) -> tuple[int, float | None]:
    """The nearest open story among the first `count`, and its cosine, if near enough."""
    if count == 0:
        return 0, None
    window = params.window_days
    open_ = (first[:count] - window <= day) & (day <= last[:count] + window) & (norms[:count] > 0)
    cosines = np.where(open_, dots[:count] / np.sqrt(np.maximum(norms[:count], 1e-12)), -1.0)
    best = int(np.argmax(cosines))
    if cosines[best] >= params.join_similarity:
        return best, float(cosines[best])
    return best, None


def _matrix(
    vectors: Sequence[Mapping[str, float]], vocabulary: dict[str, int]
) -> sparse.csr_matrix:
    """Rows of a sparse matrix, adding unseen features to the vocabulary."""
    rows, cols, values = [], [], []
    for i, vector in enumerate(vectors):
        for feature, weight in vector.items():
            rows.append(i)
            cols.append(vocabulary.setdefault(feature, len(vocabulary)))
            values.append(weight)
    shape = (len(vectors), max(len(vocabulary), 1))
    return sparse.csr_matrix((values, (rows, cols)), shape=shape, dtype=np.float64)


def _rows(
    store: Store,
    stories: Sequence[StoryState],
    members: list[dict[str, Any]],
    df: DocumentFrequencies,
) -> dict[str, list[dict[str, Any]]]:
    """The rows of one step: changed stories (relabelled when they gained articles), members,
    their centroids and the feature counts added."""
    grown = [story for story in stories if story.members]
    labels = story_labels(store, {story.id: story.members for story in grown}, df)
    changed = [story for story in stories if story.changed]
    return {
        "stories": [
            {"id": s.id, "label": labels.get(s.id, s.label),
             "first_date": date.fromordinal(s.first), "last_date": date.fromordinal(s.last),
             "articles": s.articles, "documents": s.documents}
            for s in changed
        ],
        "story_documents": members,
        "story_features": [
            {"story_id": s.id, "feature": f, "weight": w}
            for s in grown for f, w in _heaviest(s.centroid)
        ],
        "story_feature_counts": df.rows(),
    }  # fmt: skip


def _heaviest(centroid: Mapping[str, float]) -> list[tuple[str, float]]:
    return sorted(centroid.items(), key=lambda item: (-item[1], item[0]))[:CENTROID_FEATURES]
