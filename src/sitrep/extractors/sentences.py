"""Doc lookups that stay cheap: spaCy rebuilds every sentence on each `doc.sents`,
`token.sent` or `span.sent`, and joins all tokens on each `doc.text`; over a long article
in a loop that is quadratic."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

CACHE_KEY = "sitrep_sentences"


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences, computed once per Doc."""
    cached: list[Span] | None = doc.user_data.get(CACHE_KEY)
    if cached is None:
        cached = list(doc.sents)
        doc.user_data[CACHE_KEY] = cached
        doc.user_data[CACHE_KEY + "_starts"] = [s.start for s in cached]
    return cached


def text_of(doc: Doc) -> str:
    """The Doc's text, joined once (spaCy joins every token again on each `doc.text`)."""
    cached: str | None = doc.user_data.get(CACHE_KEY + "_text")
    if cached is None:
        cached = doc.text
        doc.user_data[CACHE_KEY + "_text"] = cached
    return cached


def sentence_of(item: Token | Span) -> Span:
    """The sentence holding a token (or a span's first token)."""
    doc = item.doc
    index = item.i if isinstance(item, Token) else item.start
    found = sentences(doc)
    starts: list[int] = doc.user_data[CACHE_KEY + "_starts"]
    return found[max(bisect_right(starts, index) - 1, 0)]


def covering(doc: Doc, start_char: int, end_char: int) -> list[Span]:
    """Sentences overlapping a character range, in order."""
    found = sentences(doc)
    ends = [s.end_char for s in found]
    first = bisect_right(ends, start_char)
    result = []
    for sentence in found[first:]:
        if sentence.start_char >= end_char:
            break
        result.append(sentence)
    return result
