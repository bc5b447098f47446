"""Story labels from key actors and distinctive words: "Russia / Syria: Khmeimim, Tartus"."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.store import Store
from sitrep.stories.features import SKIPPED_KINDS, TERM, DocumentFrequencies, words

# A label reads the story's newest counted documents, enough to show where it has gone.
LABEL_DOCUMENTS = 20
LABEL_ACTORS = 2
LABEL_TERMS = 2
# Names of places and things ("Khmeimim", "Geneva") say more in a label than common words:
# a word written capitalised this often (share of its occurrences) counts this much more.
PROPER_SHARE = 0.75
PROPER_BOOST = 2.0
# Countries and organisations name a story better than people do ("Russia / Syria").
STATE_KINDS = ("country",)
LABEL_CHARS = 120
# Words in capitals up to this long are acronyms (GDP, NATO), longer ones datelines.
ACRONYM_CHARS = 4


@dataclass(slots=True)
class Names:
    """What a story's mentions say: actors and places named, and the words of names."""

    counts: Counter[str] = field(default_factory=Counter)
    documents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    info: dict[str, dict[str, Any]] = field(default_factory=dict)
    name_words: set[str] = field(default_factory=set)  # words of actors' names, not places'
    places: set[str] = field(default_factory=set)  # place names as written

    def add(self, row: Mapping[str, Any]) -> None:
        """Count one mention (doc id, text, entity id, name, type, kind, NER label)."""
        entity = row["entity_id"]
        if _is_place(row):
            self.places.add(row["text"])
        else:
            self.name_words.update(term for term, _ in words(row["text"]))
        if entity is None or row["kind"] in SKIPPED_KINDS:
            return
        self.counts[entity] += 1
        self.documents[entity].add(row["doc_id"])
        self.info[entity] = dict(row)


def story_labels(
    store: Store, new_members: Mapping[str, Sequence[str]], df: DocumentFrequencies
) -> dict[str, str]:
    """A label for each story: its newest documents (stored and new) read for names and words."""
    if not new_members:
        return {}
    docs = _label_documents(store, new_members)
    all_ids = sorted({doc_id for ids in docs.values() for doc_id in ids})
    mentions = store.query(
        """SELECT m.doc_id, m.text, m.entity_id, e.name, coalesce(e.type, m.label) AS type,
                  e.kind FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id
           WHERE m.doc_id IN (SELECT unnest(?))""",
        [all_ids],
    )
    rows = store.query(
        "SELECT id, text, source FROM documents WHERE id IN (SELECT unnest(?))", [all_ids]
    )
    texts = {row["id"]: row["text"] for row in rows}
    # An outlet's name in its own dateline ("(Pacific Rim Wire) —") says nothing of the story.
    outlets = {term for row in rows for term, _ in words(row["source"] or "")}
    labels = {}
    for story_id, ids in docs.items():
        names = Names()
        names.name_words.update(outlets)
        for row in mentions:
            if row["doc_id"] in ids:
                names.add(row)
        labels[story_id] = label_of(names, [texts[i] for i in sorted(ids) if i in texts], df)
    return labels


def _label_documents(store: Store, new_members: Mapping[str, Sequence[str]]) -> dict[str, set[str]]:
    """New members first, then the newest stored counted members, LABEL_DOCUMENTS in all."""
    rows = store.query(
        """SELECT story_id, doc_id FROM (
             SELECT s.story_id, s.doc_id, row_number() OVER (
               PARTITION BY s.story_id ORDER BY d.published_date DESC NULLS LAST, d.id) AS n
             FROM story_documents s JOIN documents d ON d.id = s.doc_id
             WHERE s.counted AND s.story_id IN (SELECT unnest(?)))
           WHERE n <= ?""",
        [sorted(new_members), LABEL_DOCUMENTS],
    )
    docs = {story_id: set(list(ids)[-LABEL_DOCUMENTS:]) for story_id, ids in new_members.items()}
    for row in rows:
        if len(docs[row["story_id"]]) < LABEL_DOCUMENTS:
            docs[row["story_id"]].add(row["doc_id"])
    return docs


def label_of(names: Names, texts: Sequence[str], df: DocumentFrequencies) -> str:
    """'A / B: term, term' from the key actors and the most distinctive other words."""
    actors = key_actors(names)
    terms = key_terms(texts, names, df)
    head = " / ".join(sorted(names.info[a]["name"] for a in actors))
    if head and terms:
        label = f"{head}: {', '.join(terms)}"
    else:
        label = head or ", ".join(terms) or "(no words)"
    return label[:LABEL_CHARS]


def key_actors(names: Names) -> list[str]:
    """The most present states and organisations (people when there are too few of them)."""

    def rank(entity: str) -> tuple[int, int, int, str]:
        tier = 0 if _is_state_or_org(names.info[entity]) else 1
        return tier, -len(names.documents[entity]), -names.counts[entity], entity

    actors = [e for e in names.counts if not _is_place(names.info[e])]
    return sorted(actors, key=rank)[:LABEL_ACTORS]


def key_terms(texts: Sequence[str], names: Names, df: DocumentFrequencies) -> list[str]:
    """The words that most set these texts apart (not actors' names), names of things first."""
    counts: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for term, surface in words(text):
            if term not in names.name_words:
                counts[term] += 1
                surfaces[term][surface] += 1
    df.load(f"{TERM}{term}" for term in counts)

    def score(term: str) -> float:
        proper = sum(n for s, n in surfaces[term].items() if s[0].isupper()) / counts[term]
        boost = PROPER_BOOST if proper >= PROPER_SHARE else 1.0
        return boost * (1.0 + math.log(counts[term])) * df.idf(f"{TERM}{term}")

    best = sorted(counts, key=lambda term: (-score(term), term))[:LABEL_TERMS]
    return sorted(_written(surfaces[term], names.places) for term in best)


def _written(surfaces: Counter[str], places: set[str]) -> str:
    """How to write a word: as the shortest place name holding it ("Red" -> "Red Sea"), else
    its commonest form; a long word in capitals is a dateline ("LONDON" -> "London")."""
    forms = {s.lower() for s in surfaces}
    holding = [p for p in places if forms & {w.lower() for w in p.split()}]
    if holding:
        written = min(holding, key=lambda p: (p.isupper(), len(p), p))
    else:
        written = min(surfaces, key=lambda s: (s.isupper(), -surfaces[s], s))
    return written.title() if written.isupper() and len(written) > ACRONYM_CHARS else written


def _is_place(info: Mapping[str, Any]) -> bool:
    if info["type"] in ("LOC", "FACILITY", "FAC"):
        return True
    return info["type"] == "GPE" and info["kind"] not in STATE_KINDS


def _is_state_or_org(info: Mapping[str, Any]) -> bool:
    return info["type"] == "ORG" or (info["type"] == "GPE" and info["kind"] in STATE_KINDS)
