"""Temporal expressions normalised against the publication date, and publication-date
estimates from anchors such as "three weeks after the fall of Bashar al-Assad"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span

from sitrep.errors import KnowledgeBaseError
from sitrep.kb import KnowledgeBase
from sitrep.kb.loader import yaml_items
from sitrep.schema import TimeExpression

ANCHORS_FILE = "data/kb/anchors.yaml"
TIME_LABELS = frozenset({"DATE", "TIME"})
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
ANCHORED = re.compile(
    r"^(?:just\s+|some\s+|about\s+|nearly\s+|almost\s+)?(\w+)\s+(day|week|month|year)s?$", re.I
)
# A duration alone ("three weeks") is not a point in time; these words make it one.
DIRECTION = re.compile(
    r"\b(ago|last|next|this|past|coming|yesterday|today|tonight|tomorrow|earlier|later|"
    r"previous|following)\b", re.I,
)  # fmt: skip
ABSOLUTE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(mon|tue|wed|thu|fri|sat|"
    r"sun)[a-z]*day\b|\b(19|20)\d\d\b", re.I,
)  # fmt: skip
WEEKEND = re.compile(r"\b(this|last|next|past)?\s*weekend\b", re.I)
SOFTENERS = re.compile(
    r"^(just|only|as early as|as late as|by|since|until|from|around|about)\s+", re.I
)
PART_OF = re.compile(
    r"^(early|mid|late|the end of|the beginning of|the start of|the middle of)[\s-]+", re.I
)
BAD_NUMBER = re.compile(r"\b(3[2-9]|[4-9]\d)(st|nd|rd|th)\b|\b\d{4}s\b", re.I)


@dataclass(frozen=True, slots=True)
class Anchor:
    """A dated happening articles refer to."""

    id: str
    date: date
    actor: str
    words: frozenset[str]


@lru_cache(maxsize=1)
def load_anchors() -> tuple[Anchor, ...]:
    """The packaged anchors (cached)."""
    text = resources.files("sitrep").joinpath(ANCHORS_FILE).read_text("utf-8")
    anchors = []
    for line, item in yaml_items(Path(ANCHORS_FILE), text):
        where = f"{ANCHORS_FILE}:{line}"
        try:
            anchors.append(Anchor(
                id=str(item["id"]), date=_as_date(item["date"]), actor=str(item["actor"]),
                words=frozenset(str(w).lower() for w in item["words"]),
            ))  # fmt: skip
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeBaseError(f"{where}: bad anchor ({exc})") from None
    return tuple(anchors)


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def estimate_published(doc: Doc, kb: KnowledgeBase) -> str | None:
    """A publication date from '<N> <units> after the <happening> of <actor>', if any."""
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        match = ANCHORED.match(ent.text.strip())
        if not match or not _number(match.group(1)):
            continue
        anchor = _anchor_after(doc, ent, kb)
        if anchor is not None:
            days = _number(match.group(1)) * UNIT_DAYS[match.group(2).lower()]
            return (anchor.date + timedelta(days=days)).isoformat()
    return None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower(), 0)


def _anchor_after(doc: Doc, ent: Span, kb: KnowledgeBase) -> Anchor | None:
    window = doc[ent.end : ent.end + 16]
    if not window or window[0].lower_ not in ("after", "since"):
        return None
    words = {t.lemma_.lower() for t in window} | {t.lower_ for t in window}
    for anchor in load_anchors():
        if not anchor.words & words:
            continue
        for other in doc.ents:
            if window.start <= other.start < window.end and any(
                e.actor_id == anchor.actor for e in kb.candidates(other.text)
            ):
                return anchor
    return None


def find_times(doc: Doc, doc_id: str, published: str | None) -> list[TimeExpression]:
    """Temporal expressions (spaCy DATE/TIME spans) with ISO values against `published`."""
    base = published[:10] if published else None
    found = []
    for ent in doc.ents:
        if ent.label_ not in TIME_LABELS:
            continue
        text = ent.text.strip()
        if not DIRECTION.search(text) and not ABSOLUTE.search(text) and not WEEKEND.search(text):
            continue  # a duration or a vague span, not a point in time
        value, precision = normalise(text, base)
        found.append(TimeExpression(
            doc_id=doc_id, start=ent.start_char, end=ent.end_char, text=ent.text,
            value=value, precision=precision,
        ))  # fmt: skip
    return found


@lru_cache(maxsize=1 << 14)
def normalise(text: str, base: str | None) -> tuple[str | None, str | None]:
    """(ISO value, precision) of a temporal expression relative to a base date, or (None, None)."""
    if BAD_NUMBER.search(text):
        return None, None  # "the 45th of March", "the 1970s": never guess
    anchor = datetime.fromisoformat(base) if base else None
    cleaned = PART_OF.sub("", SOFTENERS.sub("", text.strip()))
    weekend = WEEKEND.search(cleaned)
    if weekend and anchor is not None:
        shift = {"last": -7, "past": -7, "next": 7}.get((weekend.group(1) or "").lower(), 0)
        return _week(anchor + timedelta(days=shift)), "week"
    same_day = _same_weekday(cleaned, anchor)
    if same_day is not None:
        return same_day, "day"
    parsed = _parser(base).get_date_data(cleaned)
    if parsed.date_obj is None or (anchor is None and not ABSOLUTE.search(cleaned)):
        return None, None
    if not _plausible(text, parsed.date_obj, anchor):
        return None, None
    return _format(parsed.date_obj, parsed.period or "day")


WEEKDAY = re.compile(
    r"^(?:on\s+|this\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$", re.IGNORECASE,
)  # fmt: skip


def _same_weekday(text: str, anchor: datetime | None) -> str | None:
    """'on Sunday' in an article of a Sunday is that day, not a week before."""
    match = WEEKDAY.match(text.strip())
    if match is None or anchor is None:
        return None
    if anchor.strftime("%A").lower() != match.group(1).lower():
        return None
    return anchor.date().isoformat()


@lru_cache(maxsize=64)
def _parser(base: str | None) -> DateDataParser:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(base)
    return DateDataParser(languages=["en"], settings=settings)


def _plausible(text: str, value: datetime, anchor: datetime | None) -> bool:
    """The year must be written in the text, or lie near the article's date."""
    if re.search(rf"\b{value.year}\b", text):
        return True
    reference = anchor.year if anchor else date.today().year
    return abs(value.year - reference) <= 1


def _format(value: datetime, period: str) -> tuple[str, str]:
    if period == "year":
        return f"{value.year:04d}", "year"
    if period == "month":
        return f"{value.year:04d}-{value.month:02d}", "month"
    if period == "week":
        return _week(value), "week"
    return value.date().isoformat(), "day"


def _week(value: datetime) -> str:
    year, week, _day = value.isocalendar()
    return f"{year:04d}-W{week:02d}"
