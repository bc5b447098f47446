"""The gold set: annotated articles, the seed, and gold mention spans derived from aliases."""

from __future__ import annotations

import fnmatch
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.spans import Span, overlap, whole_words

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "eval" / "articles"
GOLD = ROOT / "eval" / "gold"
SEED_TEXT = ROOT / "tests" / "data" / "seed" / "syria-russia-bases.txt"
SEED_GOLD = ROOT / "tests" / "data" / "seed" / "expected.json"
SEED_ID = "seed-syria-russia-bases"
# "Damascus (as the government)": the alias names the government, the text says "Damascus".
ROLE_SUFFIX = re.compile(r"\s*\(as [^)]*\)\s*$")
TYPE_ALIASES = {"FAC": "FACILITY"}


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One annotated article: its id, raw text and gold annotation."""

    id: str
    text: str
    gold: Mapping[str, Any]

    @property
    def document(self) -> Mapping[str, Any]:
        """The gold document metadata (title, published, source, url)."""
        return self.gold.get("document") or {}

    @property
    def day(self) -> str | None:
        """The article's date: published, else the annotator's estimate."""
        published = self.document.get("published")
        estimate = (self.gold.get("time") or {}).get("estimated_published")
        return published or estimate

    def has(self, key: str) -> bool:
        """True when the gold annotates this list (the seed has no `times`)."""
        return isinstance(self.gold.get(key), list)


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A gold mention span: the gold entities it may name and their types."""

    start: int
    end: int
    text: str
    names: tuple[str, ...]
    types: frozenset[str] = field(default_factory=frozenset)

    @property
    def span(self) -> Span:
        """(start, end)."""
        return self.start, self.end


def norm_type(label: str | None) -> str:
    """One spelling per entity type (spaCy's FAC is sitrep's FACILITY)."""
    label = (label or "").upper()
    return TYPE_ALIASES.get(label, label)


def surface(alias: str) -> str:
    """The text an alias is written as: 'Damascus (as the government)' -> 'Damascus'."""
    return ROLE_SUFFIX.sub("", alias)


def gold_mentions(text: str, entities: Iterable[Mapping[str, Any]]) -> list[GoldMention]:
    """Every whole-word occurrence of every gold alias; longer ones win over those inside them.

    An alias string listed under two entities gives one mention that accepts either.
    """
    names: dict[Span, list[str]] = defaultdict(list)
    types: dict[Span, set[str]] = defaultdict(set)
    for entity in entities:
        for alias in entity.get("aliases") or ():
            for span in whole_words(text, surface(alias)):
                if entity["name"] not in names[span]:
                    names[span].append(entity["name"])
                types[span].add(norm_type(entity.get("type")))
    kept: list[Span] = []
    for span in sorted(names, key=lambda s: (s[0] - s[1], s[0])):
        if not any(overlap(span, other) for other in kept):
            kept.append(span)
    return [
        GoldMention(s, e, text[s:e], tuple(names[(s, e)]), frozenset(types[(s, e)]))
        for s, e in sorted(kept)
    ]


def load_articles(
    articles: Path = ARTICLES, gold: Path = GOLD, seed: bool = True
) -> list[GoldArticle]:
    """Every gold article (sorted by id), then the seed."""
    loaded = []
    for path in sorted(gold.glob("*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        article_id = annotation.get("id") or path.stem
        text = (articles / f"{path.stem}.txt").read_text(encoding="utf-8")
        loaded.append(GoldArticle(article_id, text, annotation))
    if seed:
        loaded.append(load_seed())
    return loaded


def load_seed() -> GoldArticle:
    """The seed article with expected.json as its gold."""
    annotation = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    return GoldArticle(SEED_ID, SEED_TEXT.read_text(encoding="utf-8"), annotation)


def select(articles: Sequence[GoldArticle], pattern: str | None) -> list[GoldArticle]:
    """The articles whose id matches a glob (all when no pattern)."""
    if not pattern:
        return list(articles)
    patterns = [_as_id(p) for p in pattern.split(",") if p.strip()]
    return [a for a in articles if any(fnmatch.fnmatch(a.id, p) for p in patterns)]


def _as_id(pattern: str) -> str:
    """'eval/articles/mena-*.txt' -> 'mena-*': a path-like glob names article ids too."""
    name = Path(pattern.strip()).name
    return re.sub(r"\.(txt|json)$", "", name)
