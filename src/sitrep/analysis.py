"""Analysis: the nlp, extract and resolve stages over batches of documents."""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.config import Settings
from sitrep.extractors import extract_findings
from sitrep.kb import KnowledgeBase, load_kb
from sitrep.nlp import load_pipeline, parse
from sitrep.resolve import resolve
from sitrep.schema import Document, Extraction


class Analyzer:
    """Runs extraction over documents; loads its models on first use, once per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base (packaged plus the user's files), loaded once per process."""
        return load_kb(tuple(self.settings.kb_files))

    def analyse(self, documents: Sequence[Document]) -> list[Extraction]:
        """Extract records from each document, in order; other languages are only flagged.

        1. parse the wanted documents with spaCy in one batch;
        2. extract mentions, quotes, events and times from each parse;
        3. resolve them to canonical actors.
        """
        wanted = [doc for doc in documents if self._wanted(doc)]
        results: dict[str, Extraction] = {}
        if wanted:
            nlp = load_pipeline(self.settings.model, tuple(self.settings.kb_files))
            kb = self.kb
            for document, doc in parse(nlp, wanted, self.settings.batch_size):  # 1
                findings = extract_findings(doc, document, kb, self.settings.pattern_files)  # 2
                results[document.id] = resolve(findings, kb)  # 3
        return [
            results.get(doc.id) or Extraction(document=doc, extracted=False) for doc in documents
        ]

    def _wanted(self, document: Document) -> bool:
        return document.language is None or document.language in self.settings.languages
