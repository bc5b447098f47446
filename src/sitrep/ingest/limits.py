"""Bounded reading: size caps for files and gzip streams that stop decompression bombs."""

from __future__ import annotations

import gzip
import io
import zlib
from typing import Any, BinaryIO

from sitrep.errors import TooLargeError

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 16
# Ratios are only judged after this much output: small valid files can compress
# very well (a page of repeated markup), and a bomb shows itself long before 8 MB.
RATIO_GRACE_BYTES = 8 << 20


def megabytes(n: int) -> str:
    """Human size for messages: '200.0 MB'."""
    return f"{n / 1_000_000:.1f} MB"


class CountingReader(io.RawIOBase):
    """A raw stream that counts the compressed bytes read through it."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


class BoundedGzip(io.RawIOBase):
    """Decompresses a gzip stream, refusing output past a size cap or a compression ratio.

    A truncated or corrupt stream reads as an early end, so readers keep every whole
    record before the damage; `damage` then says what went wrong, for the caller to report.
    """

    def __init__(self, raw: BinaryIO, where: str, max_bytes: int, max_ratio: int) -> None:
        self.counter = CountingReader(raw)
        self.gzip = gzip.GzipFile(fileobj=io.BufferedReader(self.counter, CHUNK))
        self.where = where
        self.max_bytes = max_bytes
        self.max_ratio = max_ratio
        self.out = 0
        self.damage: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.damage is not None:
            return 0
        try:
            data = self.gzip.read1(len(buffer))
        except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
            self.damage = str(exc) or type(exc).__name__
            return 0
        n = len(data)
        buffer[:n] = data
        self.out += n
        self._check()
        return n

    def _check(self) -> None:
        if self.out > self.max_bytes:
            raise TooLargeError(
                f"decompressed data exceeds {megabytes(self.max_bytes)} "
                "(setting max_decompressed_bytes)",
                self.where,
            )
        ratio = self.out / max(self.counter.count, 1)
        if self.out > RATIO_GRACE_BYTES and ratio > self.max_ratio:
            raise TooLargeError(
                f"compression ratio above {self.max_ratio}:1, refusing a likely "
                "decompression bomb (setting max_compression_ratio)",
                self.where,
            )


def open_maybe_gzip(
    raw: BinaryIO, where: str, max_bytes: int, max_ratio: int
) -> tuple[Any, BoundedGzip | None]:
    """Wrap a binary stream, decompressing it (bounded) when it starts with the gzip magic.

    Returns a buffered reader (with `peek`) over the plain or decompressed bytes, and the
    decompressor (to check for damage once reading is done) or None.
    """
    buffered: Any = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw, CHUNK)
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        gz = BoundedGzip(buffered, where, max_bytes, max_ratio)
        return io.BufferedReader(gz, CHUNK), gz
    return buffered, None


def read_limited(
    stream: BinaryIO,
    limit: int,
    where: str,
    what: str = "for one document (setting max_document_bytes)",
) -> bytes:
    """Read a whole stream, refusing more than `limit` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(f"larger than {megabytes(limit)} {what}", where)
    return data
