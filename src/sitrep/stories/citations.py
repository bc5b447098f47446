"""Numbered citations: each one a span of a stored document (its id and character offsets)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Citation:
    """A cited span: `text` is the document's text[start:end], whitespace runs folded."""

    number: int
    doc_id: str
    start: int
    end: int
    text: str
    title: str | None
    outlet: str | None
    date: date | None
    date_estimated: bool


def fold(text: str) -> str:
    """Whitespace runs (line breaks too) as one space, ends stripped."""
    return SPACES.sub(" ", text).strip()


class Citations:
    """Numbers spans in the order they are first cited; the same span keeps its number."""

    def __init__(self, documents: Mapping[str, Mapping[str, Any]]) -> None:
        self.documents = documents
        self.numbers: dict[tuple[str, int, int], int] = {}
        self.cited: list[Citation] = []

    def span(self, doc_id: str, start: int, end: int) -> tuple[int, int]:
        """The span without the whitespace around it."""
        text = self.documents[doc_id]["text"]
        start, end = max(0, start), min(len(text), end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def sentence(self, doc_id: str, start: int, end: int) -> str:
        """The span's text, whitespace folded."""
        start, end = self.span(doc_id, start, end)
        return fold(self.documents[doc_id]["text"][start:end])

    def cite(self, doc_id: str, start: int, end: int) -> int:
        """The number of a span, given one when first cited."""
        start, end = self.span(doc_id, start, end)
        key = (doc_id, start, end)
        if key not in self.numbers:
            doc = self.documents[doc_id]
            number = len(self.cited) + 1
            self.numbers[key] = number
            self.cited.append(
                Citation(
                    number, doc_id, start, end, fold(doc["text"][start:end]), doc["title"],
                    doc["source"], doc["published_date"], bool(doc["published_estimated"]),
                )
            )  # fmt: skip
        return self.numbers[key]
