"""Analysis: the nlp, extract and resolve stages over batches of documents."""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.config import Settings
from sitrep.schema import Document, Extraction


class Analyzer:
    """Runs extraction over documents; loads its models on first use, once per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def analyse(self, documents: Sequence[Document]) -> list[Extraction]:
        """Extract records from each document; documents in other languages are only flagged."""
        return [Extraction(document=doc, extracted=self._wanted(doc)) for doc in documents]

    def _wanted(self, document: Document) -> bool:
        return document.language is None or document.language in self.settings.languages
