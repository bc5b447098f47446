"""The batch pipeline: batches by count and words, lazy reading, a pool of analysers, memory zones."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from sitrep.analysis import Analyzer
from sitrep.cli import main
from sitrep.config import Settings
from sitrep.nlp import load_pipeline
from sitrep.pipeline import batched, clean_articles, extract_text, ingest
from sitrep.schema import Article, Document
from sitrep.store import Store
from tests.conftest import ARTICLE

WORDS = "Officials in Ankara said talks with Kyiv and Moscow would continue next week."


def document(i: int, words: int = 10) -> Document:
    text = " ".join(["word"] * words)
    return Document(id=str(i), text=text, title=None, published=None, source=None, url=None,
                    language="en", origin="t")  # fmt: skip


def article(i: int) -> Article:
    return Article(origin=f"a{i}", content=f"Headline {i}\n\n{WORDS} Item {i}.", is_html=False,
                   format="text")  # fmt: skip


def test_batches_are_capped_by_count_and_by_words():
    by_count = Settings(batch_size=3, batch_words=1000)
    sizes = [len(b) for b in batched((document(i) for i in range(7)), by_count)]
    assert sizes == [3, 3, 1]
    by_words = Settings(batch_size=10, batch_words=25)
    sizes = [len(b) for b in batched((document(i, 12) for i in range(5)), by_words)]
    assert sizes == [3, 2]  # 36 words pass the cap at the third document, 24 do not


def test_input_is_read_lazily_one_batch_ahead_at_most():
    consumed = []

    def articles() -> Iterator[Article]:
        for i in range(1000):
            consumed.append(i)
            yield article(i)

    settings = Settings(batch_size=4)
    first = next(batched(clean_articles(articles(), settings, lambda p: None), settings))
    assert len(first) == 4 and len(consumed) == 4


def test_ingest_without_extraction_stores_clean_documents(write_file, tmp_path):
    path = write_file("a.txt", ARTICLE)
    settings = Settings(extract=False)
    with Store.open(tmp_path / "s.duckdb") as store:
        report = ingest([str(path)], store, settings)
        rows = store.query("SELECT title, extracted FROM documents")
        mentions = store.query("SELECT count(*) AS n FROM mentions")[0]["n"]
    assert report.stored == 1 and report.not_extracted == 1
    assert rows == [{"title": "Ministers agree to extend grain corridor", "extracted": False}]
    assert mentions == 0


def test_ingest_takes_processes_batch_size_and_no_extract(write_file, tmp_path):
    path = write_file("a.txt", ARTICLE)
    db = tmp_path / "s.duckdb"
    args = ["ingest", str(path), "--db", str(db), "--processes", "1", "--batch-size", "8",
            "--no-extract", "-q"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    with Store.open(db, read_only=True) as store:
        assert store.query("SELECT count(*) AS n FROM documents")[0]["n"] == 1
    bad = CliRunner().invoke(main, ["ingest", str(path), "--processes", "0"])
    assert bad.exit_code == 2


@pytest.mark.slow
def test_memory_zones_keep_the_string_store_flat_and_results_unchanged():
    settings = Settings()
    analyzer = Analyzer(settings)
    seed = extract_text(ARTICLE, settings, analyzer)
    nlp = load_pipeline(settings.model, ())
    before = len(nlp.vocab.strings)
    invented = [f"Zorblatt{i} Quenthorpe{i} met Vaxmire{i} officials in Drellburg{i}."
                for i in range(30)]  # fmt: skip
    for text in invented:
        extract_text(f"Talks held\n\n{text} {WORDS}", settings, analyzer)
    assert len(nlp.vocab.strings) == before
    again = extract_text(ARTICLE, settings, Analyzer(settings))
    assert again == seed


@pytest.mark.slow
def test_two_processes_store_what_one_process_stores(tmp_path, write_file):
    files = [write_file(f"in/{i}.txt", f"Headline number {i}\n\n{ARTICLE.split(chr(10), 2)[2]} "
                                       f"Item {i}.") for i in range(5)]  # fmt: skip
    write_file("in/copy.txt", files[0].read_text())  # the same document again, later
    contents = []
    for processes in (1, 2):
        settings = Settings(processes=processes, batch_size=2)
        with Store.open(tmp_path / f"p{processes}.duckdb") as store:
            report = ingest([str(tmp_path / "in")], store, settings)
            counts = {
                t: store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"]
                for t in ("documents", "mentions", "quotes", "events", "entities", "times")
            }
            ids = store.query("SELECT id, cluster_id FROM documents ORDER BY id")
        contents.append((report.stored, report.already_stored, counts, ids))
    assert contents[0] == contents[1]
    assert contents[0][:2] == (5, 1)
