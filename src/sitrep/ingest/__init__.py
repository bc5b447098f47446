"""Ingest stage: read sources (text, HTML, JSONL, RSS/Atom, WARC) into Article records."""

from __future__ import annotations

import dataclasses
import io
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from sitrep.config import Settings
from sitrep.errors import InputError, UnsupportedFormatError
from sitrep.ingest.detect import FORMATS, archive_kind, detect_format, normalise_format
from sitrep.ingest.feeds import parse_feed, read_feed
from sitrep.ingest.jsonl import read_jsonl
from sitrep.ingest.limits import open_maybe_gzip
from sitrep.ingest.sources import Source, expand_inputs
from sitrep.ingest.text import read_html, read_text
from sitrep.ingest.warc import read_warc
from sitrep.schema import Article, Problem

__all__ = ["FORMATS", "Source", "expand_inputs", "parse_feed", "read_inputs", "read_stream"]

Reader = Callable[[BinaryIO, str, Settings], Iterator[Article | Problem]]
READERS: dict[str, Reader] = {
    "text": read_text, "html": read_html, "jsonl": read_jsonl, "feed": read_feed,
    "warc": read_warc,
}  # fmt: skip
SNIFF_BYTES = 4096


def read_inputs(
    inputs: Iterable[str],
    settings: Settings,
    fmt: str | None = None,
    fetch: Callable[[str], bytes] | None = None,
) -> Iterator[Article | Problem]:
    """Read every input named on a command line: articles, and a Problem for each skip."""
    chosen = _chosen_format(fmt)
    for source in expand_inputs(inputs):
        if isinstance(source, Problem):
            yield source
        else:
            yield from _read_source(source, settings, chosen, fetch)


def _chosen_format(fmt: str | None) -> str | None:
    if fmt is None or fmt == "auto":
        return None
    chosen = normalise_format(fmt)
    if chosen is None:
        valid = ", ".join(("auto", *FORMATS))
        raise UnsupportedFormatError(f"unknown format {fmt!r}; valid formats: {valid}")
    return chosen


def _read_source(
    source: Source, settings: Settings, fmt: str | None, fetch: Callable[[str], bytes] | None
) -> Iterator[Article | Problem]:
    try:
        if source.url is not None:
            yield from _read_url(source, settings, fmt, fetch)
        elif source.path is None:
            yield from read_stream(sys.stdin.buffer, source.name, settings, fmt)
        else:
            with source.path.open("rb") as stream:
                yield from read_stream(stream, source.name, settings, fmt)
    except InputError as exc:
        yield Problem(exc.where or source.name, exc.reason)
    except OSError as exc:
        yield Problem(source.name, f"cannot read ({exc.strerror or exc})")


def _read_url(
    source: Source, settings: Settings, fmt: str | None, fetch: Callable[[str], bytes] | None
) -> Iterator[Article | Problem]:
    if fetch is None:
        raise InputError("URL inputs need network access, which this command does not allow")
    data = fetch(source.name)
    for item in read_stream(io.BytesIO(data), source.name, settings, fmt or None):
        if isinstance(item, Article) and item.url is None and item.format == "html":
            item = dataclasses.replace(item, url=source.name)
        yield item


def read_stream(
    raw: BinaryIO, where: str, settings: Settings, fmt: str | None = None
) -> Iterator[Article | Problem]:
    """Read one binary stream (decompressed if gzipped) in the given or detected format."""
    stream, gz = open_maybe_gzip(
        raw, where, settings.max_decompressed_bytes, settings.max_compression_ratio
    )
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    archive = archive_kind(head)
    if archive is not None:
        raise UnsupportedFormatError(
            f"unsupported format: {archive}; unpack it first (sitrep decompresses only gzip)",
            where,
        )
    kind = fmt or detect_format(head, where)
    last: str | None = None
    for item in READERS[kind](stream, where, settings):
        if gz is not None and gz.damage is not None and isinstance(item, Problem):
            break  # the damage in the gzip stream is the real problem; say that instead
        last = item.locator if isinstance(item, Article) else last
        yield item
    if gz is not None and gz.damage is not None:
        after = f" after {last}" if last else ""
        raise InputError(f"truncated or corrupt gzip data{after} ({gz.damage})", where)
