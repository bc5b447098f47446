"""Shared fixtures: settings, the seed article, and builders for every input format."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.config import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "tests" / "data" / "seed" / "syria-russia-bases.txt"
SEED_EXPECTED = ROOT / "tests" / "data" / "seed" / "expected.json"
SAMPLES = ROOT / "src" / "sitrep" / "data" / "samples"

ARTICLE = (
    "Ministers agree to extend grain corridor\n\n"
    "Foreign ministers from Turkey and Ukraine agreed on Tuesday to extend the Black Sea "
    "grain corridor for another four months, officials said after talks in Ankara.\n\n"
    "“This is a lifeline for millions of people,” the Turkish foreign minister told "
    "reporters, adding that talks with Moscow would continue next week."
)


@pytest.fixture
def settings() -> Settings:
    """Default settings, independent of the user's files and environment."""
    return Settings()


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def html_page(
    title: str,
    body_paragraphs: list[str],
    site: str = "Example Daily",
    published: str = "2025-01-05T10:00:00Z",
) -> str:
    """An article page with navigation, a share bar and a comment form around the text."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body_paragraphs)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<main><article><h1>{title}</h1>{paragraphs}</article>
<div class="share">Share this: <a href="#">Facebook</a> <a href="#">X</a></div></main>
<section id="comments"><h3>Leave a Reply</h3><p>Your email address will not be published.
Required fields are marked *</p><form><textarea></textarea></form></section>
<footer>© Example Daily</footer></body></html>"""


def rss_feed(entries: list[dict[str, str]], title: str = "World News") -> bytes:
    items = "".join(
        f"<item><title>{e['title']}</title><link>{e['link']}</link>"
        f"<pubDate>{e.get('date', 'Sun, 05 Jan 2025 10:00:00 GMT')}</pubDate>"
        f"<description><![CDATA[{e.get('summary', '')}]]></description>"
        + (
            f"<content:encoded><![CDATA[{e['content']}]]></content:encoded>"
            if "content" in e
            else ""
        )
        + "</item>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>https://news.test/</link><description>d</description>"
        f"{items}</channel></rss>"
    ).encode()


def atom_feed(entries: list[dict[str, str]], title: str = "Region Desk") -> bytes:
    items = "".join(
        f'<entry><title>{e["title"]}</title><link href="{e["link"]}"/><id>{e["link"]}</id>'
        f"<updated>{e.get('date', '2025-01-05T10:00:00Z')}</updated>"
        f'<content type="html"><![CDATA[{e["content"]}]]></content></entry>'
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:x</id><updated>2025-01-05T10:00:00Z</updated>"
        f"{items}</feed>"
    ).encode()


def jsonl_gz(records: list[dict[str, str]]) -> bytes:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    return gzip.compress(data)


def warc_gz(pages: list[tuple[str, str]], extra_records: bool = True) -> bytes:
    """A gzipped WARC with a response record per (url, html) page, plus noise records."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "tests"}))
    for url, html in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
            )
        )
    if extra_records:
        headers = StatusAndHeaders(
            "404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                "https://news.test/missing",
                "response",
                payload=io.BytesIO(b"<p>gone</p>"),
                http_headers=headers,
            )
        )
    return buffer.getvalue()


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    """Write a file under tmp_path and return its path."""

    def write(name: str, data: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    return write


@pytest.fixture(scope="session")
def analyzer():
    """One Analyzer (spaCy pipeline and knowledge base) for the whole test session."""
    from sitrep.analysis import Analyzer

    return Analyzer(Settings())


@pytest.fixture(scope="session")
def extract(analyzer):
    """sitrep.extract over the session's Analyzer: extract(text, published=..., ...)."""
    from sitrep.pipeline import extract_text

    def run(text: str, **metadata):
        return extract_text(text, Settings(), analyzer=analyzer, **metadata)

    return run


@pytest.fixture(scope="session")
def seed_extraction(extract):
    """The seed article, extracted once."""
    return extract(SEED.read_text(encoding="utf-8"))
