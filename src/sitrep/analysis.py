"""Analysis: the nlp, extract and resolve stages over batches of documents."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from sitrep.config import Settings
from sitrep.extractors import KnownNames, extract_findings
from sitrep.kb import AliasEntry, KnowledgeBase, alias_key, load_kb
from sitrep.kb.base import ALIAS
from sitrep.nlp import load_pipeline, parse
from sitrep.resolve import resolve
from sitrep.schema import Document, Extraction

T = TypeVar("T")
# Entities outside the knowledge base are named "x:<type>:<name>"; their type gives the
# label a learnt name is found with.
LOCAL_LABELS = {"person": "PERSON", "org": "ORG"}
# Batches queued per worker process: enough to keep every process busy while the parent
# writes, few enough that memory stays flat (each batch holds its documents' texts).
BATCHES_PER_PROCESS = 2


class Analyzer:
    """Runs extraction over documents; loads its models on first use, once per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.aliases: dict[str, list[AliasEntry]] = {}
        self.known_names = KnownNames()
        self.remembered: dict[tuple[str, str], None] = {}  # every pair, in order, for workers

    def remember(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Use aliases discovered in earlier documents: (entity id, alias) pairs.

        In a pool of worker processes each batch starts from what the parent knew."""
        for entity_id, alias in pairs:
            self.remembered[(entity_id, alias)] = None
            entries = self.aliases.setdefault(alias_key(alias), [])
            if all(e.actor_id != entity_id for e in entries):
                entries.append(AliasEntry(entity_id, ALIAS, "discovered"))
            kind = entity_id.split(":")[1] if entity_id.startswith("x:") else ""
            if kind in LOCAL_LABELS:
                self.known_names.add(alias, LOCAL_LABELS[kind])

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base (packaged plus the user's files), loaded once per process."""
        return load_kb(tuple(self.settings.kb_files))

    def warm(self) -> None:
        """Load the spaCy pipeline and the knowledge base now rather than on first use."""
        if self.settings.extract:
            load_pipeline(self.settings.model, tuple(self.settings.kb_files))
            _ = self.kb

    def analyse(self, documents: Sequence[Document]) -> list[Extraction]:
        """Extract records from each document, in order; other languages are only flagged.

        1. parse the wanted documents with spaCy in one batch;
        2. extract mentions, quotes, events and times from each parse;
        3. resolve them to canonical actors.

        The batch runs in a spaCy memory zone: strings and lexemes that only its documents
        brought are dropped afterwards, so the vocabulary does not grow in long runs.
        """
        wanted = [doc for doc in documents if self._wanted(doc)]
        results: dict[str, Extraction] = {}
        if wanted:
            nlp = load_pipeline(self.settings.model, tuple(self.settings.kb_files))
            kb = self.kb
            with nlp.memory_zone():
                for document, doc in parse(nlp, wanted, self.settings.batch_size):  # 1
                    findings = extract_findings(
                        doc, document, kb, self.settings.pattern_files, self.known_names
                    )
                    results[document.id] = resolve(findings, kb, self.aliases)  # 2, 3
                    self.remember(results[document.id].discovered_aliases)
        return [
            results.get(doc.id) or Extraction(document=doc, extracted=False) for doc in documents
        ]

    def analyse_batches(
        self, batches: Iterable[tuple[T, Sequence[Document]]]
    ) -> Iterator[tuple[T, list[Extraction]]]:
        """Analyse a stream of (tag, documents) batches, yielding results in input order.

        With the setting `processes` above 1 the batches go to a pool of that many worker
        processes, each with its own pipeline (loaded once); at most a few batches per
        process are in flight, so memory does not grow with the length of the stream.
        """
        if self.settings.processes <= 1 or not self.settings.extract:
            for tag, documents in batches:
                yield tag, self.analyse(documents)
            return
        yield from self._analyse_in_pool(batches)

    def _analyse_in_pool(
        self, batches: Iterable[tuple[T, Sequence[Document]]]
    ) -> Iterator[tuple[T, list[Extraction]]]:
        # spawn, not fork: the parent may hold DuckDB's threads and open files.
        context = multiprocessing.get_context("spawn")
        processes = self.settings.processes
        pending: deque[tuple[T, Future[list[Extraction]]]] = deque()
        with ProcessPoolExecutor(
            processes, mp_context=context, initializer=_warm_worker, initargs=(self.settings,)
        ) as pool:
            for tag, documents in batches:
                known = list(self.remembered)
                future = pool.submit(_analyse_in_worker, self.settings, known, documents)
                pending.append((tag, future))
                while len(pending) > processes * BATCHES_PER_PROCESS:
                    yield self._collect(*pending.popleft())
            while pending:
                yield self._collect(*pending.popleft())

    def _collect(self, tag: T, future: Future[list[Extraction]]) -> tuple[T, list[Extraction]]:
        extractions = future.result()
        for extraction in extractions:
            self.remember(extraction.discovered_aliases)
        return tag, extractions

    def _wanted(self, document: Document) -> bool:
        if not self.settings.extract:
            return False
        return document.language is None or document.language in self.settings.languages


def _warm_worker(settings: Settings) -> None:
    """Pool initialiser: load the models once in each worker process."""
    Analyzer(settings).warm()


def _analyse_in_worker(
    settings: Settings, known: list[tuple[str, str]], documents: Sequence[Document]
) -> list[Extraction]:
    analyzer = Analyzer(settings)
    analyzer.remember(known)
    return analyzer.analyse(documents)
