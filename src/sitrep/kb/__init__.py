"""Knowledge base: countries, cities, curated actors and facilities, and a user's own files."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from sitrep.errors import KnowledgeBaseError
from sitrep.kb.base import AliasEntry, KnowledgeBase, rank_candidates
from sitrep.kb.loader import load_actor_file, load_country_file
from sitrep.kb.names import alias_key, slug, token_norm
from sitrep.kb.places import capital_cities, city_actors, continent_actors, country_actors
from sitrep.schema import Actor

__all__ = [
    "AliasEntry", "KnowledgeBase", "alias_key", "load_kb", "rank_candidates", "slug",
    "token_norm",
]  # fmt: skip

KB_DIR = "data/kb"
ACTOR_DIRS = ("people", "orgs")
ACTOR_FILES = ("facilities.yaml", "regions.yaml")
COUNTRY_FILE = "countries.yaml"


@lru_cache(maxsize=4)
def load_kb(extra_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The packaged knowledge base plus a user's YAML files, loaded once per process.

    1. the country supplement and GeoNames cities;
    2. countries as actors, with their capitals' coordinates;
    3. curated people, organisations, facilities and regions;
    4. the user's files, whose entries replace packaged ones with the same id.
    """
    root = resources.files("sitrep").joinpath(KB_DIR)
    # 1. countries and cities
    countries = load_country_file(
        Path(COUNTRY_FILE), root.joinpath(COUNTRY_FILE).read_text("utf-8")
    )
    cities = city_actors()
    # 2. countries as actors
    actors: list[Actor] = list(country_actors(countries, capital_cities(countries, cities)))
    actors.extend(cities)
    actors.extend(continent_actors())
    # 3. curated files
    for name in _packaged_files(root):
        actors.extend(load_actor_file(Path(name), root.joinpath(name).read_text("utf-8")))
    # 4. user files
    for path in extra_files:
        actors.extend(load_actor_file(Path(path)))
    _check_unique([a for a in actors if a.source not in ("geonames",)], extra_files)
    return KnowledgeBase(actors, countries)


def _packaged_files(root: object) -> list[str]:
    names: list[str] = []
    for folder in ACTOR_DIRS:
        directory = root.joinpath(folder)  # type: ignore[attr-defined]
        names.extend(f"{folder}/{f.name}" for f in directory.iterdir() if f.name.endswith(".yaml"))
    return sorted(names) + list(ACTOR_FILES)


def _check_unique(actors: list[Actor], user_files: tuple[str, ...]) -> None:
    seen: dict[str, str] = {}
    user_names = {Path(p).name for p in user_files}
    for actor in actors:
        if actor.id in seen and actor.source not in user_names:
            raise KnowledgeBaseError(
                f"{actor.source}: id {actor.id!r} is already used in {seen[actor.id]}"
            )
        seen[actor.id] = actor.source
