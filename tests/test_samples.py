"""The bundled sample corpus: every format present, rebuilt byte for byte, ingested cleanly."""

from __future__ import annotations

import gzip
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sitrep.config import Settings
from sitrep.ingest import read_inputs
from sitrep.ingest.detect import detect_format
from sitrep.pipeline import ingest
from sitrep.schema import Article
from sitrep.store import Store
from tests.conftest import ROOT, SAMPLES, SEED

BUILDER = ROOT / "tools" / "make_samples.py"
ARTICLES = ROOT / "eval" / "articles"
README = SAMPLES / "README.md"
# Page furniture that must not survive cleaning (case-insensitive).
FURNITURE = (
    "Leave a Reply", "Your email address", "Required fields are marked", "Post Comment",
    "Share this", "Related posts", "newsletter", "Subscribe", "Sign up", "cookies",
    "All rights reserved", "Skip to content",
)  # fmt: skip


def load_builder() -> ModuleType:
    """Import tools/make_samples.py (not a package) for its plan and constants."""
    if "make_samples" in sys.modules:
        return sys.modules["make_samples"]
    spec = importlib.util.spec_from_file_location("make_samples", BUILDER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_samples"] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def files_under(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_the_folder_holds_every_format_and_a_readme():
    assert README.is_file()
    assert (SAMPLES / "txt" / SEED.name).read_bytes() == SEED.read_bytes()
    expected = {
        "txt/*.txt": "text",
        "html/*.html": "html",
        "feeds/*.rss": "feed",
        "feeds/*.atom": "feed",
        "*.jsonl.gz": "jsonl",
        "*.warc.gz": "warc",
    }
    for pattern, fmt in expected.items():
        paths = sorted(SAMPLES.glob(pattern))
        assert paths, f"no {pattern} in the samples"
        for path in paths:
            data = path.read_bytes()
            if path.suffix == ".gz":
                assert data[:2] == b"\x1f\x8b", f"{path.name} is not gzipped"
                data = gzip.decompress(data)
            assert detect_format(data[:4096], path.name) == fmt, path.name
    html_pages = sorted(SAMPLES.glob("html/*.html"))
    assert len(html_pages) == 6
    heads = [page.read_bytes()[:600].lower() for page in html_pages]
    assert any(b'<meta charset="windows-1252"' in head for head in heads)
    assert any(b"cookie" in page.read_bytes().lower() for page in html_pages)


def test_the_builder_reproduces_the_committed_files_byte_for_byte(tmp_path):
    for run in ("first", "second"):
        out = tmp_path / run
        subprocess.run(
            [sys.executable, str(BUILDER), "--out", str(out)],
            check=True,
            capture_output=True,
            cwd=tmp_path,
        )
        built = files_under(out)
        committed = files_under(SAMPLES)
        assert sorted(built) == sorted(committed)
        changed = [name for name in built if built[name] != committed[name]]
        assert not changed, f"rebuilt files differ from the committed ones: {changed}"


def test_every_article_is_used_once():
    builder = load_builder()
    plan = builder.assign(builder.load_items())
    used = sorted(item.name for group in plan.values() for item in group)
    assert used == sorted(path.stem for path in ARTICLES.glob("*.txt"))
    assert {"mena-01", "mena-02", "mena-03"} <= {name[:7] for name in used}
    formats: dict[str, set[str]] = {}
    for fmt, group in plan.items():
        for item in group:
            formats.setdefault(item.story, set()).add(fmt)
    stories = [item.story for item in builder.load_items()]
    assert all(len(formats[s]) >= 2 for s in set(stories) if stories.count(s) > 1)


def test_ingesting_the_folder_does_not_read_its_readme():
    origins = [
        item.origin for item in read_inputs([str(SAMPLES)], Settings()) if isinstance(item, Article)
    ]
    assert str(README) not in origins


@pytest.mark.slow
def test_ingesting_the_samples_stores_every_article_cleanly(tmp_path):
    builder = load_builder()
    with Store.open(tmp_path / "s.duckdb") as store:
        report = ingest([str(SAMPLES)], store, Settings())
        docs = store.query(
            "SELECT id, title, text, published, source, origin, cluster_id FROM documents "
            "WHERE origin <> ? ORDER BY origin",
            [str(README)],
        )
        furniture = {
            phrase: [
                row["origin"]
                for row in store.query(
                    "SELECT origin FROM documents WHERE text ILIKE ? AND origin <> ?",
                    [f"%{phrase}%", str(README)],
                )
            ]
            for phrase in FURNITURE
        }
    assert report.problems == []
    assert len(docs) == 48 + 1 + 1  # the team's articles, the seed, the syndicated copy
    assert report.near_duplicates == 1
    assert {phrase: found for phrase, found in furniture.items() if found} == {}

    titles = [row["title"] for row in docs]
    assert all(titles), [row["origin"] for row in docs if not row["title"]]
    assert len(set(titles)) == len(titles)
    seed_origin = str(SAMPLES / "txt" / SEED.name)
    undated = [row["origin"] for row in docs if not row["published"]]
    assert undated == [seed_origin]
    plain_text = str(SAMPLES / "txt")
    no_outlet = [
        row["origin"]
        for row in docs
        if not row["origin"].startswith(plain_text) and not row["source"]
    ]
    assert no_outlet == []

    by_title = {row["title"]: row for row in docs}
    copy = by_title[builder.SYNDICATED["title"]]
    original = next(i for i in builder.load_items() if i.name == builder.SYNDICATED_FROM)
    assert copy["source"] == builder.SYNDICATED["source"]
    assert copy["id"] != by_title[original.title]["id"]
    assert copy["cluster_id"] == by_title[original.title]["cluster_id"]
    assert all(row["cluster_id"] == row["id"] for row in docs if row is not copy)

    for item in builder.load_items():  # every paragraph survives cleaning, unchanged
        assert by_title[item.title]["text"].endswith(f"\n\n{item.text}"), item.name
