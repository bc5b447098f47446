"""Publication dates: metadata values and date lines, normalised to ISO 8601."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import dateparser

# A date line is short and names a year; longer lines are prose that mention dates.
DATE_LINE_MAX_CHARS = 80
DATE_LINE_SEARCH_LINES = 4
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
DATE_LINE_PREFIX = re.compile(
    r"^(published|updated|posted|date|first published|last updated)\s*(on|:)?\s*", re.IGNORECASE
)
DATE_LINE_SEPARATORS = re.compile(r"\s*[|·•]\s*|\s+[—–]\s+")
DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "DATE_ORDER": "DMY",
}


def to_iso(value: str | None) -> str | None:
    """Normalise a date or datetime string to ISO 8601 (date only when no time is given)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    iso = _from_isoformat(value)
    if iso is not None:
        return iso
    parsed = dateparser.parse(value, languages=["en"], settings=DATEPARSER_SETTINGS)
    return _format(parsed, has_time=":" in value) if parsed else None


def _from_isoformat(value: str) -> str | None:
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return _format(parsed, has_time=True)


def _format(parsed: datetime, has_time: bool) -> str:
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    if not has_time or (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
        return parsed.date().isoformat()
    return parsed.strftime("%Y-%m-%dT%H:%M:%SZ")


def find_date_line(body: str) -> str | None:
    """Find a publication date in the first short lines of an article body ('March 3, 2025')."""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    for line in lines[:DATE_LINE_SEARCH_LINES]:
        if len(line) > DATE_LINE_MAX_CHARS or not YEAR.search(line):
            continue
        for part in DATE_LINE_SEPARATORS.split(line):
            found = to_iso(DATE_LINE_PREFIX.sub("", part))
            if found:
                return found
    return None
