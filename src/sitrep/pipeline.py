"""Orchestration: wires ingest -> clean -> analysis -> store for files and for single texts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from sitrep.analysis import Analyzer
from sitrep.clean import body_of, fingerprint, make_document, similarity
from sitrep.config import Settings
from sitrep.corroborate import CorroborationReport, corroborate
from sitrep.errors import InputError
from sitrep.ingest import read_inputs
from sitrep.schema import Article, Document, Extraction, Fingerprint, Problem, content_id
from sitrep.store import Store
from sitrep.stories import update_stories

ProblemHandler = Callable[[Problem], None]
ProgressHandler = Callable[[int], None]
# Stored documents sharing any of these LSH band keys: (doc id, cluster id, signature).
Candidates = Callable[[Iterable[int]], Sequence[tuple[str, str, bytes]]]


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    not_extracted: int = 0
    problems: list[Problem] = field(default_factory=list)
    corroboration: CorroborationReport | None = None


def ingest(
    inputs: Iterable[str],
    store: Store,
    settings: Settings,
    *,
    fmt: str | None = None,
    strict: bool = False,
    on_problem: ProblemHandler | None = None,
    on_progress: ProgressHandler | None = None,
    fetch: Callable[[str], bytes] | None = None,
    analyzer: Analyzer | None = None,
) -> IngestReport:
    """Ingest files, directories, globs or stdin into the store.

    1. read inputs lazily into articles, reporting each skipped input;
    2. clean each article into a document;
    3. drop documents already stored (re-ingesting changes nothing);
    4. analyse batches of documents (nlp, extraction, resolution);
    5. assign near-duplicate clusters and write each batch in one transaction;
    6. group the new documents into stories (joining stored ones where they fit);
    7. corroborate: new events join the occurrences stored earlier or start new ones.
    """
    report = IngestReport()
    analyzer = analyzer or Analyzer(settings)
    analyzer.remember(store.discovered_aliases())

    def problem(item: Problem) -> None:
        report.problems.append(item)
        if on_problem:
            on_problem(item)
        if strict:
            raise InputError(item.message, item.where)

    # 1. read, 2. clean
    articles = read_inputs(inputs, settings, fmt=fmt, fetch=fetch)
    documents = clean_articles(articles, settings, problem)
    # 3. skip what is stored or on its way there (batches may be in other processes)
    in_flight: set[str] = set()
    batches = _fresh_batches(batched(documents, settings), store, in_flight, report)
    # 4. analyse
    for (size, fresh), extractions in analyzer.analyse_batches(batches):
        report.not_extracted += sum(1 for ex in extractions if not ex.extracted)
        # 5. cluster and write
        items = assign_clusters(store, extractions, settings.near_duplicate_threshold)
        report.near_duplicates += sum(
            1 for ex, _ in items if ex.document.cluster_id != ex.document.id
        )
        report.stored += store.write(items)
        in_flight.difference_update(doc.id for doc in fresh)
        if on_progress:
            on_progress(size)
    # 6. stories, 7. occurrences
    report.corroboration = derive_stories_and_occurrences(store, settings)
    return report


def derive_stories_and_occurrences(store: Store, settings: Settings) -> CorroborationReport | None:
    """Fold documents stored since the last call into stories and occurrences.

    Both steps take up whatever is not yet clustered or sourced, so any writer (ingest,
    the feed watcher, load) calls this after writing.  A run without extraction leaves
    occurrences, and sourcing, to the next run that extracts.
    """
    update_stories(store)
    if settings.corroborate and settings.extract:
        return corroborate(store, settings)
    return None


def _fresh_batches(
    batches: Iterable[list[Document]], store: Store, in_flight: set[str], report: IngestReport
) -> Iterator[tuple[tuple[int, list[Document]], list[Document]]]:
    """Each batch's documents that are neither stored nor in flight, tagged with its size."""
    for batch in batches:
        report.read += len(batch)
        known = store.known_ids(doc.id for doc in batch) | in_flight
        fresh = _unique(doc for doc in batch if doc.id not in known)
        report.already_stored += len(batch) - len(fresh)
        in_flight.update(doc.id for doc in fresh)
        yield (len(batch), fresh), fresh


def clean_articles(
    articles: Iterable[Article | Problem], settings: Settings, problem: ProblemHandler
) -> Iterator[Document]:
    """Clean articles into documents, passing read and clean failures to `problem`."""
    for item in articles:
        if isinstance(item, Problem):
            problem(item)
            continue
        try:
            yield make_document(item, settings)
        except InputError as exc:
            problem(Problem(exc.where or item.where, exc.reason))


