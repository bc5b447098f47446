"""Plain-text and HTML files: one article per file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from sitrep.config import Settings
from sitrep.ingest.decode import decode_text
from sitrep.ingest.limits import read_limited
from sitrep.schema import Article

META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_text(stream: BinaryIO, where: str, settings: Settings) -> Iterator[Article]:
    """Read a whole plain-text file as one article."""
    data = read_limited(stream, settings.max_document_bytes, where)
    yield Article(origin=where, content=decode_text(data, where), is_html=False, format="text")


def read_html(stream: BinaryIO, where: str, settings: Settings) -> Iterator[Article]:
    """Read a whole HTML page as one article (main text is extracted when cleaning)."""
    data = read_limited(stream, settings.max_document_bytes, where)
    yield Article(origin=where, content=decode_html(data, where), is_html=True, format="html")


def decode_html(data: bytes, where: str, declared: str | None = None) -> str:
    """Decode an HTML page, trusting a declared or <meta> charset when it works."""
    if declared is None:
        match = META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii") if match else None
    return decode_text(data, where, declared)
