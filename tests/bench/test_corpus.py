"""The benchmark corpus generator (bench/corpus.py): formats, determinism and content."""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from lxml import html as lxml_html
from warcio.archiveiterator import ArchiveIterator

ROOT = Path(__file__).resolve().parents[2]
KB = ROOT / "src" / "sitrep" / "data" / "kb"
N = 60
SHARD = 25
FIELDS = ("title", "text", "published", "source", "url")
MIN_WORDS, MAX_WORDS = 400, 900


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def kb(corpus: ModuleType) -> Any:
    return corpus.Knowledge()


@pytest.fixture(scope="module")
def articles(corpus: ModuleType, kb: Any) -> list[Any]:
    return list(corpus.generate(200, seed=1, kb=kb))


def _write_twice(corpus: ModuleType, kb: Any, tmp_path: Path, fmt: str) -> Path:
    """Write the same corpus into two folders; every file must be byte-identical."""
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        stats = corpus.write_corpus(out, N, seed=1, fmt=fmt, shard_size=SHARD, kb=kb)
        assert stats.articles == N
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    return first


def _check_text(text: str) -> None:
    assert MIN_WORDS <= len(text.split()) <= MAX_WORDS
    assert 5 <= len(text.split("\n\n")) <= 12


def test_jsonl_shards_fields_and_determinism(corpus: ModuleType, kb: Any, tmp_path: Path) -> None:
    out = _write_twice(corpus, kb, tmp_path, "jsonl")
    shards = sorted(out.glob("corpus-*.jsonl.gz"))
    assert [p.name for p in shards] == [f"corpus-{i:05d}.jsonl.gz" for i in range(3)]
    records = []
    for shard in shards:
        with gzip.open(shard, "rt", encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle)
    assert len(records) == N
    for record in records:
        assert set(record) == set(FIELDS)
        assert all(isinstance(record[f], str) and record[f] for f in FIELDS)
        assert date(2024, 1, 1) <= date.fromisoformat(record["published"]) <= date(2026, 1, 1)
        assert record["url"].startswith("https://")
        _check_text(record["text"])


def test_html_pages_parse(corpus: ModuleType, kb: Any, tmp_path: Path) -> None:
    out = _write_twice(corpus, kb, tmp_path, "html")
    pages = sorted((out / "html").glob("*.html"))
    assert [p.name for p in pages] == [f"{i:06d}.html" for i in range(N)]
    for page in pages:
        tree = lxml_html.fromstring(page.read_bytes())
        assert tree.xpath("//meta[@property='og:title']/@content")
        assert tree.xpath("//meta[@property='article:published_time']/@content")
        assert tree.xpath("//nav//a") and tree.xpath("//form") and tree.xpath("//footer")
        paragraphs = tree.xpath("//article//p")
        assert tree.xpath("//article/h1") and 5 <= len(paragraphs) <= 12
        _check_text("\n\n".join(p.text_content() for p in paragraphs))


def test_warc_records(corpus: ModuleType, kb: Any, tmp_path: Path) -> None:
    out = _write_twice(corpus, kb, tmp_path, "warc")
    files = sorted(out.glob("crawl-*.warc.gz"))
    assert [p.name for p in files] == [f"crawl-{i:05d}.warc.gz" for i in range(3)]
    responses = 0
    for path in files:
        with path.open("rb") as handle:
            types = []
            for record in ArchiveIterator(handle):  # a record must be read before the next
                types.append(record.rec_type)
                if record.rec_type != "response":
                    continue
                assert record.http_headers.get_statuscode() == "200"
                content_type = record.http_headers.get_header("Content-Type")
                assert content_type == "text/html; charset=utf-8"
                assert record.rec_headers.get_header("WARC-Target-URI").startswith("https://")
                body = record.content_stream().read()
                assert b"<article" in body and b"<h1>" in body
                responses += 1
            assert types[0] == "warcinfo" and set(types[1:]) == {"response"}
    assert responses == N


def test_word_counts_and_paragraphs(articles: list[Any]) -> None:
    for article in articles:
        _check_text(article.text)


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = text.split()
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


def test_near_and_exact_duplicates(articles: list[Any]) -> None:
    by_text: dict[str, list[int]] = {}
    for article in articles:
        by_text.setdefault(article.text, []).append(article.index)
    assert any(len(indices) > 1 for indices in by_text.values()), "no exact duplicate"
    originals = [a for a in articles if a.kind == "original"]
    near = 0
    for copy in (a for a in articles if a.kind == "syndicated"):
        source = next(a for a in originals if a.index == copy.copy_of)
        assert copy.index > source.index and copy.text != source.text
        assert copy.title != source.title and copy.outlet.name != source.outlet.name
        a, b = _shingles(copy.text), _shingles(source.text)
        if len(a & b) / len(a | b) > 0.8:
            near += 1
    assert near >= 1, "no near-duplicate"
    # originals are not near-duplicates of one another
    sample = [_shingles(a.text) for a in originals[:40]]
    for i, a in enumerate(sample):
        for b in sample[i + 1 :]:
            assert len(a & b) / len(a | b) < 0.3


def _kb_names() -> set[str]:
    names = set()
    for path in sorted((KB / "people").glob("*.yaml")):
        names.update(row["name"] for row in yaml.safe_load(path.read_text(encoding="utf-8")))
    return names


def test_content_is_wire_style(articles: list[Any]) -> None:
    texts = [a.text for a in articles]
    assert sum("“" in t for t in texts) > len(texts) / 2, "too few curly quotes"
    assert any('"' in t for t in texts), "no straight quotes"
    assert sum(re.search(r"\bsaid\b", t) is not None for t in texts) > 0.95 * len(texts)
    people = _kb_names()
    pattern = re.compile("|".join(re.escape(n) for n in sorted(people, key=len, reverse=True)))
    named = [set(pattern.findall(t)) for t in texts]
    assert sum(bool(found) for found in named) > 0.9 * len(texts)
    assert len(set().union(*named)) > 100, "too few distinct people"
    assert len({a.outlet.name for a in articles}) >= 25
    assert len({a.title for a in articles if a.kind == "original"}) == sum(
        a.kind == "original" for a in articles
    )
