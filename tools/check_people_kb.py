#!/usr/bin/env python3
"""Check the people part of the knowledge base (src/sitrep/data/kb/people/*.yaml).

Verifies the schema of every entry, that ids are unique across files, that role
codes, organisation ids and dates are well formed, and reports aliases shared by
several people (sitrep then disambiguates by date, so each must be intended).

Usage: python3 tools/check_people_kb.py [people_dir]
Exit status 0 when there are no errors (warnings and shared aliases do not fail).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PEOPLE_DIR = ROOT / "src" / "sitrep" / "data" / "kb" / "people"
COUNTRIES_FILE = ROOT / "src" / "sitrep" / "data" / "kb" / "countries.yaml"
ORGS_DIR = ROOT / "src" / "sitrep" / "data" / "kb" / "orgs"

MIN_PEOPLE = 420
KINDS = {
    "head_of_state",
    "head_of_government",
    "leader",
    "minister",
    "official",
    "military",
    "spokesperson",
    "igo_official",
    "politician",
    "monarch",
    "militant",
}
REQUIRED = ("id", "name", "type", "kind", "country", "aliases", "roles")
ALLOWED_KEYS = set(REQUIRED)
ROLE_KEYS = {"title", "of", "code", "start", "end"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ALPHA3_RE = re.compile(r"^[A-Z]{3}$")
CODE_RE = re.compile(r"^(?:[A-Z]{3}(?:GOV|MIL|REB|OPP|LEG|JUD|SPY|PTY)|IGO)$")

# Variants sitrep generates itself; an alias that only differs by these is redundant.
_PREFIX_RE = re.compile(r"\b(?:al|el)[- ]", re.IGNORECASE)
_MOHAMMED_RE = re.compile(
    r"\b(?:mohammad|mohammed|muhammad|mohamed|muhammed|mohamad)\b", re.IGNORECASE
)


_TRANSLIT = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
    }
)


def slugify(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("'", "").replace("\u2019", "").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")


def mechanical_key(alias: str) -> str:
    key = _MOHAMMED_RE.sub("mohammed", alias)
    key = _PREFIX_RE.sub("", key)
    return " ".join(key.casefold().split())


def load_known_countries() -> set[str]:
    if not COUNTRIES_FILE.exists():
        return set()
    data = yaml.safe_load(COUNTRIES_FILE.read_text(encoding="utf-8")) or []
    return {row["code"] for row in data if isinstance(row, dict) and "code" in row}


def load_defined_orgs() -> set[str]:
    found: set[str] = set()
    for path in sorted(ORGS_DIR.glob("*.yaml")) if ORGS_DIR.exists() else []:
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(row, dict) and "id" in row:
                found.add(row["id"])
    return found


def main(argv: list[str]) -> int:
    people_dir = Path(argv[1]) if len(argv) > 1 else PEOPLE_DIR
    files = sorted(people_dir.glob("*.yaml"))
    errors: list[str] = []
    warnings: list[str] = []
    known_countries = load_known_countries()
    defined_orgs = load_defined_orgs()
    today = dt.date.today()

    ids: dict[str, str] = {}
    alias_owners: dict[str, set[str]] = defaultdict(set)
    name_owner: dict[str, str] = {}
    per_file: dict[str, int] = {}

    for path in files:
        text = path.read_text(encoding="utf-8")
        if not text.startswith("#"):
            errors.append(f"{path.name}: missing the one-line comment at the top")
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            errors.append(f"{path.name}: YAML error: {exc}")
            continue
        if not isinstance(data, list):
            errors.append(f"{path.name}: top level must be a list")
            continue
        per_file[path.name] = len(data)
        for i, person in enumerate(data):
            where = f"{path.name}[{i}]"
            if not isinstance(person, dict):
                errors.append(f"{where}: entry is not a mapping")
                continue
            pid = person.get("id")
            where = f"{path.name}:{pid}"
            for key in REQUIRED:
                if key not in person:
                    errors.append(f"{where}: missing field {key!r}")
            for key in person:
                if key not in ALLOWED_KEYS:
                    errors.append(f"{where}: unknown field {key!r}")
            if not isinstance(pid, str) or not ID_RE.match(pid):
                errors.append(f"{where}: bad id {pid!r}")
            elif pid in ids:
                errors.append(f"{where}: duplicate id (also in {ids[pid]})")
            else:
                ids[pid] = path.name
            name = person.get("name")
            if not isinstance(name, str) or not name.strip():
                errors.append(f"{where}: bad name {name!r}")
                name = ""
            elif isinstance(pid, str) and slugify(name) != pid:
                warnings.append(f"{where}: id differs from slug of name ({slugify(name)})")
            if person.get("type") != "PERSON":
                errors.append(f"{where}: type must be PERSON")
            if person.get("kind") not in KINDS:
                errors.append(f"{where}: bad kind {person.get('kind')!r}")
            country = person.get("country")
            if not isinstance(country, str) or not ALPHA3_RE.match(country):
                errors.append(f"{where}: bad country {country!r}")
            elif known_countries and country not in known_countries:
                warnings.append(f"{where}: country {country} not in countries.yaml")

            aliases = person.get("aliases")
            if not isinstance(aliases, list):
                errors.append(f"{where}: aliases must be a list")
                aliases = []
            seen_keys = {mechanical_key(name)} if name else set()
            for alias in aliases:
                if not isinstance(alias, str) or not alias.strip():
                    errors.append(f"{where}: bad alias {alias!r}")
                    continue
                if alias.casefold() == name.casefold():
                    errors.append(f"{where}: alias {alias!r} repeats the name")
                    continue
                key = mechanical_key(alias)
                if key in seen_keys:
                    warnings.append(
                        f"{where}: alias {alias!r} is a mechanical variant sitrep generates"
                    )
                seen_keys.add(key)
                alias_owners[alias.casefold()].add(pid)
            if name:
                if name.casefold() in name_owner:
                    errors.append(f"{where}: same name as {name_owner[name.casefold()]}")
                name_owner[name.casefold()] = pid

            roles = person.get("roles")
            if not isinstance(roles, list) or not roles:
                errors.append(f"{where}: roles must be a non-empty list")
                roles = []
            for j, role in enumerate(roles):
                rw = f"{where} role {j}"
                if not isinstance(role, dict):
                    errors.append(f"{rw}: not a mapping")
                    continue
                for key in role:
                    if key not in ROLE_KEYS:
                        errors.append(f"{rw}: unknown key {key!r}")
                for key in ("title", "of", "code", "start"):
                    if key not in role:
                        errors.append(f"{rw}: missing {key!r}")
                title = role.get("title")
                if not isinstance(title, str) or not title.strip():
                    errors.append(f"{rw}: bad title {title!r}")
                elif all(w[0].isupper() for w in title.split() if w[0].isalpha() and len(w) > 3):
                    warnings.append(f"{rw}: title is Title Cased, use lower case: {title!r}")
                of = role.get("of")
                if not isinstance(of, str) or not (ALPHA3_RE.match(of) or ID_RE.match(of)):
                    errors.append(f"{rw}: bad 'of' {of!r}")
                elif not ALPHA3_RE.match(of) and defined_orgs and of not in defined_orgs:
                    errors.append(f"{rw}: organisation {of!r} not defined in orgs/*.yaml")
                elif ALPHA3_RE.match(of) and known_countries and of not in known_countries:
                    warnings.append(f"{rw}: 'of' {of} not in countries.yaml")
                code = role.get("code")
                if not isinstance(code, str) or not CODE_RE.match(code):
                    errors.append(f"{rw}: bad code {code!r}")
                elif ALPHA3_RE.match(str(of)) and code != "IGO" and code[:3] != of:
                    warnings.append(f"{rw}: code {code} does not match 'of' {of}")
                start, end = role.get("start"), role.get("end")
                if not isinstance(start, dt.date):
                    errors.append(f"{rw}: start must be a YYYY-MM-DD date, got {start!r}")
                elif start > today:
                    errors.append(f"{rw}: start {start} is in the future")
                if end is not None:
                    if not isinstance(end, dt.date):
                        errors.append(f"{rw}: end must be a YYYY-MM-DD date, got {end!r}")
                    elif isinstance(start, dt.date) and start > end:
                        errors.append(f"{rw}: start {start} after end {end}")
                    elif end > today:
                        errors.append(f"{rw}: end {end} is in the future")

    for alias, owners in sorted(alias_owners.items()):
        if len(owners) > 1:
            warnings.append(f"alias {alias!r} shared by: {', '.join(sorted(owners))}")
        other = name_owner.get(alias)
        if other and other not in owners:
            holders = ", ".join(sorted(owners))
            warnings.append(f"alias {alias!r} of {holders} is the name of {other}")

    total = sum(per_file.values())
    for fname, count in per_file.items():
        print(f"{fname}: {count} people")
    print(f"total: {total} people")
    if total < MIN_PEOPLE:
        errors.append(f"only {total} people, need at least {MIN_PEOPLE}")
    for w in warnings:
        print(f"WARNING: {w}")
    for e in errors:
        print(f"ERROR: {e}")
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
