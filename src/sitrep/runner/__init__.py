"""The Dask runner: `sitrep run` over a cluster into Parquet parts, and `sitrep load` of them.

Each worker loads the spaCy pipeline and the knowledge base once (a worker plugin) and
turns partitions of the input into Parquet parts, one per table and publication month.
One loader brings the parts into a DuckDB store afterwards (one writer, as ever).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from sitrep.config import Settings
from sitrep.corroborate import corroborate
from sitrep.errors import ConfigError
from sitrep.pipeline import near_duplicate_clusters
from sitrep.runner.partitions import Partition, plan_partitions
from sitrep.runner.tasks import PLUGIN_NAME, AnalyzerPlugin, run_partition
from sitrep.schema import Fingerprint, Problem
from sitrep.store import Store
from sitrep.store.parquet import PartsDirectory
from sitrep.stories import update_stories

__all__ = [
    "LoadReport", "Partition", "RunReport", "connect", "load_output", "plan_partitions",
    "run", "run_partitions",
]  # fmt: skip

ProgressHandler = Callable[[int], None]
ProblemHandler = Callable[[Problem], None]


@dataclass(slots=True)
class RunReport:
    """What a run did: partitions done, skipped as done before, and failed (by name)."""

    partitions: int = 0
    skipped: int = 0
    completed: int = 0
    documents: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (partition name, error)
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class LoadReport:
    """What a load did."""

    partitions: int = 0
    stored: int = 0
    already_stored: int = 0
    near_duplicates: int = 0


@contextmanager
def connect(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A Dask client: of the scheduler at `scheduler`, or of a local cluster of `workers`."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        with client:
            yield client
        return
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client


def run(
    inputs: Iterable[str],
    out: str,
    settings: Settings,
    client: Any,
    *,
    on_progress: ProgressHandler | None = None,
) -> RunReport:
    """Run sitrep over the inputs on a Dask cluster, writing Parquet parts under `out`.

    1. check (or create) the output directory and its schema version;
    2. split the inputs into partitions;
    3. run the partitions that no earlier run completed (see run_partitions).
    """
    # 1. output directory
    PartsDirectory(out).prepare()
    # 2. partitions
    partitions, problems = plan_partitions(inputs, settings)
    # 3. run
    report = run_partitions(partitions, out, settings, client, on_progress=on_progress)
    report.problems[:0] = problems
    return report


def run_partitions(
    partitions: list[Partition],
    out: str,
    settings: Settings,
    client: Any,
    *,
    on_progress: ProgressHandler | None = None,
) -> RunReport:
    """Run partitions into the prepared directory `out`; a failed one is retried, then named.

    1. skip partitions completed before (the manifest);
    2. load the pipeline once per worker (a worker plugin, also for workers that join later);
    3. submit the rest, each retried `run_retries` times (a killed worker's tasks are
       rescheduled by Dask), and collect their results as they finish;
    4. remove temporary files that killed tasks left behind.
    """
    from distributed import as_completed

    parts = PartsDirectory(out)
    report = RunReport(partitions=len(partitions))
    # 1. skip what is done
    done = parts.completed()
    todo = [p for p in partitions if p.id not in done]
    report.skipped = len(partitions) - len(todo)
    # 2. worker plugin
    client.register_plugin(AnalyzerPlugin(settings), name=PLUGIN_NAME)
    # 3. submit and collect
    futures = client.map(
        run_partition, todo, out=str(out), settings=settings, retries=settings.run_retries,
        key=[f"sitrep-partition-{p.id}" for p in todo], pure=False,
    )  # fmt: skip
    names = {future.key: p.name for future, p in zip(futures, todo, strict=True)}
    try:
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            _collect(future, names[future.key], report)
            if on_progress:
                on_progress(1)
    except BaseException:
        client.cancel(futures)
        raise
    # 4. clean up
    parts.remove_temporary()
    return report


def _collect(future: Any, name: str, report: RunReport) -> None:
    if future.status != "finished":
        error = future.exception()
        report.failed.append((name, f"{type(error).__name__}: {error}"))
        return
    entry = future.result()
    report.completed += 1
    report.documents += entry["documents"]
    report.problems.extend(Problem(where, message) for where, message in entry["problems"])


def load_output(out: str, store: Store, settings: Settings) -> LoadReport:
    """Bring a run's Parquet output into the store; loading it again changes nothing.

    1. check the directory's schema version;
    2. take the completed partitions in the run's input order;
    3. read each one's parts and leave out documents already stored;
    4. assign near-duplicate clusters across partitions (fingerprints and LSH bands);
    5. write each partition's new documents with their records in one transaction;
    6. group the new documents into stories and corroborate their events, as ingest does.
    """
    parts = PartsDirectory(out)
    parts.check()  # 1
    entries = sorted(parts.completed().values(), key=lambda e: (e["order"], e["id"]))  # 2
    report = LoadReport(partitions=len(entries))
    for entry in entries:
        tables = parts.read_tables(entry["files"])  # 3
        ids = tables["documents"]["id"].to_pylist()
        known = store.known_ids(ids)
        fresh = [doc_id for doc_id in dict.fromkeys(ids) if doc_id not in known]
        report.already_stored += len(ids) - len(fresh)
        if not fresh:
            continue
        tables = _only(tables, fresh)
        clusters = _clusters(store, tables, settings.near_duplicate_threshold)  # 4
        report.near_duplicates += sum(1 for d, c in zip(fresh, clusters, strict=True) if d != c)
        documents = tables["documents"]
        position = documents.schema.get_field_index("cluster_id")
        tables["documents"] = documents.set_column(
            position, "cluster_id", pa.array(clusters, pa.string())
        )
        store.write_tables(tables)  # 5
        report.stored += len(fresh)
    # 6. stories and occurrences
    update_stories(store)
    if settings.corroborate:
        corroborate(store, settings)
    return report


def _only(tables: dict[str, pa.Table], doc_ids: list[str]) -> dict[str, pa.Table]:
    """The rows of these documents (entities are shared: all of them)."""
    wanted = pa.array(doc_ids, pa.string())
    return {
        name: table
        if name == "entities"
        else table.filter(
            pc.is_in(table["id" if name == "documents" else "doc_id"], value_set=wanted)
        )
        for name, table in tables.items()
    }


def _clusters(store: Store, tables: dict[str, pa.Table], threshold: float) -> list[str]:
    doc_ids = tables["documents"]["id"].to_pylist()
    signatures = dict(
        zip(
            tables["fingerprints"]["doc_id"].to_pylist(),
            tables["fingerprints"]["signature"].to_pylist(),
            strict=True,
        )
    )
    bands: dict[str, list[int]] = {}
    for doc_id, key in zip(
        tables["lsh_bands"]["doc_id"].to_pylist(),
        tables["lsh_bands"]["band_key"].to_pylist(),
        strict=True,
    ):
        bands.setdefault(doc_id, []).append(key)
    prints = [
        Fingerprint(signatures[d], tuple(bands.get(d, ()))) if d in signatures else None
        for d in doc_ids
    ]
    return near_duplicate_clusters(store.cluster_candidates, doc_ids, prints, threshold)