def batched(documents: Iterable[Document], settings: Settings) -> Iterator[list[Document]]:
    """Group documents into batches capped by count and by words (memory grows with both)."""
    batch: list[Document] = []
    words = 0
    for doc in documents:
        batch.append(doc)
        words += doc.text.count(" ") + 1
        if len(batch) >= settings.batch_size or words >= settings.batch_words:
            yield batch
            batch, words = [], 0
    if batch:
        yield batch


def _unique(documents: Iterable[Document]) -> list[Document]:
    seen: dict[str, Document] = {}
    for doc in documents:
        seen.setdefault(doc.id, doc)
    return list(seen.values())


def assign_clusters(
    store: Store, extractions: Sequence[Extraction], threshold: float
) -> list[tuple[Extraction, Fingerprint | None]]:
    """Give each document the cluster of its nearest stored or earlier near-duplicate."""
    return cluster_extractions(extractions, store.cluster_candidates, threshold)


def cluster_extractions(
    extractions: Sequence[Extraction], candidates: Candidates, threshold: float
) -> list[tuple[Extraction, Fingerprint | None]]:
    """Fingerprint documents and give each its cluster (candidates: stored documents)."""
    prints = [fingerprint(body_of(ex.document)) for ex in extractions]
    clusters = near_duplicate_clusters(
        candidates, [ex.document.id for ex in extractions], prints, threshold
    )
    return [
        (replace(ex, document=replace(ex.document, cluster_id=cluster)), fp)
        for ex, fp, cluster in zip(extractions, prints, clusters, strict=True)
    ]


def near_duplicate_clusters(
    candidates: Candidates,
    doc_ids: Sequence[str],
    prints: Sequence[Fingerprint | None],
    threshold: float,
) -> list[str]:
    """Each document's cluster: its nearest stored or earlier near-duplicate's, else its own.

    `candidates` gives the stored documents that share an LSH band key with one of these.
    """
    stored = candidates(key for fp in prints if fp for key in fp.bands)
    pool: list[tuple[str, bytes, frozenset[int]]] = []  # (cluster id, signature, bands)
    clusters = []
    for doc_id, fp in zip(doc_ids, prints, strict=True):
        cluster = doc_id
        if fp is not None:
            cluster = _best_cluster(fp, stored, pool, threshold) or cluster
            pool.append((cluster, fp.signature, frozenset(fp.bands)))
        clusters.append(cluster)
    return clusters


def _best_cluster(
    fp: Fingerprint,
    stored: Sequence[tuple[str, str, bytes]],
    pool: Sequence[tuple[str, bytes, frozenset[int]]],
    threshold: float,
) -> str | None:
    best, best_score = None, threshold
    for _doc_id, cluster, signature in stored:
        score = similarity(fp.signature, signature)
        if score >= best_score:
            best, best_score = cluster, score
    bands = set(fp.bands)
    for cluster, signature, other_bands in pool:
        if bands & other_bands:
            score = similarity(fp.signature, signature)
            if score >= best_score:
                best, best_score = cluster, score
    return best


def extract_inputs(
    inputs: Iterable[str],
    settings: Settings,
    *,
    fmt: str | None = None,
    on_problem: ProblemHandler | None = None,
    analyzer: Analyzer | None = None,
) -> Iterator[Extraction]:
    """Extract from files without a store, in input order (the `sitrep extract` contract)."""
    analyzer = analyzer or Analyzer(settings)

    def problem(item: Problem) -> None:
        if on_problem:
            on_problem(item)

    documents = clean_articles(read_inputs(inputs, settings, fmt=fmt), settings, problem)
    for batch in batched(documents, settings):
        yield from analyzer.analyse(batch)


def extract_text(
    text: str, settings: Settings, analyzer: Analyzer | None = None, **metadata: str | None
) -> Extraction:
    """Extract everything from one text (title taken from a headline-like first line).

    An empty or blank text gives an extraction with empty lists, not an error: a caller's
    pipeline may hand over an empty field."""
    if not text.strip():
        return Extraction(document=Document(
            id=content_id(""), text="", title=metadata.get("title"),
            published=metadata.get("published"), source=metadata.get("source"),
            url=metadata.get("url"), language=None, origin="<text>",
        ))  # fmt: skip
    article = Article(origin="<text>", content=text, is_html=False, format="text", **metadata)
    document = make_document(article, settings)
    return (analyzer or Analyzer(settings)).analyse([document])[0]
