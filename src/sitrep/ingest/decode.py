"""Bytes to text: BOMs, UTF-8, legacy encodings, mixed files, and refusing binary data."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from sitrep.errors import InputError

SNIFF_BYTES = 8192
# Share of control characters (other than tab/newline/carriage return/form feed)
# above which a decoded sample is treated as binary; real text has next to none.
MAX_CONTROL_SHARE = 0.02
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
FALLBACK_ENCODING = "cp1252"
CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def decode_text(data: bytes, where: str, declared: str | None = None) -> str:
    """Decode bytes that should be text; raise InputError for empty or binary data."""
    if not data.strip():
        raise InputError("empty input, nothing to read", where)
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), where)
    if b"\x00" in data[:SNIFF_BYTES]:
        raise InputError("binary data, not text", where)
    if declared:
        try:
            return _checked(data.decode(declared), where)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to detection
    try:
        return _checked(data.decode("utf-8"), where)
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return _checked(_decode_mixed(data), where)
    best = from_bytes(data[: 1 << 20]).best()
    if best is None:
        raise InputError("binary data or an unknown encoding, not text", where)
    return _checked(data.decode(best.encoding, errors="replace"), where)


def _mostly_utf8(data: bytes) -> bool:
    """True when most lines are valid UTF-8 with non-ASCII content (a mixed-encoding file)."""
    utf8_lines = 0
    for line in data.splitlines():
        if max(line, default=0) < 0x80:
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            continue
    return utf8_lines > 0


def _decode_mixed(data: bytes) -> str:
    """Decode line by line: UTF-8 where valid, the legacy Windows encoding elsewhere."""
    out = []
    for line in data.splitlines(keepends=True):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode(FALLBACK_ENCODING, errors="replace"))
    return "".join(out)


def _checked(text: str, where: str) -> str:
    sample = text[:SNIFF_BYTES]
    controls = len(CONTROLS.findall(sample))
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise InputError("binary data, not text", where)
    if not text.strip():
        raise InputError("empty input, nothing to read", where)
    return text
