"""A briefing's sections: key developments, who said what, stances, open questions.

Each line is built from stored records and quotes the sentence (or evidence span) it rests
on; building a line cites its spans, so citations are numbered in reading order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from importlib import resources
from typing import Any

import yaml

from sitrep.errors import KnowledgeBaseError
from sitrep.query.relations import week_of
from sitrep.stories.citations import Citations, fold

# Lines per section: enough for a page, the most telling ones first chosen, then shown in
# time order.
DEVELOPMENTS = 15
SET_APART = 10
QUOTES = 8
QUOTES_PER_SPEAKER = 3
STANCE_PAIRS = 8
STANCE_WEEKS = 6
EVIDENCE_PER_WEEK = 2
OPEN_QUESTIONS = 10
# Modalities: what the text says happened, what it sets apart, what it leaves open.
SET_APART_MODALITIES = ("hypothetical", "intended", "denied", "negated")
OPEN_MODALITIES = ("undecided", "reported", "claimed")
# Direct words say most; reported speech next; a few quoted words least.
KIND_WEIGHT = {"direct": 3.0, "indirect": 2.0, "partial": 1.0}
QUOTE_LENGTH_CREDIT = 240  # characters past which a longer quote earns no more
# Stances under this size either way read as neither cooperative nor hostile (as the UI).
STANCE_NEUTRAL = 0.2
# The extractors' own cue lists: speech verbs that only claim, phrases that leave it open.
SPEECH_FILE, MODALITY_FILE = "data/patterns/speech.yaml", "data/patterns/modality.yaml"


@dataclass(frozen=True, slots=True)
class Line:
    """One statement of a briefing with the numbers of the citations it rests on."""

    text: str
    citations: tuple[int, ...]
    day: date | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A titled list of lines; `empty` says why there are none."""

    key: str
    title: str
    level: int
    lines: tuple[Line, ...]
    empty: str


@dataclass(frozen=True, slots=True)
class Records:
    """The records a briefing is built from (rows as read from the store)."""

    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    stances: list[dict[str, Any]]

    def one_per_cluster(self) -> Records:
        """Only the records of one document per near-duplicate cluster: the original (the
        first stored, whose id the cluster bears) if it has records here, else the earliest."""
        rows = [*self.events, *self.quotes, *self.stances]
        first: dict[str, tuple[bool, date, str]] = {}
        for row in rows:
            key = (row["doc_id"] != row["cluster"], row["doc_date"] or date.max, row["doc_id"])
            first[row["cluster"]] = min(first.get(row["cluster"], key), key)
        kept = {doc_id for *_, doc_id in first.values()}
        return Records(*([r for r in kind if r["doc_id"] in kept] for kind in self._kinds()))

    def doc_ids(self) -> list[str]:
        """The documents the records come from."""
        return sorted({row["doc_id"] for kind in self._kinds() for row in kind})

    def days(self) -> list[date | None]:
        """Every record's day."""
        return [row["day"] for kind in self._kinds() for row in kind]

    def _kinds(self) -> tuple[list[dict[str, Any]], ...]:
        return self.events, self.quotes, self.stances


def build_sections(records: Records, citations: Citations) -> tuple[Section, ...]:
    """The five sections in reading order (the order citations are numbered in)."""
    claims, undecided = open_question_cues()
    open_quote = [q for q in records.quotes if _leaves_open(q, citations, claims, undecided)]
    said = [q for q in records.quotes if q not in open_quote]
    events = {kind: [e for e in records.events if _event_kind(e) == kind] for kind in
              ("realised", "set_apart", "open")}  # fmt: skip
    return (
        Section("developments", "Key developments", 2,
                event_lines(events["realised"], citations, DEVELOPMENTS, tagged=False),
                "No events reported as having happened."),
        Section("set_apart", "Intended, hypothetical, denied or negated", 3,
                event_lines(events["set_apart"], citations, SET_APART, tagged=True),
                "None."),
        Section("quotes", "Who said what", 2, quote_lines(said, citations),
                "No quotations."),
        Section("stances", "How stances moved", 2, stance_lines(records.stances, citations),
                "No stance records."),
        Section("open_questions", "Open questions", 2,
                open_lines(events["open"], open_quote, citations),
                "No undecided or reported-only claims."),
    )  # fmt: skip


