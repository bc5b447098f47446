"""Read and validate knowledge-base YAML files; every error names the file and line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import KnowledgeBaseError
from sitrep.schema import Actor, Role

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FACILITY")
ACTOR_KEYS = frozenset({
    "id", "name", "type", "kind", "country", "code", "aliases", "ambiguous_aliases", "roles",
    "lat", "lon", "parent", "operator", "geonames_id",
})  # fmt: skip
COUNTRY_KEYS = frozenset({
    "code", "name", "aliases", "ambiguous_aliases", "historic", "adjectives", "demonyms",
    "capital", "seats",
})  # fmt: skip
ROLE_KEYS = frozenset({"title", "of", "code", "start", "end"})
# libyaml's parser is about ten times faster than the pure-Python one.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ALPHA3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class CountryEntry:
    """The supplement for one country: names news uses that pycountry lacks."""

    code: str
    name: str
    aliases: tuple[str, ...]
    ambiguous_aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    seats: tuple[str, ...]


def yaml_items(path: Path, text: str) -> Iterator[tuple[int, Any]]:
    """Yield (line number, value) for each item of a YAML list file."""
    try:
        loader = SafeLoader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                return
            if not isinstance(root, yaml.SequenceNode):
                raise KnowledgeBaseError(f"{path}:1: expected a list of entries")
            for node in root.value:
                line = node.start_mark.line + 1
                try:
                    value = loader.construct_object(node, deep=True)
                except ValueError as exc:  # e.g. a date like 2020-13-01
                    raise KnowledgeBaseError(f"{path}:{line}: bad value ({exc})") from None
                yield line, value
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise KnowledgeBaseError(f"{path}:{line}: not valid YAML ({exc.problem})") from None
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{path}: not valid YAML ({exc})") from None


def read_text(path: Path) -> str:
    """A data file's text, or a KnowledgeBaseError saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read ({exc})") from None


def load_actor_file(path: Path, text: str | None = None) -> list[Actor]:
    """Validated actors of one people/orgs/facilities/regions/user file."""
    text = read_text(path) if text is None else text
    source = path.name
    return [_actor(item, f"{path}:{line}", source) for line, item in yaml_items(path, text)]


def load_country_file(path: Path, text: str) -> list[CountryEntry]:
    """Validated entries of the country supplement."""
    return [_country(item, f"{path}:{line}") for line, item in yaml_items(path, text)]


def _actor(item: Any, where: str, source: str) -> Actor:
    entry = _mapping(item, where, ACTOR_KEYS)
    actor_id = _required_str(entry, "id", where)
    if not ID.match(actor_id):
        raise KnowledgeBaseError(
            f"{where}: id {actor_id!r} must be lowercase letters, digits, hyphens"
        )
    kind = entry.get("type")
    if kind not in ACTOR_TYPES:
        raise KnowledgeBaseError(f"{where}: type {kind!r} is not one of {', '.join(ACTOR_TYPES)}")
    lat, lon = _coordinate(entry, "lat", 90, where), _coordinate(entry, "lon", 180, where)
    return Actor(
        id=actor_id, name=_required_str(entry, "name", where), type=kind,
        kind=_optional_str(entry, "kind", where), country=_alpha3(entry.get("country"), where),
        code=_optional_str(entry, "code", where), aliases=_strings(entry, "aliases", where),
        ambiguous_aliases=_strings(entry, "ambiguous_aliases", where),
        roles=tuple(_role(r, where) for r in _list(entry, "roles", where)),
        lat=lat, lon=lon, parent=_optional_str(entry, "parent", where) or
        _optional_str(entry, "operator", where), source=source,
    )  # fmt: skip


def _country(item: Any, where: str) -> CountryEntry:
    entry = _mapping(item, where, COUNTRY_KEYS)
    code = _alpha3(entry.get("code"), where)
    if code is None:
        raise KnowledgeBaseError(f"{where}: missing 'code' (ISO 3166 alpha-3)")
    return CountryEntry(
        code=code, name=_required_str(entry, "name", where),
        aliases=_strings(entry, "aliases", where) + _strings(entry, "historic", where),
        ambiguous_aliases=_strings(entry, "ambiguous_aliases", where),
        adjectives=_strings(entry, "adjectives", where),
        demonyms=_strings(entry, "demonyms", where),
        capital=_optional_str(entry, "capital", where), seats=_strings(entry, "seats", where),
    )  # fmt: skip


def _role(item: Any, where: str) -> Role:
    entry = _mapping(item, where, ROLE_KEYS, what="role")
    start, end = _date(entry.get("start"), where), _date(entry.get("end"), where)
    if start and end and end < start:
        raise KnowledgeBaseError(f"{where}: role ends ({end}) before it starts ({start})")
    title = _required_str(entry, "title", where).lower()
    return Role(
        title=title, code=_optional_str(entry, "code", where),
        of=_optional_str(entry, "of", where), start=start, end=end,
    )  # fmt: skip


def _mapping(item: Any, where: str, keys: frozenset[str], what: str = "entry") -> dict[str, Any]:
    if not isinstance(item, dict):
        raise KnowledgeBaseError(f"{where}: each {what} must be a mapping of keys to values")
    unknown = sorted(set(item) - keys)
    if unknown:
        valid = ", ".join(sorted(keys))
        raise KnowledgeBaseError(
            f"{where}: unknown key {unknown[0]!r} in {what}; valid keys: {valid}"
        )
    return item


def _required_str(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeBaseError(f"{where}: missing or empty {key!r}")
    return value.strip()


def _optional_str(entry: dict[str, Any], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise KnowledgeBaseError(f"{where}: {key!r} must be text, not {type(value).__name__}")
    return value.strip() or None


def _list(entry: dict[str, Any], key: str, where: str) -> list[Any]:
    value = entry.get(key) or []
    if not isinstance(value, list):
        raise KnowledgeBaseError(f"{where}: {key!r} must be a list")
    return value


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = _list(entry, key, where)
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise KnowledgeBaseError(f"{where}: every item of {key!r} must be non-empty text")
    return tuple(v.strip() for v in values)


def _alpha3(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not ALPHA3.match(value):
        raise KnowledgeBaseError(f"{where}: country {value!r} is not an ISO 3166 alpha-3 code")
    return value


def _coordinate(entry: dict[str, Any], key: str, limit: int, where: str) -> float | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > limit:
        raise KnowledgeBaseError(f"{where}: {key} {value!r} is not a number within ±{limit}")
    return float(value)


def _date(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise KnowledgeBaseError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None
