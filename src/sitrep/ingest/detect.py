"""Recognise an input's format from its first bytes, with the file name as a tie-breaker."""

from __future__ import annotations

import json
import re

FORMATS = ("text", "html", "jsonl", "feed", "warc")
FORMAT_ALIASES = {"txt": "text", "rss": "feed", "atom": "feed", "json": "jsonl", "ndjson": "jsonl"}
EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".arc": "warc",
}  # fmt: skip
# Archives and compressors other than gzip, by their magic bytes: sitrep does not open them.
ARCHIVES = (
    (b"PK\x03\x04", "a zip archive"), (b"PK\x05\x06", "a zip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"), (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"), (b"Rar!\x1a\x07", "a RAR archive"),
)  # fmt: skip
BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
HTML_MARKERS = re.compile(rb"<(!doctype html|html|head|body|article|div|p)[\s>]", re.IGNORECASE)


def normalise_format(name: str) -> str | None:
    """Map a user's --format value to a format name, or None when it is unknown."""
    name = name.lower()
    name = FORMAT_ALIASES.get(name, name)
    return name if name in FORMATS else None


def detect_format(head: bytes, filename: str = "") -> str:
    """Guess the format of a (decompressed) input from its first few kilobytes."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if FEED_ROOT.search(stripped[:2048]):
        return "feed"
    if stripped.startswith(b"{") and _first_line_is_json(stripped):
        return "jsonl"
    if HTML_MARKERS.search(stripped[:4096]):
        return "html"
    return _by_extension(filename) or "text"


def archive_kind(head: bytes) -> str | None:
    """What archive or non-gzip compression the bytes start with, if any."""
    for magic, kind in ARCHIVES:
        if head.startswith(magic):
            return kind
    return "bzip2-compressed data" if BZIP2.match(head) else None


def _first_line_is_json(head: bytes) -> bool:
    line = head.split(b"\n", 1)[0]
    if b"\n" not in head and len(head) >= 4096:
        return True  # one long first line that starts like an object
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _by_extension(filename: str) -> str | None:
    name = filename.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for ext, fmt in EXTENSIONS.items():
        if name.endswith(ext):
            return fmt
    return None
