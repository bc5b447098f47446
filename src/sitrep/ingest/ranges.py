"""Slices of input files: a large JSON Lines or WARC file is read in parts by several workers.

JSON Lines files (plain or gzipped) are sliced by line numbers: a slice reads past the
lines before it without parsing them.  WARC files are sliced at record boundaries found by
one pass of warcio, so that a slice seeks straight to its first record (WARC.gz files hold
one gzip member per record, as Common Crawl writes them).  Other files are read whole.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, cast

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sitrep.config import Settings
from sitrep.errors import InputError
from sitrep.ingest import SNIFF_BYTES, read_stream
from sitrep.ingest.detect import detect_format
from sitrep.ingest.jsonl import read_jsonl
from sitrep.ingest.limits import BoundedGzip, open_maybe_gzip
from sitrep.ingest.warc import read_warc
from sitrep.schema import Article, Problem

__all__ = ["BoundedFile", "LineWindow", "Slice", "read_slice", "split_file"]

CHUNK = 1 << 20
# What a damaged WARC file can raise while it is scanned; such a file is read whole, so
# that its problems are reported as `sitrep ingest` reports them.
WARC_SCAN_ERRORS = (ArchiveLoadFailed, ValueError, EOFError, AttributeError, OSError)


@dataclass(frozen=True, slots=True)
class Slice:
    """Part of one input file: records `first` to `first + count - 1`, or the whole file.

    `format` is set for slices of JSON Lines ("jsonl", by lines) and WARC files ("warc",
    records between the byte offsets `offset` and `end`); None means the whole file, its
    format detected as `sitrep ingest` detects it.
    """

    path: str
    format: str | None = None
    first: int = 1
    count: int | None = None
    offset: int = 0
    end: int | None = None

    @property
    def name(self) -> str:
        """How reports name the slice: 'a.jsonl.gz lines 101-200'."""
        if self.format is None:
            return self.path
        unit = "lines" if self.format == "jsonl" else "records"
        last = f"{self.first + self.count - 1}" if self.count is not None else "end"
        return f"{self.path} {unit} {self.first}-{last}"


def split_file(path: str, settings: Settings, size: int) -> list[Slice]:
    """Slices of about `size` records for a JSON Lines or WARC file; other files whole."""
    with open(path, "rb") as raw:
        stream, _gz = _open(raw, path, settings)
        kind = detect_format(stream.peek(SNIFF_BYTES)[:SNIFF_BYTES], path)
    if kind == "jsonl":
        return _line_slices(path, _count_lines(path, settings), size)
    if kind == "warc":
        return _record_slices(path, size)
    return [Slice(path)]


def read_slice(piece: Slice, settings: Settings) -> Iterator[Article | Problem]:
    """Read one slice: its articles, and a Problem for each record or file skipped.

    A file that cannot be opened or read raises OSError (the caller may retry); input that
    is not news is a Problem, as in `sitrep ingest`.
    """
    try:
        if piece.format == "jsonl":
            yield from _read_lines(piece, settings)
        elif piece.format == "warc":
            yield from _read_records(piece, settings)
        else:
            with open(piece.path, "rb") as raw:
                yield from read_stream(raw, piece.path, settings)
    except InputError as exc:
        yield Problem(exc.where or piece.name, exc.reason)


def _open(raw: BinaryIO, where: str, settings: Settings) -> tuple[Any, BoundedGzip | None]:
    return open_maybe_gzip(
        raw, where, settings.max_decompressed_bytes, settings.max_compression_ratio
    )


def _count_lines(path: str, settings: Settings) -> int:
    lines, last = 0, b"\n"
    with open(path, "rb") as raw:
        stream, _gz = _open(raw, path, settings)
        while chunk := stream.read(CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


def _line_slices(path: str, lines: int, size: int) -> list[Slice]:
    if lines <= size:
        return [Slice(path)]
    starts = range(1, lines + 1, size)
    return [
        Slice(path, "jsonl", first, size if first + size <= lines else None) for first in starts
    ]


def _record_slices(path: str, size: int) -> list[Slice]:
    offsets = []
    try:
        with open(path, "rb") as raw:
            records = ArchiveIterator(raw, arc2warc=True)
            for _record in records:
                offsets.append(records.get_record_offset())
    except WARC_SCAN_ERRORS:
        return [Slice(path)]
    if len(offsets) <= size:
        return [Slice(path)]
    return [
        Slice(path, "warc", index + 1, len(offsets[index : index + size]), offsets[index],
              offsets[index + size] if index + size < len(offsets) else None)
        for index in range(0, len(offsets), size)
    ]  # fmt: skip


def _read_lines(piece: Slice, settings: Settings) -> Iterator[Article | Problem]:
    with open(piece.path, "rb") as raw:
        stream, gz = _open(raw, piece.path, settings)
        for _ in range(piece.first - 1):
            _skip_line(stream)
        window = cast(BinaryIO, LineWindow(stream, piece.count))
        yield from read_jsonl(window, piece.path, settings, first=piece.first)
        if gz is not None and gz.damage is not None:
            raise InputError(f"truncated or corrupt gzip data ({gz.damage})", piece.name)


def _read_records(piece: Slice, settings: Settings) -> Iterator[Article | Problem]:
    with open(piece.path, "rb") as raw:
        raw.seek(piece.offset)
        length = None if piece.end is None else piece.end - piece.offset
        bounded = io.BufferedReader(BoundedFile(raw, length))
        stream, gz = _open(cast(BinaryIO, bounded), piece.name, settings)
        yield from read_warc(stream, piece.path, settings, first=piece.first)
        if gz is not None and gz.damage is not None:
            raise InputError(f"truncated or corrupt gzip data ({gz.damage})", piece.name)


def _skip_line(stream: Any) -> None:
    while True:
        chunk = stream.readline(CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


class LineWindow:
    """The next `count` lines of a stream (all of them when count is None), for readline."""

    def __init__(self, stream: Any, count: int | None) -> None:
        self.stream = stream
        self.left = count

    def readline(self, size: int = -1) -> bytes:
        """One line (or `size` bytes of it); b"" once the window's lines are read."""
        if self.left is not None and self.left <= 0:
            return b""
        line: bytes = self.stream.readline(size)
        if self.left is not None and (not line or line.endswith(b"\n")):
            self.left = self.left - 1 if line else 0
        return line


class BoundedFile(io.RawIOBase):
    """A raw stream that ends after `length` bytes of another (None: where that one ends)."""

    def __init__(self, raw: BinaryIO, length: int | None) -> None:
        self.raw = raw
        self.left = length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        want = len(buffer) if self.left is None else min(len(buffer), self.left)
        data = self.raw.read(want)
        n = len(data)
        buffer[:n] = data
        if self.left is not None:
            self.left -= n
        return n
