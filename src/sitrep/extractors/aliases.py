"""Aliases declared in the text: 'X, better known as Y', 'X (real name Y)', 'Name (ACRONYM)'."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from sitrep.errors import KnowledgeBaseError
from sitrep.extractors.lexicon import read_mapping
from sitrep.kb import alias_key
from sitrep.schema import RawMention

LINKABLE = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "FAC": "FAC", "LOC": "LOC"}
NAMED = frozenset({"name", "seat"})
MAX_GAP_CHARS = 80


@dataclass(frozen=True, slots=True)
class AliasCues:
    """Compiled patterns from data/patterns/aliases.yaml."""

    between: tuple[re.Pattern[str], ...]
    acronym_gap: re.Pattern[str]


@lru_cache(maxsize=1)
def load_alias_cues() -> AliasCues:
    """The packaged alias patterns, compiled (cached)."""
    data = read_mapping("aliases.yaml", {"between": list, "acronym_in_brackets": str})
    try:
        between = tuple(re.compile(rf"^(?:{p})$", re.IGNORECASE) for p in data["between"])
        gap = re.compile(data["acronym_in_brackets"])
    except re.error as exc:
        raise KnowledgeBaseError(f"data/patterns/aliases.yaml: bad pattern ({exc})") from None
    return AliasCues(between=between, acronym_gap=gap)


def find_alias_links(text: str, mentions: Sequence[RawMention]) -> list[tuple[int, int]]:
    """Pairs of mention indexes that the text declares to be one actor."""
    cues = load_alias_cues()
    named = [i for i, m in enumerate(mentions) if m.kind in NAMED and m.label in LINKABLE]
    pairs = []
    for left, right in pairwise(named):
        a, b = mentions[left], mentions[right]
        gap = text[a.end : b.start]
        if len(gap) > MAX_GAP_CHARS or "\n" in gap:
            continue
        declared = _same_kind(a, b) and any(p.match(gap) for p in cues.between)
        abbreviated = bool(cues.acronym_gap.match(gap)) and _is_acronym_of(b.text, a.text)
        if declared or abbreviated:
            pairs.append((left, right))
    return pairs


def _same_kind(a: RawMention, b: RawMention) -> bool:
    return a.label == b.label or {a.label, b.label} <= {"ORG", "FAC"}


def _is_acronym_of(short: str, full: str) -> bool:
    """'RSF' abbreviates 'Rapid Support Forces'; 'HTS' 'Hay'at Tahrir al-Sham'."""
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()):
        return False
    initials = [w[0] for w in alias_key(full).split() if w not in ("al", "of", "the", "and", "for")]
    pool = iter("".join(initials).upper())
    return all(ch in pool for ch in letters)
