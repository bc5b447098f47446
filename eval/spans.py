"""Character spans: finding gold text in an article, trimming quote marks, measuring overlap."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

Span = tuple[int, int]

# One character for one, so offsets survive: curly quotes and odd spaces read as plain ones.
CHAR_FOLD = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"}
    | {"\u00a0": " "}
)


def fold_with_offsets(text: str, lower: bool = False) -> tuple[str, list[int]]:
    """Text with quote marks unified and whitespace runs as one space, and each char's origin."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text.translate(CHAR_FOLD)):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        elif lower and len(ch.lower()) == 1:
            ch = ch.lower()
        chars.append(ch)
        where.append(i)
    return "".join(chars), where


def fold(text: str, lower: bool = False) -> str:
    """The folded form of a needle, stripped of outer whitespace."""
    return fold_with_offsets(text, lower)[0].strip()


def occurrences(text: str, needle: str) -> list[Span]:
    """Every span where `needle` occurs: verbatim, else with quotes/spaces folded, else any case."""
    if not needle.strip():
        return []
    found = [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)]
    if found:
        return found
    for lower in (False, True):
        folded, where = fold_with_offsets(text, lower)
        key = fold(needle, lower)
        spans = [
            (where[m.start()], where[m.start() + len(key) - 1] + 1)
            for m in re.finditer(re.escape(key), folded)
        ]
        if spans:
            return spans
    return []


def nearest(spans: Sequence[Span], cursor: int) -> Span | None:
    """The first span starting at or after the cursor, else the nearest one before it."""
    if not spans:
        return None
    return min(spans, key=lambda s: (s[0] < cursor, abs(s[0] - cursor)))


def locate_in_order(text: str, needles: Iterable[str]) -> list[Span | None]:
    """Spans of gold texts listed in reading order; a repeated text takes the nearest occurrence.

    The search resumes after the previous item's end, so "this year" listed after "earlier
    this year" is the next one; an item listed twice (a joint statement) falls back to it.
    """
    cursor = 0
    located: list[Span | None] = []
    for needle in needles:
        span = nearest(occurrences(text, needle), cursor)
        located.append(span)
        if span:
            cursor = span[1]
    return located


def _is_edge(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def trim(text: str, span: Span) -> Span:
    """The span without quote marks, whitespace and punctuation at either end."""
    start, end = max(span[0], 0), min(span[1], len(text))
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    return start, end


def overlap(a: Span, b: Span) -> int:
    """The number of characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlap_ratio(a: Span, b: Span) -> float:
    """Shared characters over the shorter span's length (0 for an empty span)."""
    shorter = min(a[1] - a[0], b[1] - b[0])
    return overlap(a, b) / shorter if shorter > 0 else 0.0


def whole_words(text: str, needle: str) -> list[Span]:
    """Every case-sensitive occurrence of `needle` not inside a longer word."""
    if not needle:
        return []
    pattern = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def greedy_pairs(scored: Iterable[tuple[Any, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, prediction index) taken best score first.

    Scores are anything comparable (a number, or a tuple to break ties); equal scores go in
    gold order, then prediction order.
    """
    ordered = sorted(scored, key=lambda t: (t[1], t[2]))
    ordered.sort(key=lambda t: t[0], reverse=True)  # stable: ties keep gold, then pred order
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _score, gold, pred in ordered:
        if gold not in used_gold and pred not in used_pred:
            used_gold.add(gold)
            used_pred.add(pred)
            pairs.append((gold, pred))
    return sorted(pairs)
