"""What a story is made of: a document's words (TF-IDF) and its resolved actors and places.

A document becomes a unit vector over features named `t:word` (a word of its text) and
`e:entity-id` (an actor or place its mentions resolve to).  Words and entities are weighed
separately by sublinear term frequency times inverse document frequency, each part is
normalised, and the parts are joined with TERM_SHARE of the weight on words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources

import yaml

from sitrep.errors import KnowledgeBaseError
from sitrep.store import Store

TERM, ENTITY = "t:", "e:"
STOPWORDS_FILE = "data/stories.yaml"
# Letters with inner apostrophes ("Hay’at"); hyphens and digits split words ("al-Sharaa").
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
POSSESSIVE = ("’s", "'s")
MIN_WORD = 3
# Longer "words" are noise (a run of letters with no spaces), and they become index keys.
MAX_WORD = 40
# The headline names the story: its words count this many times more than the body's.
TITLE_WEIGHT = 2
# Half the weight on words, half on actors and places: words alone merge stories that share a
# vocabulary (strikes, talks), actors alone merge every story about the same country.
TERM_SHARE = 0.5
# Media outlets name who reported, not what happened.
SKIPPED_KINDS = ("media",)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Function words and reporting words left out of the vocabulary (data/stories.yaml)."""
    text = resources.files("sitrep").joinpath(STOPWORDS_FILE).read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not all(
        isinstance(data.get(key), list) for key in ("stopwords", "news_words")
    ):
        raise KnowledgeBaseError(f"{STOPWORDS_FILE}: expected lists 'stopwords' and 'news_words'")
    return frozenset(str(w).lower() for key in ("stopwords", "news_words") for w in data[key])


def stem(word: str) -> str:
    """A lower-case word without its plural ending ("talks" -> "talk"; "Tartus" stays)."""
    word = word.lower()
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> Iterator[tuple[str, str]]:
    """(term, surface) for every vocabulary word of a text, in order."""
    skip = stopwords()
    for match in WORD.finditer(text):
        surface = match.group()
        for ending in POSSESSIVE:
            surface = surface.removesuffix(ending)
        lowered = surface.lower()
        if not MIN_WORD <= len(lowered) <= MAX_WORD or lowered in skip:
            continue
        yield stem(lowered), surface


def term_counts(text: str, title: str | None = None) -> Counter[str]:
    """How often each term occurs, the title's words counted TITLE_WEIGHT times in all."""
    counts = Counter(term for term, _ in words(text))
    for term, _ in words(title or ""):
        counts[term] += TITLE_WEIGHT - 1
    return counts


def document_features(
    terms: Mapping[str, int], entities: Mapping[str, int]
) -> dict[str, dict[str, int]]:
    """The raw counts of a document's features, by kind."""
    return {
        TERM: {f"{TERM}{term}": n for term, n in terms.items()},
        ENTITY: {f"{ENTITY}{entity}": n for entity, n in entities.items()},
    }


def entity_counts(store: Store, doc_ids: list[str]) -> dict[str, Counter[str]]:
    """Mentions per resolved entity in each document (media outlets left out)."""
    rows = store.query(
        """SELECT m.doc_id, m.entity_id, count(*) AS n FROM mentions m
           JOIN entities e ON e.id = m.entity_id
           WHERE m.doc_id IN (SELECT unnest(?)) AND NOT list_contains(?, coalesce(e.kind, ''))
           GROUP BY m.doc_id, m.entity_id""",
        [doc_ids, list(SKIPPED_KINDS)],
    )
    counts: dict[str, Counter[str]] = {doc_id: Counter() for doc_id in doc_ids}
    for row in rows:
        counts[row["doc_id"]][row["entity_id"]] = int(row["n"])
    return counts


class DocumentFrequencies:
    """How many counted documents hold each feature: stored counts plus this step's."""

    def __init__(self, store: Store) -> None:
        self.store = store
        row = store.query("SELECT count(*) AS n FROM story_documents WHERE counted")[0]
        self.total = int(row["n"])
        self.stored: dict[str, int] = {}
        self.added: Counter[str] = Counter()

    def load(self, features: Iterable[str]) -> None:
        """Read the stored counts of these features (once each)."""
        wanted = sorted(set(features) - set(self.stored))
        if not wanted:
            return
        self.stored.update(dict.fromkeys(wanted, 0))
        rows = self.store.query(
            """SELECT feature, documents FROM story_feature_counts
               WHERE feature IN (SELECT unnest(?))""",
            [wanted],
        )
        self.stored.update({row["feature"]: int(row["documents"]) for row in rows})

    def count(self, features: Iterable[str]) -> None:
        """Count one more document holding these features."""
        self.total += 1
        self.added.update(set(features))

    def idf(self, feature: str) -> float:
        """Smoothed inverse document frequency: ln((1 + N) / (1 + df)) + 1."""
        df = self.stored.get(feature, 0) + self.added.get(feature, 0)
        return math.log((1 + self.total) / (1 + df)) + 1.0

    def rows(self) -> list[dict[str, object]]:
        """The counts this step added, as story_feature_counts rows."""
        return [{"feature": f, "documents": n} for f, n in sorted(self.added.items())]


def weigh(features: Mapping[str, Mapping[str, int]], df: DocumentFrequencies) -> dict[str, float]:
    """A unit vector: each kind's (1 + ln tf) * idf normalised, then joined by TERM_SHARE."""
    shares = {TERM: TERM_SHARE, ENTITY: 1.0 - TERM_SHARE}
    vector: dict[str, float] = {}
    for kind, counts in features.items():
        part = {f: (1.0 + math.log(n)) * df.idf(f) for f, n in counts.items() if n > 0}
        norm = math.sqrt(sum(w * w for w in part.values()))
        if norm:
            scale = math.sqrt(shares[kind]) / norm
            vector.update({f: w * scale for f, w in part.items()})
    total = math.sqrt(sum(w * w for w in vector.values()))
    return {f: w / total for f, w in vector.items()} if total else {}
