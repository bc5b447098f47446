"""JSON Lines (optionally gzipped): one article object per line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from sitrep.config import Settings
from sitrep.ingest.limits import megabytes
from sitrep.schema import Article, Problem

TEXT_FIELDS = ("title", "url", "published", "source")
# JSON may escape half of a surrogate pair ("\\ud800") alone: a string no encoder accepts.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(
    stream: BinaryIO, where: str, settings: Settings, first: int = 1
) -> Iterator[Article | Problem]:
    """Yield an article per valid line and a Problem per bad line; blank lines are skipped.

    `first` is the number of the stream's first line (a slice of a file starts later).
    """
    limit = settings.max_document_bytes
    number = first - 1
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            _discard_rest_of_line(stream)
            reason = f"longer than {megabytes(limit)} (setting max_document_bytes)"
            yield Problem(f"{where}: line {number}", reason)
            continue
        if line.strip():
            yield _parse_line(line, where, number)


def _discard_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _parse_line(line: bytes, where: str, number: int) -> Article | Problem:
    place = f"{where}: line {number}"
    try:
        record: Any = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        return Problem(place, "not UTF-8 text")
    except ValueError as exc:
        return Problem(place, f"not valid JSON ({exc.args[0].split(':')[0]})")
    if not isinstance(record, dict):
        return Problem(place, "not a JSON object")
    text, html = _string(record.get("text")), _string(record.get("html"))
    is_html = not (text and text.strip())
    body = html if is_html else text
    if not body or not body.strip():
        return Problem(place, "needs a non-empty 'text' or 'html' field")
    extras = {k: _string(record.get(k)) for k in TEXT_FIELDS}
    return Article(
        origin=where, locator=f"line {number}", content=body, is_html=is_html,
        format="jsonl", **extras,
    )  # fmt: skip


def _string(value: Any) -> str | None:
    """A string field, with lone surrogates replaced; None for anything else."""
    return LONE_SURROGATE.sub("\ufffd", value) if isinstance(value, str) else None