@lru_cache(maxsize=1)
def open_question_cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """Claim verbs (speech.yaml) and undecided phrases (modality.yaml), as extraction uses."""
    claims = _listed(SPEECH_FILE, "claim_verbs")
    undecided = _listed(MODALITY_FILE, "undecided_phrases")
    return frozenset(claims), tuple(undecided)


def _listed(path: str, key: str) -> list[str]:
    data = yaml.safe_load(resources.files("sitrep").joinpath(path).read_text("utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise KnowledgeBaseError(f"{path}: {key!r} must be a list")
    return [str(item).lower() for item in data[key]]


def _event_kind(event: dict[str, Any]) -> str:
    modality = _modality(event)
    if modality in OPEN_MODALITIES:
        return "open"
    return "set_apart" if modality in SET_APART_MODALITIES else "realised"


def _modality(event: dict[str, Any]) -> str:
    """The event's modality; an asserted event the text negates reads as negated."""
    if event["negated"] and event["modality"] == "asserted":
        return "negated"
    return str(event["modality"])


def _leaves_open(
    quote: dict[str, Any], citations: Citations, claims: frozenset[str], undecided: Sequence[str]
) -> bool:
    """A quotation only claimed ("claimed that"), or whose sentence leaves a decision open."""
    cue = (quote["cue"] or "").lower()
    if quote["kind"] == "indirect" and any(cue.startswith(verb) for verb in claims):
        return True
    sentence = citations.sentence(quote["doc_id"], *sentence_span(quote)).lower()
    return any(phrase in sentence for phrase in undecided)


def sentence_span(record: dict[str, Any]) -> tuple[int, int]:
    """The sentence a record rests on (its own span when no sentence was stored)."""
    start, end = record.get("sentence_start"), record.get("sentence_end")
    if start is None or end is None or end <= start:
        return int(record["start"]), int(record["end"])
    return int(start), int(end)


# --- events ---------------------------------------------------------------------------------


def event_lines(
    events: Sequence[dict[str, Any]], citations: Citations, limit: int, tagged: bool
) -> tuple[Line, ...]:
    """One line per sentence: its events, then the sentence; the most telling, by time.

    A happening reported by several articles (one occurrence) gets one line, from its
    earliest report, with how many reports and independent sources back it."""
    groups = _by_sentence(_first_report_of_each_occurrence(events))
    chosen = sorted(groups, key=_salience)[:limit]
    return tuple(event_line(group, citations, tagged) for group in sorted(chosen, key=_when))


def event_line(group: Sequence[dict[str, Any]], citations: Citations, tagged: bool) -> Line:
    """'2025-01-03 · RETREAT: Russia → Syria in Tartus — “sentence”' with its citation."""
    head = group[0]
    span = sentence_span(head)
    acts = "; ".join(dict.fromkeys(_event_phrase(e, tagged) for e in group))
    sentence = citations.sentence(head["doc_id"], *span)
    number = citations.cite(head["doc_id"], *span)
    return Line(f"{_day(head['day'])} · {acts} — {quoted(sentence)}", (number,), head["day"])


def _event_phrase(event: dict[str, Any], tagged: bool) -> str:
    tag = f" ({_modality(event)})" if tagged else ""
    place = f" in {event['location']}" if event["location"] else ""
    who = f"{event['source'] or '(unnamed)'} → {event['target'] or '(no target)'}"
    return f"{event['type']}{tag}: {who}{place}{_backing(event)}"


def _backing(event: dict[str, Any]) -> str:
    """' [3 reports, 2 independent sources]' for a happening reported more than once."""
    reports = event.get("n_reports") or 1
    if reports <= 1:
        return ""
    sources = event.get("n_independent_sources") or 1
    plural = "s" if sources != 1 else ""
    return f" [{reports} reports, {sources} independent source{plural}]"


def _first_report_of_each_occurrence(events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each occurrence from its earliest report only (other articles reporting it add to its
    counts, not lines); events outside occurrences all stay."""
    ordered = sorted(events, key=lambda e: (e["day"] or date.max, e["doc_id"], e["start"]))
    first_doc: dict[str, str] = {}
    kept = []
    for event in ordered:
        occurrence = event.get("occurrence_id")
        if (
            occurrence is None
            or first_doc.setdefault(occurrence, event["doc_id"]) == event["doc_id"]
        ):
            kept.append(event)
    return kept


def _by_sentence(records: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    groups: dict[tuple[str, int, int], list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        groups[(record["doc_id"], *sentence_span(record))].append(record)
    return list(groups.values())


def _salience(group: Sequence[dict[str, Any]]) -> tuple[float, Any, str, int]:
    """Most consequential first: Goldstein weight, both sides named; then oldest."""
    weight = max(abs(e["goldstein"] or 0.0) for e in group)
    named = any(e["source_id"] and e["target_id"] for e in group)
    return -(weight + (2.0 if named else 0.0)), *_when(group)


def _when(group: Sequence[dict[str, Any]]) -> tuple[Any, str, int]:
    head = group[0]
    return head["day"] or date.max, head["doc_id"], sentence_span(head)[0]


def quoted(sentence: str) -> str:
    """A sentence in quotation marks (its own, when it opens with a quotation)."""
    return sentence if sentence[:1] in '“"' else f"“{sentence}”"


def _day(day: date | None) -> str:
    return str(day) if day else "undated"


# --- quotations -----------------------------------------------------------------------------


def quote_lines(quotes: Sequence[dict[str, Any]], citations: Citations) -> tuple[Line, ...]:
    """The most informative quotations, oldest first, with speaker, outlet and date."""
    chosen = _informative(quotes)
    return tuple(quote_line(q, citations) for q in sorted(chosen, key=lambda q: _when([q])))


def quote_line(quote: dict[str, Any], citations: Citations) -> Line:
    """'Speaker (to Outlet): “words” (outlet, date)' citing the quotation's sentence."""
    number = citations.cite(quote["doc_id"], *sentence_span(quote))
    words = fold(quote["text"]).rstrip(",;: ")
    document = citations.documents[quote["doc_id"]]
    where = f"{document['source'] or 'no outlet named'}, {_day(quote['day'])}"
    text = f"{quote['speaker']}{_medium(quote['medium'])}: “{words}” ({where})"
    return Line(text, (number,), quote["day"])


def _medium(medium: str | None) -> str:
    """' (to Al Arabiya)' for an outlet, ' (in a statement)' for a kind of speech."""
    if not medium:
        return ""
    if medium[:1].isupper():
        return f" (to {medium})"
    article = "an" if medium[:1].lower() in "aeiou" else "a"
    return f" (in {article} {medium})"


def _informative(quotes: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes with a speaker, best first: direct, long, with a medium; a few per speaker."""

    def score(quote: dict[str, Any]) -> float:
        length = min(len(quote["text"]), QUOTE_LENGTH_CREDIT) / (QUOTE_LENGTH_CREDIT / 2)
        return KIND_WEIGHT.get(quote["kind"], 1.0) + length + (0.5 if quote["medium"] else 0.0)

    chosen: list[dict[str, Any]] = []
    per_speaker: dict[str, int] = defaultdict(int)
    seen: set[str] = set()
    for quote in sorted(quotes, key=lambda q: (-score(q), *_when([q]))):
        speaker, text = quote["speaker_id"] or quote["speaker"], fold(quote["text"]).lower()
        if not speaker or text in seen or per_speaker[speaker] >= QUOTES_PER_SPEAKER:
            continue
        seen.add(text)
        per_speaker[speaker] += 1
        chosen.append(quote)
        if len(chosen) == QUOTES:
            break
    return chosen


# --- stances --------------------------------------------------------------------------------


def stance_lines(stances: Sequence[dict[str, Any]], citations: Citations) -> tuple[Line, ...]:
    """Per directed pair, the weekly mean stance in time order, citing each week's evidence."""
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in stances:
        pairs[(row["source_id"], row["target_id"])].append(row)

    def rank(rows: list[dict[str, Any]]) -> tuple[int, int, float, str, str]:
        """Most records first, then most evidence, then the strongest."""
        mean = sum(r["stance"] for r in rows) / len(rows)
        evidence = sum(len(r["evidence"] or ()) for r in rows)
        return -len(rows), -evidence, -abs(mean), rows[0]["source"], rows[0]["target"]

    chosen = sorted(pairs.values(), key=rank)[:STANCE_PAIRS]
    return tuple(stance_line(rows, citations) for rows in chosen)


def stance_line(rows: Sequence[dict[str, Any]], citations: Citations) -> Line:
    """'Syria → Russia: +0.80 cooperative (week of 2024-12-23, 1 record), then ...'."""
    weeks: dict[date | None, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        weeks[week_of(row["day"])].append(row)
    order = sorted(weeks, key=lambda week: (week is None, week or date.min))
    if len(order) > STANCE_WEEKS:
        order = order[: STANCE_WEEKS // 2] + order[-(STANCE_WEEKS // 2) :]
    numbers: list[int] = []
    parts = []
    for week in order:
        found = weeks[week]
        mean = sum(r["stance"] for r in found) / len(found)
        numbers += [citations.cite(*span) for span in _evidence(found[0])]
        records = f"{len(found)} record{'s' if len(found) > 1 else ''}"
        parts.append(f"{mean:+.2f} {_stance_word(mean)} (week of {_day(week)}, {records})")
    head = rows[0]
    text = f"{head['source']} → {head['target']}: {', then '.join(parts)}"
    return Line(text, tuple(dict.fromkeys(numbers)), rows[-1]["day"])


def _evidence(row: dict[str, Any]) -> list[tuple[str, int, int]]:
    """The outermost evidence spans of a stance record (spans inside another dropped)."""
    pairs = ((int(s), int(e)) for s, e in row["evidence"] or ())
    spans = sorted(pairs, key=lambda p: (p[0], -p[1]))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if not any(s <= start and end <= e for s, e in kept):
            kept.append((start, end))
    return [(row["doc_id"], s, e) for s, e in kept[:EVIDENCE_PER_WEEK]]


def _stance_word(mean: float) -> str:
    if mean > STANCE_NEUTRAL:
        return "cooperative"
    return "hostile" if mean < -STANCE_NEUTRAL else "neutral or mixed"


# --- open questions -------------------------------------------------------------------------


def open_lines(
    events: Sequence[dict[str, Any]], quotes: Sequence[dict[str, Any]], citations: Citations
) -> tuple[Line, ...]:
    """Undecided and reported-only claims, one line per sentence, oldest first."""
    items: dict[tuple[str, int, int], Callable[[], Line]] = {}
    whens: dict[tuple[str, int, int], tuple[Any, str, int]] = {}
    for quote in quotes:
        key = (quote["doc_id"], *sentence_span(quote))
        items.setdefault(key, partial(claim_line, quote, citations))
        whens.setdefault(key, _when([quote]))
    for group in _by_sentence(_first_report_of_each_occurrence(events)):
        key = (group[0]["doc_id"], *sentence_span(group[0]))
        items.setdefault(key, partial(event_line, group, citations, tagged=True))
        whens.setdefault(key, _when(group))
    chosen = sorted(items, key=lambda key: whens[key])[:OPEN_QUESTIONS]
    return tuple(items[key]() for key in chosen)


def claim_line(quote: dict[str, Any], citations: Citations) -> Line:
    """'2024-12-29 · Russia, claimed: “sentence”' citing the sentence."""
    span = sentence_span(quote)
    sentence = citations.sentence(quote["doc_id"], *span)
    number = citations.cite(quote["doc_id"], *span)
    who = f"{quote['speaker'] or '(unnamed)'}, {quote['cue'] or 'said'}"
    return Line(f"{_day(quote['day'])} · {who}: {quoted(sentence)}", (number,), quote["day"])
