"""The Dask runner on a LocalCluster of two workers: complete output, re-runs, faults, load."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.config import Settings
from sitrep.errors import SchemaVersionError
from sitrep.ingest import read_inputs
from sitrep.ingest.ranges import read_slice, split_file
from sitrep.nlp import load_pipeline
from sitrep.pipeline import ingest
from sitrep.runner import connect, load_output, plan_partitions, run, run_partitions
from sitrep.schema import Article
from sitrep.store import SCHEMA_VERSION, Store
from sitrep.store.parquet import PartsDirectory
from sitrep.store.rows import SCHEMAS
from tests.conftest import ARTICLE, ROOT, html_page, warc_gz

CORPUS_SIZE = 12  # seed 5: no exact duplicates among the first articles
SETTINGS = Settings(partition_size=4, run_retries=1)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A JSONL.gz corpus (sliced into partitions) and three small files (one group)."""
    root = tmp_path_factory.mktemp("inputs")
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec and spec.loader
    corpus = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = corpus  # its dataclasses look their module up
    spec.loader.exec_module(corpus)
    corpus.write_corpus(root / "corpus", CORPUS_SIZE, 5, "jsonl")
    (root / "small").mkdir()
    (root / "small" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "small" / "b.html").write_text(
        html_page("Port reopens", ["The port of Odesa reopened to grain ships on Tuesday."]),
        encoding="utf-8",
    )
    (root / "small" / "c.txt").write_bytes(b"\x00\x01\x02 not text")  # a skipped input
    return [str(root / "corpus"), str(root / "small")]


@pytest.fixture(scope="module")
def client():
    with connect(workers=2) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def first_run(inputs, client, tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "parts"
    report = run(inputs, str(out), SETTINGS, client)
    return out, report


def expected_origins(inputs: list[str]) -> list[str]:
    return sorted(a.where for a in read_inputs(inputs, SETTINGS) if isinstance(a, Article))


def output_tables(out: Path) -> dict:
    parts = PartsDirectory(out)
    files = [f for entry in parts.completed().values() for f in entry["files"]]
    return parts.read_tables(files)


# --- planning and slices (no cluster) ---------------------------------------------------------


def test_large_files_are_sliced_and_small_ones_grouped(inputs):
    partitions, problems = plan_partitions(inputs, SETTINGS)
    names = [p.name for p in partitions]
    assert problems == []
    assert [n.rsplit(" ", 2)[-2:] for n in names[:3]] == [
        ["lines", "1-4"],
        ["lines", "5-8"],
        ["lines", "9-end"],
    ]
    assert len(partitions) == 4 and len(partitions[3].slices) == 3
    assert len({p.id for p in partitions}) == 4


def test_slices_of_a_warc_file_read_every_record_once(tmp_path):
    pages = [(f"https://n.test/{i}", html_page(f"Story {i}", [f"Text of story {i}."] * 3))
             for i in range(7)]  # fmt: skip
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_gz(pages))
    slices = split_file(str(path), SETTINGS, 3)
    assert [s.format for s in slices] == ["warc"] * 3
    read = [a.where for s in slices for a in read_slice(s, SETTINGS)]
    assert read == [a.where for a in read_inputs([str(path)], SETTINGS)]
    assert len(read) == 7 and len(set(read)) == 7


def test_an_output_directory_of_a_newer_schema_is_refused(tmp_path):
    out = tmp_path / "parts"
    PartsDirectory(out).prepare()
    meta = out / "_sitrep.json"
    meta.write_text(json.dumps({"format": "sitrep-parquet", "schema_version": SCHEMA_VERSION + 1}))
    with pytest.raises(SchemaVersionError, match="newer sitrep"):
        run([], str(out), SETTINGS, client=None)
    with Store.open(":memory:") as store, pytest.raises(SchemaVersionError, match="newer"):
        load_output(str(out), store, SETTINGS)


# --- runs on the cluster ----------------------------------------------------------------------


@pytest.mark.slow
def test_run_writes_every_document_once_by_month(first_run, inputs, client):
    out, report = first_run
    # each worker built its pipeline once, when it started, for all its partitions
    assert set(client.run(lambda: load_pipeline.cache_info().misses).values()) == {1}
    assert report.failed == [] and report.completed == report.partitions == 4
    assert [p.where for p in report.problems] == [str(Path(inputs[1]) / "c.txt")]
    documents = output_tables(out)["documents"]
    assert sorted(documents["origin"].to_pylist()) == expected_origins(inputs)
    assert documents.num_rows == len(set(documents["id"].to_pylist())) == CORPUS_SIZE + 2
    months = {p.parent.name for p in (out / "documents").glob("*/*.parquet")}
    assert "month=unknown" in months and any(m.startswith("month=202") for m in months)
    assert not list(out.rglob("*.tmp-*"))


