#!/usr/bin/env python3
"""Check the organisation, facility, country and region files of the knowledge base.

Loads every file with yaml.safe_load, checks fields and shapes, ids unique across
files, required ids present, minimum counts, and lists aliases that two entries
share. Exits 1 when a hard error is found; shared aliases are reported, and those
in two entries' plain `aliases` count as errors.

Usage: python3 tools/check_orgs_kb.py [KB_DIR]
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

KB_DEFAULT = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "data" / "kb"

REQUIRED_IDS = [
    "united-nations",
    "nato",
    "european-union",
    "european-commission",
    "european-council",
    "african-union",
    "arab-league",
    "opec",
    "iaea",
    "who",
    "international-criminal-court",
    "ecowas",
    "asean",
    "gulf-cooperation-council",
    "hayat-tahrir-al-sham",
    "hamas",
    "hezbollah",
    "houthis",
    "wagner-group",
    "africa-corps",
    "syrian-democratic-forces",
    "islamic-state",
    "al-qaeda",
    "taliban",
    "rapid-support-forces",
    "sudanese-armed-forces",
    "palestinian-authority",
    "fatah",
    "palestinian-islamic-jihad",
    "libyan-national-army",
    "jnim",
    "al-shabaab",
    "boko-haram",
    "m23",
    "israel-defense-forces",
    "russian-armed-forces",
    "armed-forces-of-ukraine",
    "islamic-revolutionary-guard-corps",
    "kurdistan-workers-party",
    "popular-mobilization-forces",
    "syrian-national-army",
    "un-security-council",
    "world-bank",
    "international-monetary-fund",
    "g7",
    "g20",
    "brics",
    "un-human-rights-council",
    "unrwa",
    "unicef",
    "wfp",
    "unhcr",
]

# Minimum counts the brief asks for.
MINIMUMS = {
    "orgs": 220,
    "media": 100,
    "armed_group": 40,
    "igo": 30,
    "facilities": 40,
    "countries": 195,
    "regions": 60,
}

ORG_KINDS = {
    "armed_group",
    "party",
    "igo",
    "media",
    "government",
    "military",
    "intelligence",
    "company",
    "ngo",
    "movement",
}
FACILITY_KINDS = {
    "air_base",
    "naval_base",
    "army_base",
    "nuclear_site",
    "port",
    "crossing",
    "bridge",
    "power_plant",
    "prison",
    "airport",
}
REGION_KINDS = {"region", "territory", "sea", "strait", "river", "mountain", "disputed"}

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ALPHA3 = re.compile(r"^[A-Z]{3}$")
CODE = re.compile(r"^(?:[A-Z]{3}(?:GOV|MIL|REB|OPP|PTY|MED|SPY|BUS|NGO|LEG|JUD)|IGO|MED|NGO|BUS)$")
# CAMEO prefixes that are not countries: international militarized groups.
NON_STATE_PREFIXES = {"IMG"}

ORG_KEYS = {
    "id",
    "name",
    "type",
    "kind",
    "country",
    "code",
    "aliases",
    "ambiguous_aliases",
    "roles",
    "parent",
}
FACILITY_KEYS = {
    "id",
    "name",
    "type",
    "kind",
    "country",
    "operator",
    "aliases",
    "ambiguous_aliases",
    "lat",
    "lon",
}
REGION_KEYS = {
    "id",
    "name",
    "type",
    "kind",
    "country",
    "aliases",
    "ambiguous_aliases",
    "lat",
    "lon",
}
COUNTRY_KEYS = {
    "code",
    "name",
    "aliases",
    "ambiguous_aliases",
    "historic",
    "adjectives",
    "demonyms",
    "capital",
    "seats",
}


class Report:
    """Collects errors and notes, naming the file and entry."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")


