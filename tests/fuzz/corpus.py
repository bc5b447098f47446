"""Seed inputs for every format, the mutations applied to them, and the checks every run makes.

Shared by the in-suite Hypothesis tests and the longer coverage-guided run (run_fuzz.py):
seeds come from the builders in tests/conftest.py and the sample corpus; a mutation is a
list of plain (kind, position, size, payload) tuples, so a failing one prints as a literal.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sitrep.clean import make_document
from sitrep.config import Settings
from sitrep.errors import InputError
from sitrep.ingest import FORMATS, read_inputs, read_stream
from sitrep.schema import Article, Document, Problem, content_id
from sitrep.store import Store
from tests.conftest import ARTICLE, SAMPLES, atom_feed, html_page, rss_feed, warc_gz

# A Problem or InputError message is one line a person reads; longer is a dumped payload.
MAX_MESSAGE_CHARS = 400

PARAGRAPHS = (
    "Foreign ministers of Turkey and Ukraine agreed on Tuesday to extend the grain corridor "
    "for four more months after talks in Ankara, officials said.",
    "“This is a lifeline for millions,” the Turkish foreign minister told reporters, adding "
    'that talks with Moscow would resume. "We will not stop," he said.',
    "Heavy rain flooded the lower town of Derna overnight and rescue teams evacuated hundreds "
    "of families from the coastal districts, the local council said.",
)

# Byte strings that mean something to one of the parsers: markup, record framing, escapes,
# encodings, compression magic.  Inserted whole, they reach states random bytes rarely do.
DICTIONARY: tuple[bytes, ...] = (
    b"<", b">", b"</", b"/>", b"<p>", b"</p>", b"<div>" * 40, b"<br>", b"<html>", b"<body>",
    b"<!DOCTYPE html>", b"<script>", b"<!--", b"-->", b"<![CDATA[", b"]]>", b"&", b"&amp;",
    b"&#0;", b"&#55296;", b"&#x110000;", b"&#1114111;", b"&nbsp;", b"&bogus;",
    b'<?xml version="1.0" encoding="utf-16"?>', b"<?xml version='1.0' encoding='\xb9'?>",
    b'<meta charset="x-unknown">', b'<meta charset="utf-32">',
    b"<!DOCTYPE r [<!ENTITY a '&#38;a;'>]>", b"<rss>", b"<channel>", b"<item>", b"</item>",
    b"<entry>", b"<feed>", b"<content type='html'>", b"<description>", b"<link>",
    b"{", b"}", b"[", b'"', b'\\"', b"\\u0000", b"\\ud800", b"\\udfff", b'"text": ',
    b'"html": ', b"null", b"1e99999", b"\n", b"\r\n", b"\r\n\r\n", b"\n\n", b"\x00", b"\x0b",
    b"\x1b", b"\x7f", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00\x00\xfe\xff",
    b"\x1f\x8b", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", b"\xc3\x28", b"\xed\xa0\x80",
    b"\xe2\x80\x9c", b"\xe2\x80\x9d", b"\xc2\xa0", b"\xe2\x80\xa8", b"WARC/1.0\r\n",
    b"WARC-Type: response\r\n", b"WARC-Type: request\r\n", b"WARC-Target-URI: \r\n",
    b"Content-Length: 0\r\n", b"Content-Length: 99999999999\r\n", b"Content-Length: -5\r\n",
    b"HTTP/1.1 200 OK\r\n", b"Content-Type: text/html; charset=bogus\r\n",
    b"Transfer-Encoding: chunked\r\n", b"Content-Encoding: gzip\r\n", b"ffffffff\r\n",
)  # fmt: skip

KINDS = ("flip", "truncate", "insert", "token", "delete", "duplicate")
Mutation = tuple[str, int, int, bytes]


def mutate(data: bytes, mutations: Iterable[Mutation]) -> bytes:
    """Apply mutations in order; positions wrap around the current length."""
    out = bytearray(data)
    for kind, position, size, payload in mutations:
        at = position % (len(out) + 1)
        if kind == "flip" and out:
            out[at % len(out)] ^= 1 << (size % 8)
        elif kind == "truncate":
            del out[at:]
        elif kind in ("insert", "token"):
            out[at:at] = payload
        elif kind == "delete":
            del out[at : at + size]
        elif kind == "duplicate":
            out[at:at] = bytes(out[at : at + size]) * (1 + size % 4)
    return bytes(out)


@dataclass(frozen=True, slots=True)
class Seed:
    """A valid input: a file name (its extension matters to detection) and its bytes."""

    name: str
    data: bytes
    fmt: str


def _jsonl(records: Sequence[dict[str, str]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def built_seeds() -> list[Seed]:
    """Small valid inputs of every format, from the test builders (fast to analyse)."""
    page = html_page("Grain corridor extended", list(PARAGRAPHS))
    entries = [
        {"title": f"Story {i}", "link": f"https://news.test/{i}", "summary": p,
         "content": f"<p>{p}</p><p>{PARAGRAPHS[(i + 1) % 3]}</p>"}
        for i, p in enumerate(PARAGRAPHS)
    ]  # fmt: skip
    warc = warc_gz([(f"https://news.test/{i}", html_page(f"Story {i}", [p])) for i, p in
                    enumerate(PARAGRAPHS)])  # fmt: skip
    jsonl = _jsonl([
        {"text": PARAGRAPHS[0], "title": "One", "url": "https://news.test/1",
         "published": "2025-02-01", "source": "Wire"},
        {"html": f"<p>{PARAGRAPHS[1]}</p><div><b>{PARAGRAPHS[2]}</b></div>", "title": "Two"},
    ])  # fmt: skip
    latin = page.replace("utf-8", "iso-8859-1").encode("latin-1", "replace")
    return [
        Seed("article.txt", ARTICLE.encode(), "text"),
        Seed("quotes.txt", "\n\n".join(PARAGRAPHS).encode("utf-16"), "text"),
        Seed("page.html", page.encode(), "html"),
        Seed("page-latin.html", latin, "html"),
        Seed("news.jsonl", jsonl, "jsonl"),
        Seed("world.rss", rss_feed(entries), "feed"),
        Seed("region.atom", atom_feed(entries), "feed"),
        Seed("crawl.warc", gzip.decompress(warc), "warc"),
    ]


def sample_seeds() -> list[Seed]:
    """Every file of the sample corpus (bigger, real layouts), decompressed."""
    seeds = []
    for path in sorted(SAMPLES.rglob("*")):
        if not path.is_file() or path.name == "README.md":
            continue
        data = path.read_bytes()
        name = path.name.removesuffix(".gz")
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        fmt = {".txt": "text", ".html": "html", ".jsonl": "jsonl", ".warc": "warc"}.get(
            Path(name).suffix, "feed"
        )
        seeds.append(Seed(name, data, fmt))
    return seeds


def seeds_of(fmt: str, seeds: Sequence[Seed]) -> list[Seed]:
    """The seeds of one format."""
    return [seed for seed in seeds if seed.fmt == fmt]


# --- the checks -----------------------------------------------------------------------------


def check_message(text: str) -> None:
    """A skip or error is one short line."""
    assert text.strip(), "empty message"
    assert "\n" not in text and "\r" not in text, repr(text)
    assert len(text) <= MAX_MESSAGE_CHARS, repr(text[:200])


def check_article(article: Article) -> None:
    """What every reader promises: non-blank text that any encoder accepts."""
    assert article.format in FORMATS
    assert article.content.strip()
    for value in (article.content, article.title, article.url, article.source):
        if value is not None:
            value.encode("utf-8")  # no lone surrogates


def check_document(document: Document) -> None:
    """What cleaning promises: non-blank normalised text, its id a hash of that text."""
    assert document.text.strip()
    assert document.id == content_id(document.text)
    document.text.encode("utf-8")


def read_checked(
    data: bytes, name: str, settings: Settings, fmt: str | None = None
) -> tuple[list[Article], list[Problem]]:
    """Read bytes as one input: only articles and one-line problems, never another error."""
    articles: list[Article] = []
    problems: list[Problem] = []
    try:
        for item in read_stream(io.BytesIO(data), name, settings, fmt):
            if isinstance(item, Problem):
                check_message(str(item))
                problems.append(item)
            else:
                assert isinstance(item, Article), type(item)
                check_article(item)
                articles.append(item)
    except InputError as exc:  # what read_inputs reports as a Problem for the whole input
        check_message(str(exc))
        problems.append(Problem(exc.where or name, exc.reason))
    return articles, problems


def clean_checked(articles: Iterable[Article], settings: Settings) -> list[Document]:
    """Clean each article: a document, or an InputError with a one-line reason."""
    documents = []
    for article in articles:
        try:
            document = make_document(article, settings)
        except InputError as exc:
            check_message(str(exc))
            continue
        check_document(document)
        documents.append(document)
    return documents


def expected_ids(paths: Iterable[Path], settings: Settings) -> set[str]:
    """Ids of every document the inputs hold, read and cleaned without a store."""
    articles = [item for item in read_inputs([str(p) for p in paths], settings)
                if isinstance(item, Article)]  # fmt: skip
    return {doc.id for doc in clean_checked(articles, settings)}


# --- the store ------------------------------------------------------------------------------

# Tables whose rows belong to a document, and the column naming it.
CHILD_TABLES = ("fingerprints", "lsh_bands", "entity_aliases", "mentions", "quotes", "events",
                "stances", "times")  # fmt: skip
KEYED_TABLES = {"documents": "id", "quotes": "id", "events": "id", "entities": "id",
                "fingerprints": "doc_id"}  # fmt: skip


def table_counts(store: Store) -> dict[str, int]:
    """Rows in every document table (and entities)."""
    return {
        name: store.query(f"SELECT count(*) AS n FROM {name}")[0]["n"]
        for name in ("documents", "entities", *CHILD_TABLES)
    }


def check_store(store: Store) -> None:
    """Only whole documents: text present, children point to documents, no duplicate keys."""
    blank = store.query(
        "SELECT id FROM documents WHERE text IS NULL OR trim(text) = '' OR id IS NULL"
    )
    assert blank == [], blank
    for name in CHILD_TABLES:
        orphans = store.query(
            f"SELECT count(*) AS n FROM {name} c WHERE NOT EXISTS "
            f"(SELECT 1 FROM documents d WHERE d.id = c.doc_id)"
        )[0]["n"]
        assert orphans == 0, f"{orphans} rows of {name} belong to no document"
    for name, key in KEYED_TABLES.items():
        duplicates = store.query(
            f"SELECT {key} AS k, count(*) AS n FROM {name} GROUP BY {key} HAVING count(*) > 1"
        )
        assert duplicates == [], (name, duplicates[:3])
    for row in store.query("SELECT id, text FROM documents"):
        assert row["id"] == content_id(row["text"]), row["id"]
    spans = store.query(
        "SELECT m.doc_id, m.char_start, m.char_end, m.text AS span, d.text FROM mentions m "
        "JOIN documents d ON d.id = m.doc_id"
    )
    for row in spans:
        assert 0 <= row["char_start"] <= row["char_end"] <= len(row["text"]), row["doc_id"]
