"""WARC and WARC.gz (as in Common Crawl's CC-NEWS): HTTP response records with HTML bodies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sitrep.config import Settings
from sitrep.errors import InputError
from sitrep.ingest.limits import megabytes
from sitrep.ingest.text import decode_html
from sitrep.schema import Article, Problem

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    stream: BinaryIO, where: str, settings: Settings, first: int = 1
) -> Iterator[Article | Problem]:
    """Yield an article per HTML response record; malformed or truncated records are Problems.

    `first` is the number of the stream's first record (a slice of a file starts later).
    """
    number = first - 1
    records = QuietArchiveIterator(stream, arc2warc=True)
    try:
        for record in _records(records):
            number += 1
            place = f"{where}: record {number}"
            item = _read_record(record, place, settings)
            if item is not None:
                yield item
            if records.err_count:
                records.err_count = 0
                yield Problem(place, "not followed by a blank line (its Content-Length is wrong)")
    except ArchiveLoadFailed as exc:
        yield Problem(f"{where}: record {number + 1}", f"malformed WARC record ({_first(exc)})")
    except (ValueError, EOFError) as exc:
        yield Problem(f"{where}: record {number + 1}", f"unreadable WARC data ({_first(exc)})")


class QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator without its multi-line warning on stderr; `err_count` still counts
    records whose Content-Length was wrong, and the reader reports each as one line."""

    INC_RECORD = ""


def _records(iterator: ArchiveIterator) -> Iterator[Any]:
    """warcio's records, with its crash on a record lacking WARC-Target-URI made a load failure.

    (warcio calls None.startswith when a response record has no target URI.)
    """
    records = iter(iterator)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except AttributeError:
            raise ArchiveLoadFailed("no WARC-Target-URI") from None
        yield record


def _read_record(record: Any, place: str, settings: Settings) -> Article | Problem | None:
    if record.rec_type is None:
        return Problem(place, "malformed WARC record (no WARC-Type)")
    if record.rec_type != "response" or record.http_headers is None:
        return None  # requests, metadata and warcinfo records carry no article
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not status.startswith("2") or not content_type.startswith(HTML_TYPES):
        return None  # redirects, errors and non-HTML payloads are not articles
    limit = settings.max_document_bytes
    body = record.content_stream().read(limit + 1)
    if len(body) > limit:
        reason = f"HTML payload larger than {megabytes(limit)} (setting max_document_bytes)"
        return Problem(place, reason)
    if getattr(record.raw_stream, "limit", 0):
        return Problem(place, "truncated record (fewer bytes than its Content-Length)")
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        html = decode_html(body, place, _charset(content_type))
    except InputError as exc:
        return Problem(place, exc.reason)
    return Article(
        origin=place.rsplit(": record", 1)[0], locator=place.rsplit(": ", 1)[1], content=html,
        is_html=True, format="warc", url=url,
        fetched_at=record.rec_headers.get_header("WARC-Date"),
    )  # fmt: skip


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key == "charset" and value:
            return value.strip("\"'")
    return None


def _first(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