def load(path: Path, report: Report) -> list[dict]:
    """Load one YAML list file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        report.error(str(path), f"does not load: {exc}")
        return []
    if not path.read_text(encoding="utf-8").startswith("#"):
        report.error(str(path), "no comment line at the top")
    if not isinstance(data, list):
        report.error(str(path), "top level is not a list")
        return []
    return data


def check_strings(where: str, entry: dict, key: str, report: Report) -> None:
    """Check that entry[key], when present, is a list of non-empty strings."""
    value = entry.get(key)
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        report.error(where, f"{key} must be a list of non-empty strings")


def is_date(value: object) -> bool:
    """True for a date or an ISO date string."""
    if isinstance(value, dt.date):
        return True
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
            return True
        except ValueError:
            return False
    return False


def check_coords(where: str, entry: dict, report: Report) -> None:
    """Check lat and lon are numbers in range."""
    lat, lon = entry.get("lat"), entry.get("lon")
    if not isinstance(lat, (int, float)) or not -90 <= lat <= 90:
        report.error(where, f"lat {lat!r} not in [-90, 90]")
    if not isinstance(lon, (int, float)) or not -180 <= lon <= 180:
        report.error(where, f"lon {lon!r} not in [-180, 180]")


def check_org(where: str, e: dict, report: Report) -> None:
    """Check one organisation entry."""
    for key in sorted(set(e) - ORG_KEYS):
        report.error(where, f"unknown key {key!r}")
    if e.get("type") != "ORG":
        report.error(where, f"type {e.get('type')!r} is not ORG")
    if e.get("kind") not in ORG_KINDS:
        report.error(where, f"kind {e.get('kind')!r} not in {sorted(ORG_KINDS)}")
    country = e.get("country")
    if country is not None and not ALPHA3.match(str(country)):
        report.error(where, f"country {country!r} is not alpha-3 or null")
    if not CODE.match(str(e.get("code", ""))):
        report.error(where, f"code {e.get('code')!r} is not CAMEO-shaped")
    for role in e.get("roles") or []:
        if (
            not isinstance(role, dict)
            or not role.get("title")
            or not CODE.match(str(role.get("code", "")))
        ):
            report.error(where, f"bad role {role!r}")
        elif not is_date(role.get("start")) or ("end" in role and not is_date(role["end"])):
            report.error(where, f"role dates must be ISO dates: {role!r}")


def check_facility(where: str, e: dict, report: Report) -> None:
    """Check one facility entry."""
    for key in sorted(set(e) - FACILITY_KEYS):
        report.error(where, f"unknown key {key!r}")
    if e.get("type") != "FACILITY":
        report.error(where, f"type {e.get('type')!r} is not FACILITY")
    if e.get("kind") not in FACILITY_KINDS:
        report.error(where, f"kind {e.get('kind')!r} not in {sorted(FACILITY_KINDS)}")
    if not ALPHA3.match(str(e.get("country"))):
        report.error(where, f"country {e.get('country')!r} is not alpha-3")
    check_coords(where, e, report)


def check_region(where: str, e: dict, report: Report) -> None:
    """Check one region entry."""
    for key in sorted(set(e) - REGION_KEYS):
        report.error(where, f"unknown key {key!r}")
    if e.get("type") != "LOC":
        report.error(where, f"type {e.get('type')!r} is not LOC")
    if e.get("kind") not in REGION_KINDS:
        report.error(where, f"kind {e.get('kind')!r} not in {sorted(REGION_KINDS)}")
    country = e.get("country")
    if country is not None and not ALPHA3.match(str(country)):
        report.error(where, f"country {country!r} is not alpha-3 or null")
    check_coords(where, e, report)


def check_country(where: str, e: dict, report: Report) -> None:
    """Check one country supplement entry."""
    for key in sorted(set(e) - COUNTRY_KEYS):
        report.error(where, f"unknown key {key!r}")
    if not ALPHA3.match(str(e.get("code"))):
        report.error(where, f"code {e.get('code')!r} is not alpha-3")
    for key in ("name", "capital"):
        if not isinstance(e.get(key), str) or not e[key].strip():
            report.error(where, f"missing {key}")
    for key in ("aliases", "ambiguous_aliases", "historic", "adjectives", "demonyms", "seats"):
        check_strings(where, e, key, report)


def norm(alias: str) -> str:
    """Fold an alias the way matching will: case, quotes, a leading article or al-/el-."""
    s = alias.replace("\u2019", "'").casefold().strip()
    s = re.sub(r"^(the|al|el|an)[- ]", "", s)
    return re.sub(r"[\s\-]+", " ", s)


def surface_forms(e: dict, is_country: bool) -> tuple[set[str], set[str]]:
    """Return (plain, ambiguous) normalised names an entry answers to."""
    keys = (
        ("name", "aliases", "historic", "seats", "capital") if is_country else ("name", "aliases")
    )
    plain: set[str] = set()
    for key in keys:
        value = e.get(key)
        for v in [value] if isinstance(value, str) else value or []:
            plain.add(norm(v))
    ambiguous = {norm(v) for v in e.get("ambiguous_aliases") or []} - plain
    return plain, ambiguous


def main(argv: list[str]) -> int:
    """Run every check and print a report."""
    kb = Path(argv[1]) if len(argv) > 1 else KB_DEFAULT
    report = Report()
    entries: list[tuple[str, str, dict]] = []  # (file, key, entry)

    org_files = sorted((kb / "orgs").glob("*.yaml"))
    for path in org_files:
        for e in load(path, report):
            entries.append((f"orgs/{path.name}", "org", e))
    for name, kind in (
        ("facilities.yaml", "facility"),
        ("regions.yaml", "region"),
        ("countries.yaml", "country"),
    ):
        for e in load(kb / name, report):
            entries.append((name, kind, e))

    checkers = {
        "org": check_org,
        "facility": check_facility,
        "region": check_region,
        "country": check_country,
    }
    ids: Counter[str] = Counter()
    for fname, kind, e in entries:
        key = e.get("code") if kind == "country" else e.get("id")
        where = f"{fname}:{key}"
        if kind != "country":
            if not isinstance(key, str) or not SLUG.match(key):
                report.error(where, "id is not a lowercase slug")
            if not isinstance(e.get("name"), str) or not e["name"].strip():
                report.error(where, "missing name")
            check_strings(where, e, "aliases", report)
            check_strings(where, e, "ambiguous_aliases", report)
        ids[f"{kind == 'country'}:{key}"] += 1
        checkers[kind](where, e, report)
    for key, n in ids.items():
        if n > 1:
            report.error(key.split(":", 1)[1], f"defined {n} times")

    # References: countries, parents, operators, required ids.
    country_codes = {e["code"] for _, k, e in entries if k == "country"}
    entity_ids = {e.get("id") for _, k, e in entries if k != "country"}
    for fname, kind, e in entries:
        if kind == "country":
            continue
        where = f"{fname}:{e.get('id')}"
        if e.get("country") is not None and e["country"] not in country_codes:
            report.error(where, f"country {e['country']} not in countries.yaml")
        if kind == "org":
            codes = [e.get("code", "")] + [
                r.get("code", "") for r in e.get("roles") or [] if isinstance(r, dict)
            ]
            for code in codes:
                prefix = code[:3]
                if len(code) > 3 and prefix not in country_codes | NON_STATE_PREFIXES:
                    report.error(where, f"code {code} starts with unknown country {prefix}")
        for ref_key in ("parent", "operator"):
            ref = e.get(ref_key)
            if ref is not None and ref not in entity_ids and ref not in country_codes:
                report.error(where, f"{ref_key} {ref!r} is neither an id nor a country code")
    missing = [i for i in REQUIRED_IDS if i not in entity_ids]
    for i in missing:
        report.error("required", f"id {i!r} missing")

    # Counts.
    orgs = [e for _, k, e in entries if k == "org"]
    by_kind = Counter(e.get("kind") for e in orgs)
    counts = {
        "orgs": len(orgs),
        "media": by_kind["media"],
        "armed_group": by_kind["armed_group"],
        "igo": by_kind["igo"],
        "facilities": sum(k == "facility" for _, k, _e in entries),
        "countries": sum(k == "country" for _, k, _e in entries),
        "regions": sum(k == "region" for _, k, _e in entries),
    }
    print("Counts:")
    for fname in sorted({f for f, _, _e in entries}):
        n = sum(f == fname for f, _, _e in entries)
        print(f"  {fname}: {n}")
    print("  org kinds: " + ", ".join(f"{k}={n}" for k, n in sorted(by_kind.items())))
    for key, minimum in MINIMUMS.items():
        flag = "ok" if counts[key] >= minimum else "TOO FEW"
        print(f"  {key}: {counts[key]} (minimum {minimum}) {flag}")
        if counts[key] < minimum:
            report.error("counts", f"{key} has {counts[key]}, needs {minimum}")

    # Shared aliases across entries.
    plain_owner: dict[str, set[str]] = defaultdict(set)
    amb_owner: dict[str, set[str]] = defaultdict(set)
    for _fname, kind, e in entries:
        label = f"{'country:' + e['code'] if kind == 'country' else e.get('id')}"
        plain, ambiguous = surface_forms(e, kind == "country")
        for a in plain:
            plain_owner[a].add(label)
        for a in ambiguous:
            amb_owner[a].add(label)
    hard = {a: o for a, o in plain_owner.items() if len(o) > 1}
    soft = {
        a: (plain_owner.get(a, set()), o)
        for a, o in amb_owner.items()
        if len(o) > 1 or plain_owner.get(a)
    }
    print(f"Aliases in the plain aliases of two entries: {len(hard)}")
    for a, owners in sorted(hard.items()):
        print(f"  {a!r}: {sorted(owners)}")
        report.error("aliases", f"{a!r} shared by {sorted(owners)}")
    print(f"Ambiguous aliases also used by another entry (resolved by context): {len(soft)}")
    for a, (plain, amb) in sorted(soft.items()):
        print(f"  {a!r}: plain {sorted(plain)}, ambiguous {sorted(amb)}")

    # Adjectives and demonyms must point at one country only.
    adjective_owner: dict[str, set[str]] = defaultdict(set)
    for _, kind, e in entries:
        if kind == "country":
            for v in (e.get("adjectives") or []) + (e.get("demonyms") or []):
                adjective_owner[norm(v)].add(e["code"])
    shared_adjectives = {a: o for a, o in adjective_owner.items() if len(o) > 1}
    print(f"Adjectives or demonyms shared by two countries: {len(shared_adjectives)}")
    for a, owners in sorted(shared_adjectives.items()):
        print(f"  {a!r}: {sorted(owners)}")
        report.error("adjectives", f"{a!r} shared by {sorted(owners)}")

    if report.errors:
        print(f"{len(report.errors)} error(s):")
        for err in report.errors:
            print("  " + err)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
