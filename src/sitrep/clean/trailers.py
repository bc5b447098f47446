"""Remove comment forms, share bars and newsletter boxes around an article's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from sitrep.errors import KnowledgeBaseError

TRAILERS_FILE = "data/trailers.yaml"
# A trailer line is short; a long line that merely starts with "Comments" is prose.
TRAILER_MAX_CHARS = 160


@dataclass(frozen=True, slots=True)
class TrailerRules:
    """Phrases that start a trailer (cut to the end) and lines dropped wherever they are."""

    cut: re.Pattern[str]
    drop: re.Pattern[str]


@lru_cache(maxsize=1)
def trailer_rules() -> TrailerRules:
    """Load the packaged trailer phrases once."""
    text = resources.files("sitrep").joinpath(TRAILERS_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), list) for k in ("cut", "drop")
    ):
        raise KnowledgeBaseError(f"{TRAILERS_FILE}: needs lists 'cut' and 'drop'")
    return TrailerRules(cut=_phrases(data["cut"]), drop=_phrases(data["drop"]))


def _phrases(phrases: list[str]) -> re.Pattern[str]:
    """One pattern: a phrase of several words starts the line; a single word is the line."""
    parts = []
    for phrase in (str(p).strip() for p in phrases):
        if " " in phrase or phrase.endswith(":"):
            parts.append(rf"{re.escape(phrase)}(?:\W|$)")
        else:  # "Comments", "Comments (3)", "Tags:" but not "Comments by the minister..."
            parts.append(rf"{re.escape(phrase)}\W*(?:\(\d+\))?\W*$")
    return re.compile(rf"^(?:{'|'.join(parts)})", re.IGNORECASE)


def strip_trailers(text: str) -> str:
    """Drop share-bar lines, then cut the text at the first trailer line after the opening."""
    rules = trailer_rules()
    lines = text.split("\n")
    kept = [line for line in lines if not _is_rule_line(rules.drop, line)]
    first_body = next((i for i, line in enumerate(kept) if line.strip()), 0)
    for index, line in enumerate(kept):
        if index > first_body and _is_rule_line(rules.cut, line):
            kept = kept[:index]
            break
    return "\n".join(kept).strip()


def _is_rule_line(pattern: re.Pattern[str], line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= TRAILER_MAX_CHARS and bool(pattern.match(stripped))