@pytest.mark.slow
def test_a_rerun_skips_completed_partitions(first_run, inputs, client):
    out, _ = first_run
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    again = run(inputs, str(out), SETTINGS, client)
    assert again.skipped == again.partitions == 4 and again.completed == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == before


@pytest.mark.slow
def test_a_failing_partition_is_named_and_the_others_finish(inputs, client, tmp_path):
    doomed = tmp_path / "doomed.jsonl"
    doomed.write_text("".join(json.dumps({"title": f"T{i}", "text": ARTICLE}) + "\n"
                              for i in range(10)))  # fmt: skip
    partitions, _ = plan_partitions([inputs[1], str(doomed)], SETTINGS)
    doomed.unlink()  # the file goes away after planning: its partitions cannot be read
    out = tmp_path / "parts"
    PartsDirectory(out).prepare()
    report = run_partitions(partitions, str(out), SETTINGS, client)
    assert sorted(name for name, _ in report.failed) == [
        f"{doomed} lines 1-4",
        f"{doomed} lines 5-8",
        f"{doomed} lines 9-end",
    ]
    assert all("FileNotFoundError" in error for _, error in report.failed)
    assert report.completed == 1
    assert output_tables(out)["documents"].num_rows == 2


@pytest.mark.slow
def test_a_killed_worker_loses_nothing(inputs, client, tmp_path):
    settings = SETTINGS.with_overrides(partition_size=3)
    out = tmp_path / "parts"
    result = []
    runner = threading.Thread(target=lambda: result.append(run(inputs, str(out), settings, client)))
    runner.start()
    victim = _busy_worker(client, out)
    os.kill(victim, signal.SIGKILL)
    runner.join(timeout=240)
    report = result[0]
    assert victim not in client.run(os.getpid).values()
    assert report.failed == [] and report.completed == report.partitions
    documents = output_tables(out)["documents"]
    assert sorted(documents["origin"].to_pylist()) == expected_origins(inputs)
    assert len(set(documents["id"].to_pylist())) == documents.num_rows


def _busy_worker(client, out: Path) -> int:
    """The pid of a worker running a partition, once some partition has completed."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        busy = [w for w, keys in client.processing().items() if keys]
        if busy and list((out / "_manifest").glob("*.json")):
            return client.run(os.getpid, workers=[busy[0]])[busy[0]]
        time.sleep(0.05)
    raise AssertionError("no partition completed in time")


@pytest.mark.slow
def test_load_gives_the_store_ingest_gives_and_is_idempotent(first_run, inputs, tmp_path):
    out, _ = first_run
    with Store.open(tmp_path / "loaded.duckdb") as loaded:
        report = load_output(str(out), loaded, SETTINGS)
        assert report.stored == CORPUS_SIZE + 2
        loaded_state = _contents(loaded)
        again = load_output(str(out), loaded, SETTINGS)
        assert again.stored == 0 and again.already_stored == CORPUS_SIZE + 2
        assert _contents(loaded) == loaded_state
    with Store.open(tmp_path / "ingested.duckdb") as ingested:
        ingest(inputs, ingested, SETTINGS)
        assert _contents(ingested) == loaded_state


def _contents(store: Store) -> dict:
    """Rows per table (every table, stories and occurrences too) and the clusters."""
    tables = [r["table_name"] for r in store.query(
        "SELECT table_name FROM information_schema.tables WHERE table_name <> 'schema_migrations'"
    )]  # fmt: skip
    assert set(SCHEMAS) <= set(tables)
    counts = {t: store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in tables}
    clusters = store.query("SELECT id, cluster_id FROM documents ORDER BY id")
    return {"counts": counts, "clusters": [(r["id"], r["cluster_id"]) for r in clusters]}


@pytest.mark.slow
def test_docs_and_stats_query_parquet_in_place(first_run):
    out, _ = first_run
    runner = CliRunner()
    stats = runner.invoke(main, ["stats", "--parquet", str(out)])
    assert stats.exit_code == 0, stats.output
    assert stats.output.startswith(f"{CORPUS_SIZE + 2} documents in ")
    docs = runner.invoke(main, ["docs", "--parquet", str(out), "--limit", "100"])
    assert docs.exit_code == 0 and len(docs.output.splitlines()) == CORPUS_SIZE + 2
    doc_id = docs.output.split()[0]
    show = runner.invoke(main, ["show", doc_id, "--parquet", str(out)])
    assert show.exit_code == 0 and show.output.startswith(f"# {doc_id}")


def test_run_needs_workers_or_a_scheduler(tmp_path):
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "--workers N" in result.output


@pytest.mark.slow
def test_a_copied_output_directory_loads_from_its_new_place(first_run, tmp_path):
    out, _ = first_run
    moved = tmp_path / "moved"
    shutil.copytree(out, moved)
    with Store.open(":memory:") as store:
        assert load_output(str(moved), store, SETTINGS).stored == CORPUS_SIZE + 2
