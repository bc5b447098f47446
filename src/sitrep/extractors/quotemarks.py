"""Find quoted spans by their marks: straight and curly, nested, across paragraphs, capped.

Works on characters only (no parse), so it is fast and testable on plain strings.
An apostrophe inside a word (O'Brien, Hay’at, Russia’s) never opens or closes a quote;
a quote never runs past the end of its paragraph unless the next paragraph opens with
a quotation mark (the convention for a quotation that continues).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"'}
PARAGRAPH = re.compile(r"\n\s*\n")
# A top-level quotation in single marks (‘like this’) needs a left mark after a space and
# at least this many words, so that apostrophes and elisions ('n', ’90s) stay apostrophes.
SINGLE_MIN_WORDS = 2
# A quotation may run on over this many paragraphs that open with a mark, no more: a
# speech quoted at length is rare, and a page of stray marks must not become one quote.
MAX_PARAGRAPHS = 6


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation: offsets of its content (inside the marks) and whether it was closed."""

    start: int
    end: int
    closed: bool

    def text(self, source: str) -> str:
        """The quoted words."""
        return source[self.start : self.end]


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every top-level quotation in the text, in order."""
    spans: list[QuoteSpan] = []
    pending: QuoteSpan | None = None  # an unclosed quotation that may continue
    continued = 0
    for para_start, para_end in _paragraphs(text):
        opens_with_mark = text[para_start:para_end].lstrip()[:1] in OPENERS
        continued = continued + 1 if pending is not None else 0
        if pending is not None:
            if opens_with_mark and continued < MAX_PARAGRAPHS:
                merged = _scan(text, para_start, para_end)
                if merged:
                    first = merged[0]
                    spans.append(QuoteSpan(pending.start, first.end, first.closed))
                    pending = _unclosed_tail(spans, merged[1:])
                    continue
            spans.append(pending)
            pending = None
        found = _scan(text, para_start, para_end)
        pending = _unclosed_tail(spans, found)
    if pending is not None:
        spans.append(pending)
    return spans


def _unclosed_tail(spans: list[QuoteSpan], found: list[QuoteSpan]) -> QuoteSpan | None:
    """Append closed quotations; hold back a last unclosed one (it may continue)."""
    if found and not found[-1].closed:
        spans.extend(found[:-1])
        return found[-1]
    spans.extend(found)
    return None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in PARAGRAPH.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if e > s]


def _scan(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Quotations within one paragraph; an unclosed one runs to the paragraph's end."""
    spans: list[QuoteSpan] = []
    i = start
    while i < end:
        ch = text[i]
        if ch in OPENERS and _can_open(text, i, start):
            close = _find_close(text, i + 1, end, OPENERS[ch])
            if close is None:
                if _opens_clause(text, i, start):
                    spans.append(QuoteSpan(i + 1, _rstrip(text, i + 1, end), closed=False))
                    return spans
                i += 1
                continue
            spans.append(QuoteSpan(i + 1, close, closed=True))
            i = close + 1
        elif ch == "‘" and _can_open(text, i, start):
            close = _find_single_close(text, i + 1, end)
            if close is not None and len(text[i + 1 : close].split()) >= SINGLE_MIN_WORDS:
                spans.append(QuoteSpan(i + 1, close, closed=True))
                i = close + 1
            else:
                i += 1
        else:
            i += 1
    return spans


def _can_open(text: str, i: int, para_start: int) -> bool:
    """An opening mark follows a space, a bracket, a dash or the paragraph start."""
    if i == para_start:
        return True
    before = text[i - 1]
    return before.isspace() or before in "([{—–-:/…"


def _opens_clause(text: str, i: int, para_start: int) -> bool:
    """An unclosed mark counts as a quotation only at a paragraph start or after ': ' / ', '."""
    head = text[para_start:i].rstrip()
    return not head or head.endswith((":", ",", "—", "–"))


def _find_close(text: str, i: int, end: int, closer: str) -> int | None:
    """Index of the closing mark for a quotation opened before i, within the paragraph."""
    straight = closer == '"'
    while i < end:
        ch = text[i]
        if ch == closer and (not straight or _can_close(text, i, end)):
            return i
        if straight and ch == '"':
            return i
        if not straight and ch in "“«" and closer != "“":
            return None  # a new opening before any close: this one was never closed
        i += 1
    return None


def _can_close(text: str, i: int, end: int) -> bool:
    after = text[i + 1] if i + 1 < end else " "
    return not after.isalnum()


def _find_single_close(text: str, i: int, end: int) -> int | None:
    while i < end:
        if text[i] == "’":
            after = text[i + 1] if i + 1 < end else " "
            if not after.isalpha():
                return i
        elif text[i] in '“"':
            return None
        i += 1
    return None


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
