"""Word lists and patterns the extractors use, read once from data files and validated."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sitrep.errors import KnowledgeBaseError

PATTERNS_DIR = "data/patterns"
ROLE_TITLES_FILE = "data/kb/role_titles.yaml"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Speech verbs, collective speakers, pronouns, role titles and capital-as-actor cues."""

    speech_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    media_nouns: frozenset[str]
    collective_nouns: frozenset[str]
    pronouns: dict[str, str]
    government_nouns: frozenset[str]
    relation_nouns: frozenset[str]
    place_verbs: frozenset[str]
    titles: dict[str, str]  # written title (lower case) -> canonical title
    title_heads: frozenset[str]  # last words of titles: minister, president, leader ...


def read_mapping(name: str, keys: dict[str, type]) -> dict[str, Any]:
    """A packaged YAML mapping with the given keys and value types, or a clear error."""
    path = f"{PATTERNS_DIR}/{name}"
    try:
        data = yaml.safe_load(resources.files("sitrep").joinpath(path).read_text("utf-8"))
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"{path}: expected a mapping of {', '.join(keys)}")
    for key, kind in keys.items():
        if not isinstance(data.get(key), kind):
            raise KnowledgeBaseError(f"{path}: {key!r} must be a {kind.__name__}")
    return data


def _words(values: list[Any]) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (cached)."""
    speech = read_mapping("speech.yaml", {
        "verbs": list, "claim_verbs": list, "denial_verbs": list, "media_nouns": list,
        "collective_nouns": list,
    })  # fmt: skip
    mentions = read_mapping("mentions.yaml", {
        "pronouns": dict, "government_nouns": list, "relation_nouns": list, "place_verbs": list,
    })  # fmt: skip
    titles = _role_titles()
    return Lexicon(
        speech_verbs=_words(speech["verbs"]), claim_verbs=_words(speech["claim_verbs"]),
        denial_verbs=_words(speech["denial_verbs"]), media_nouns=_words(speech["media_nouns"]),
        collective_nouns=_words(speech["collective_nouns"]),
        pronouns={str(k).lower(): str(v) for k, v in mentions["pronouns"].items()},
        government_nouns=_words(mentions["government_nouns"]),
        relation_nouns=_words(mentions["relation_nouns"]),
        place_verbs=_words(mentions["place_verbs"]), titles=titles,
        title_heads=frozenset(title.split()[-1] for title in titles),
    )  # fmt: skip


def _role_titles() -> dict[str, str]:
    text = resources.files("sitrep").joinpath(ROLE_TITLES_FILE).read_text("utf-8")
    groups = yaml.safe_load(text)
    if not isinstance(groups, list):
        raise KnowledgeBaseError(f"{ROLE_TITLES_FILE}: expected a list of title groups")
    titles: dict[str, str] = {}
    for number, group in enumerate(groups, start=1):
        if not isinstance(group, list) or not group:
            raise KnowledgeBaseError(f"{ROLE_TITLES_FILE}: group {number} must be a list")
        for variant in group:
            titles[str(variant).lower()] = str(group[0]).lower()
    return titles
