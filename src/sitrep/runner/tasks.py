"""What runs on a Dask worker: the pipeline loaded once, and one partition to Parquet parts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from distributed import WorkerPlugin

from sitrep.analysis import Analyzer
from sitrep.config import Settings
from sitrep.ingest.ranges import read_slice
from sitrep.pipeline import batched, clean_articles, cluster_extractions
from sitrep.runner.partitions import Partition
from sitrep.schema import Article, Document, Extraction, Problem
from sitrep.store import SCHEMA_VERSION
from sitrep.store.parquet import PartsDirectory

PLUGIN_NAME = "sitrep-analyzer"


class AnalyzerPlugin(WorkerPlugin):
    """Loads the spaCy pipeline and the knowledge base once in each worker, when it starts."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        """Load the models (cached per process, so every task on this worker reuses them)."""
        Analyzer(self.settings).warm()


def run_partition(partition: Partition, out: str, settings: Settings) -> dict[str, Any]:
    """Turn one partition into Parquet parts and record it as complete; return its entry.

    1. read its slices lazily (a file that cannot be read raises, and the task is retried);
    2. clean the articles into documents, keeping the first of repeated documents;
    3. analyse them in batches (each partition starts with a fresh alias memory, so its
       output does not depend on which partitions the worker ran before);
    4. assign near-duplicate clusters inside the partition (`sitrep load` does it across);
    5. write one part per table and month, then the partition's manifest entry.
    """
    problems: list[Problem] = []
    # 1. read, 2. clean
    articles = _read(partition, settings)
    documents = clean_articles(articles, settings, problems.append)
    # 3. analyse
    analyzer = Analyzer(settings)
    seen: set[str] = set()
    extractions: list[Extraction] = []
    for batch in batched(documents, settings):
        fresh = _first_seen(batch, seen)
        extractions.extend(analyzer.analyse(fresh))
    # 4. clusters
    items = cluster_extractions(extractions, lambda keys: [], settings.near_duplicate_threshold)
    # 5. parts, then the manifest entry
    parts = PartsDirectory(out)
    files = parts.write_parts(partition.id, items)
    entry = {
        "id": partition.id, "name": partition.name, "order": partition.order,
        "schema_version": SCHEMA_VERSION, "documents": len(items),
        "slices": [asdict(piece) for piece in partition.slices], "files": files,
        "problems": [[p.where, p.message] for p in problems],
    }  # fmt: skip
    parts.complete(partition.id, entry)
    return entry


def _read(partition: Partition, settings: Settings) -> Iterator[Article | Problem]:
    for piece in partition.slices:
        yield from read_slice(piece, settings)


def _first_seen(batch: list[Document], seen: set[str]) -> list[Document]:
    fresh = []
    for doc in batch:
        if doc.id not in seen:
            seen.add(doc.id)
            fresh.append(doc)
    return fresh
