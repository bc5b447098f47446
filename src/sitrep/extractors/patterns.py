"""Event patterns (PLOVER type, trigger words, actor slots) from packaged and user files."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import KnowledgeBaseError
from sitrep.extractors.lexicon import read_mapping
from sitrep.kb.loader import read_text, yaml_items
from sitrep.schema import PLOVER_TYPES

EVENTS_FILE = "data/patterns/events.yaml"
PATTERN_KEYS = frozenset({"type", "verbs", "nouns", "objects", "source", "target",
                          "target_optional"})  # fmt: skip
NAMED_SLOTS = frozenset({"subject", "object", "poss", "owner", "dative"})
PREPOSITIONS = frozenset({
    "with", "on", "against", "to", "of", "from", "for", "at", "in", "toward", "towards",
    "into", "over", "near", "around", "along", "outside", "between", "by",
})  # fmt: skip
VERB_SOURCE = ("subject",)
NOUN_SOURCE = ("poss", "subject")


@dataclass(frozen=True, slots=True)
class EventPattern:
    """One trigger word (possibly several words) with its event type and actor slots."""

    type: str
    words: tuple[str, ...]
    is_verb: bool
    objects: frozenset[str]
    source: tuple[str, ...]
    target: tuple[str, ...]
    target_optional: bool | None = None


@dataclass(frozen=True, slots=True)
class PatternIndex:
    """Patterns by the lemma of their first word, verbs and nouns apart, with the cues that
    tell an event noun from a name for a thing."""

    verbs: dict[str, tuple[EventPattern, ...]]
    nouns: dict[str, tuple[EventPattern, ...]]
    light_verbs: frozenset[str] = frozenset()
    eventive_modifiers: frozenset[str] = frozenset()
    targetless_types: frozenset[str] = frozenset()

    def target_optional(self, pattern: EventPattern) -> bool:
        """Whether an event of this pattern stands without a target."""
        if pattern.target_optional is not None:
            return pattern.target_optional
        return pattern.type in self.targetless_types


@lru_cache(maxsize=4)
def load_patterns(extra_files: tuple[str, ...] = ()) -> PatternIndex:
    """The packaged event patterns plus a user's files, validated and indexed (cached)."""
    packaged = resources.files("sitrep").joinpath(EVENTS_FILE).read_text("utf-8")
    patterns = _parse(Path(EVENTS_FILE), packaged)
    for name in extra_files:
        patterns.extend(_parse(Path(name), read_text(Path(name))))
    verbs: dict[str, list[EventPattern]] = defaultdict(list)
    nouns: dict[str, list[EventPattern]] = defaultdict(list)
    for pattern in patterns:
        index = verbs if pattern.is_verb else nouns
        index[pattern.words[-1] if not pattern.is_verb else pattern.words[0]].append(pattern)
    cues = read_mapping("event_nouns.yaml", {
        "light_verbs": list, "eventive_modifiers": list, "targetless_types": list,
    })  # fmt: skip
    return PatternIndex(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        light_verbs=frozenset(str(w).lower() for w in cues["light_verbs"]),
        eventive_modifiers=frozenset(str(w).lower() for w in cues["eventive_modifiers"]),
        targetless_types=frozenset(str(w).upper() for w in cues["targetless_types"]),
    )


def _parse(path: Path, text: str) -> list[EventPattern]:
    patterns = []
    for line, item in yaml_items(path, text):
        patterns.extend(_entry(item, f"{path}:{line}"))
    return patterns


def _entry(item: Any, where: str) -> list[EventPattern]:
    if not isinstance(item, dict):
        raise KnowledgeBaseError(f"{where}: each pattern must be a mapping")
    unknown = sorted(set(item) - PATTERN_KEYS)
    if unknown:
        valid = ", ".join(sorted(PATTERN_KEYS))
        raise KnowledgeBaseError(f"{where}: unknown key {unknown[0]!r}; valid keys: {valid}")
    kind = item.get("type")
    if kind not in PLOVER_TYPES:
        raise KnowledgeBaseError(
            f"{where}: unknown PLOVER type {kind!r}; valid types: {', '.join(PLOVER_TYPES)}"
        )
    has_verbs, has_nouns = "verbs" in item, "nouns" in item
    if has_verbs == has_nouns:
        raise KnowledgeBaseError(f"{where}: a pattern needs either 'verbs' or 'nouns'")
    words = _words(item, "verbs" if has_verbs else "nouns", where)
    objects = frozenset(_words(item, "objects", where)) if "objects" in item else frozenset()
    source = _slots(item, "source", where) or (VERB_SOURCE if has_verbs else NOUN_SOURCE)
    target = _slots(item, "target", where)
    optional = item.get("target_optional")
    if optional is not None and not isinstance(optional, bool):
        raise KnowledgeBaseError(f"{where}: 'target_optional' must be true or false")
    return [
        EventPattern(str(kind), tuple(w.split()), has_verbs, objects, source, target, optional)
        for w in words
    ]


def _words(item: dict[str, Any], key: str, where: str) -> list[str]:
    value = item.get(key)
    if not isinstance(value, list) or not value:
        raise KnowledgeBaseError(f"{where}: {key!r} must be a non-empty list of words")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeBaseError(f"{where}: every item of {key!r} must be a word")
    return [v.strip().lower() for v in value]


def _slots(item: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    if key not in item:
        return ()
    slots = _words(item, key, where)
    bad = [s for s in slots if s not in NAMED_SLOTS and s not in PREPOSITIONS]
    if bad:
        valid = ", ".join(sorted(NAMED_SLOTS | PREPOSITIONS))
        raise KnowledgeBaseError(f"{where}: unknown slot {bad[0]!r} in {key!r}; valid: {valid}")
    return tuple(slots)
