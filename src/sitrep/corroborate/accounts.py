"""Accounts: what each report says about an occurrence (figures, who is blamed), kept apart.

Figures come from the event's sentence with the words of data/figures.yaml: "at least 12
people were killed", "wounding 31", "the death toll rose to 15".  Reports that disagree
keep their own figures; nothing is averaged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sitrep.errors import ConfigError

FIGURES_FILE = "data/figures.yaml"
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a hundred": 100, "a dozen": 12,
}  # fmt: skip
VAGUE = ("dozens", "scores", "hundreds", "thousands", "several", "many")
QUALIFIERS = ("at least", "more than", "over", "about", "around", "nearly", "almost", "up to",
              "some", "as many as", "fewer than", "roughly", "an estimated")  # fmt: skip
NUMBER = (
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|"
    + "|".join(sorted((*NUMBER_WORDS, *VAGUE), key=len, reverse=True))
    + r")"
)
QUALIFIER = r"(?:(?P<qual>" + "|".join(QUALIFIERS) + r") )?"
# After a number, words that make it a distance, a share or a time, not a head count.
UNITS = r"(?! ?(?:km|kilometres|kilometers|miles|metres|meters|nautical|%|percent|per cent|" \
        r"years?|days?|hours?|minutes?|weeks?|months?|tonnes|tons)\b)"  # fmt: skip
YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure a sentence gives: kind, the words as written, the number, qualifier, span."""

    kind: str
    value: str
    number: float | None
    qualifier: str | None
    start: int
    end: int


@lru_cache(maxsize=1)
def figure_types() -> dict[str, frozenset[str]]:
    """Figure kind -> the event types whose happenings it describes (data/figures.yaml)."""
    return {kind: frozenset(words["types"]) for kind, words in _load()["kinds"].items()}


@lru_cache(maxsize=1)
def figure_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) pairs built from data/figures.yaml, loaded once."""
    data = _load()
    nouns = _alternation(data["nouns"])
    found = []
    for kind, words in data["kinds"].items():
        if words.get("after"):
            found.append((kind, re.compile(
                rf"\b{QUALIFIER}{NUMBER}{UNITS}(?: [A-Za-z-]+)?(?: (?:{nouns}))?"
                rf"(?:, [^,.;]{{1,60}},)?(?: (?:were|was|have been|had been|are|is|been|"
                rf"reported|confirmed|now))* (?:{_alternation(words['after'])})\b", re.I,
            )))  # fmt: skip
        if words.get("before"):
            found.append((kind, re.compile(
                rf"\b(?:{_alternation(words['before'])}) {QUALIFIER}{NUMBER}{UNITS}\b", re.I
            )))  # fmt: skip
    for kind, nouns_of_kind in data["tolls"].items():
        found.append((kind, re.compile(
            rf"\b(?:{_alternation(nouns_of_kind)})\b[^.;]{{0,80}}?\b(?:rose|risen|rises|"
            rf"climbed|climbs|reached|reaches|stood|stands|was|is|at|to) (?:to |at )?"
            rf"{QUALIFIER}{NUMBER}{UNITS}\b", re.I,
        )))  # fmt: skip
    return tuple(found)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", " ") for w in sorted(words, key=len, reverse=True))


def _load() -> dict[str, Any]:
    text = resources.files("sitrep").joinpath(FIGURES_FILE).read_text("utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{FIGURES_FILE}: not valid YAML ({exc})") from None
    if not isinstance(data, dict) or not {"kinds", "tolls", "nouns"} <= set(data):
        raise ConfigError(f"{FIGURES_FILE}: needs 'kinds', 'tolls' and 'nouns'")
    for kind, words in data["kinds"].items():
        if not isinstance(words, dict) or not words.get("types"):
            raise ConfigError(f"{FIGURES_FILE}: kind {kind!r} needs 'types'")
    return data


def find_figures(sentence: str, offset: int = 0, type: str | None = None) -> list[Figure]:
    """The first figure of each kind in a sentence (offsets shifted by `offset`); with an
    event `type`, only the kinds that describe happenings of that type."""
    first: dict[str, Figure] = {}
    kinds = figure_types()
    for figure in _matches(sentence, offset):
        if type is not None and type not in kinds[figure.kind]:
            continue
        if figure.kind not in first or figure.start < first[figure.kind].start:
            first[figure.kind] = figure
    return sorted(first.values(), key=lambda f: f.start)


def _matches(sentence: str, offset: int) -> Iterator[Figure]:
    for kind, pattern in figure_patterns():
        for match in pattern.finditer(sentence):
            figure = _figure(kind, match, offset)
            if figure is not None:
                yield figure


def _figure(kind: str, match: re.Match[str], offset: int) -> Figure | None:
    words = match["num"].lower()
    if YEAR.match(words):
        return None  # "in 2024 killed" is a year
    qualifier = match["qual"].lower() if match["qual"] else None
    start = match.start("qual") if match["qual"] else match.start("num")
    value = match.string[start : match.end("num")]  # as written: "At least 12"
    return Figure(kind, value, parse_number(words), qualifier, offset + start,
                  offset + match.end("num"))  # fmt: skip


def parse_number(words: str) -> float | None:
    """12, '1,200', 'twelve' -> a number; 'dozens' -> None (a vague figure has no number)."""
    words = words.lower()
    if words.replace(",", "").isdigit():
        return float(words.replace(",", ""))
    value = NUMBER_WORDS.get(words)
    return float(value) if value is not None else None
