"""RSS 2.0 and Atom feeds: one article per entry, full content when present, else the summary."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any, BinaryIO

import feedparser

from sitrep.config import Settings
from sitrep.errors import InputError
from sitrep.ingest.limits import read_limited
from sitrep.schema import Article, Problem

# A feed file holds many entries; it may be this many times one document's cap.
FEED_SIZE_FACTOR = 20
# feedparser's lenient parser turns a character reference such as '&#55296;' (a surrogate)
# or '&#x110000;' into a character it then fails on; such references name no character.
CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]+|[0-9]+);?")
REPLACEMENT_REF = b"&#xFFFD;"


def read_feed(stream: BinaryIO, where: str, settings: Settings) -> Iterator[Article | Problem]:
    """Parse a feed; say what was wrong when it is not one."""
    limit = settings.max_document_bytes * FEED_SIZE_FACTOR
    what = f"for a feed ({FEED_SIZE_FACTOR} x setting max_document_bytes)"
    data = read_limited(stream, limit, where, what)
    yield from parse_feed(data, where)


def parse_feed(data: bytes, where: str) -> Iterator[Article | Problem]:
    """Yield the entries of feed bytes as articles (shared with the feed watcher)."""
    if not data.strip():
        raise InputError("empty input, nothing to read", where)
    try:
        parsed = parse_feed_bytes(data)
    except ValueError:
        # feedparser raises (rather than setting its bozo flag) on some broken encoding
        # declarations (non-UTF-8 or NUL bytes in the name) and namespace URIs
        raise InputError(
            "not a valid RSS or Atom feed (malformed XML declaration or namespace)", where
        ) from None
    if not parsed.entries:
        raise InputError(_not_a_feed_reason(parsed), where)
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_article(entry, where, number, outlet)


def parse_feed_bytes(data: bytes) -> Any:
    """feedparser's reading of feed bytes, after replacing character references that name no
    character (a lone surrogate such as '&#55296;' crashes it later)."""
    repaired = CHAR_REF.sub(_valid_char_ref, data)
    return feedparser.parse(repaired, sanitize_html=False, resolve_relative_uris=False)


def _valid_char_ref(match: re.Match[bytes]) -> bytes:
    ref = match.group(1)
    base = 16 if ref[:1] in b"xX" else 10
    digits = ref[1 if base == 16 else 0 :].lstrip(b"0") or b"0"
    if len(digits) > 7:  # past U+10FFFF in either base (and no int() of a huge string)
        return REPLACEMENT_REF
    value = int(digits, base)
    return REPLACEMENT_REF if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF else match.group(0)


def _not_a_feed_reason(parsed: Any) -> str:
    if parsed.get("bozo"):
        reason = str(parsed.get("bozo_exception", "")).splitlines()[0][:120]
        return f"not a valid RSS or Atom feed ({reason})"
    if not parsed.get("version"):
        return "not an RSS or Atom feed"
    return "feed has no entries"


def _entry_article(entry: Any, where: str, number: int, outlet: str | None) -> Article | Problem:
    body, is_html = _entry_body(entry)
    if not body.strip():
        return Problem(f"{where}: entry {number}", "entry has neither content nor summary")
    return Article(
        origin=where, locator=f"entry {number}", content=body, is_html=is_html, format="feed",
        title=entry.get("title") or None, url=entry.get("link") or None,
        published=_entry_date(entry), source=_entry_outlet(entry) or outlet,
    )  # fmt: skip


def _entry_body(entry: Any) -> tuple[str, bool]:
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if value.strip():
            return value, "html" in (content.get("type") or "html")
    summary = entry.get("summary") or ""
    detail = entry.get("summary_detail") or {}
    return summary, "html" in (detail.get("type") or "html")


def _entry_outlet(entry: Any) -> str | None:
    """An entry's own outlet (RSS <source>, Atom <source><title>), when it names one."""
    source = entry.get("source") or {}
    title = source.get("title") if hasattr(source, "get") else None
    return str(title).strip() or None if title else None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)
    return None
