"""The knowledge base: actors and places by id, every alias by key, roles by office."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from sitrep.kb.loader import CountryEntry
from sitrep.kb.names import alias_key, is_acronym, unique
from sitrep.schema import Actor, Role

# How much an alias says about whom it names; lookups prefer the strongest.
NAME, ALIAS, DERIVED, WEAK = 4, 3, 2, 1
PARTICLE_SURNAME_TYPES = ("PERSON",)


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One way of naming an actor: the actor, how strong the name is, and what kind it is."""

    actor_id: str
    strength: int
    kind: str  # name, alias, acronym, derived, ambiguous, seat, discovered


class KnowledgeBase:
    """Actors and places with their names, demonyms, capitals, seats and dated roles."""

    def __init__(self, actors: Iterable[Actor], countries: Iterable[CountryEntry]) -> None:
        self.actors: dict[str, Actor] = {}
        self.countries: dict[str, CountryEntry] = {c.code: c for c in countries}
        self._aliases: dict[str, list[AliasEntry]] = defaultdict(list)
        self._demonyms: dict[str, str] = {}
        self._capitals: dict[str, str] = {}
        self._roles: dict[str, list[tuple[str, Role]]] = defaultdict(list)
        for actor in actors:
            self.add(actor)
        for entry in self.countries.values():
            self._add_country_words(entry)

    # --- building -----------------------------------------------------------------------

    def add(self, actor: Actor, kind: str | None = None) -> None:
        """Add (or replace) an actor with all its names.

        GeoNames' many small places ("Un", "Of") rank below curated names and aliases, so
        a city never outranks "U.N." or a person's alias."""
        self.actors[actor.id] = actor
        gazetteer = actor.source == "geonames"
        self._index(actor.name, actor.id, DERIVED if gazetteer else NAME, "name")
        alias_strength = WEAK if gazetteer else ALIAS
        for alias in actor.aliases:
            alias_kind = kind or ("acronym" if is_acronym(alias) else "alias")
            self._index(alias, actor.id, alias_strength, alias_kind)
        for alias in actor.ambiguous_aliases:
            self._index(alias, actor.id, WEAK, "ambiguous")
        if actor.type in PARTICLE_SURNAME_TYPES:
            for short in particle_surnames(actor.name, actor.aliases):
                self._index(short, actor.id, DERIVED, "derived")
        for role in actor.roles:
            self._roles[role.title].append((actor.id, role))

    def _index(self, alias: str, actor_id: str, strength: int, kind: str) -> None:
        key = alias_key(alias)
        if not key:
            return
        entries = self._aliases[key]
        for i, entry in enumerate(entries):
            if entry.actor_id == actor_id:
                if strength > entry.strength:
                    entries[i] = AliasEntry(actor_id, strength, kind)
                return
        entries.append(AliasEntry(actor_id, strength, kind))

    def _add_country_words(self, entry: CountryEntry) -> None:
        for word in (*entry.adjectives, *entry.demonyms):
            self._demonyms.setdefault(alias_key(word), entry.code)
        if entry.capital:
            self._capitals.setdefault(alias_key(entry.capital), entry.code)
        for seat in entry.seats:
            self._index(seat, entry.code, ALIAS, "seat")

    # --- lookups ------------------------------------------------------------------------

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, if any."""
        return self.actors.get(actor_id)

    def candidates(self, surface: str) -> list[AliasEntry]:
        """Every actor a surface form may name, strongest first."""
        entries = self._aliases.get(alias_key(surface), [])
        return sorted(entries, key=lambda e: -e.strength)

    def lookup(self, name: str, day: str | None = None) -> list[Actor]:
        """Actors a name may refer to, best first (for queries that accept any alias)."""
        ranked = rank_candidates(self, self.candidates(name), day)
        return [self.actors[e.actor_id] for e in ranked if e.actor_id in self.actors]

    def country_of_demonym(self, word: str) -> str | None:
        """'Russian' -> 'RUS'."""
        return self._demonyms.get(alias_key(word))

    def country_of_capital(self, name: str) -> str | None:
        """'Moscow' -> 'RUS' (the capital as seat of government)."""
        return self._capitals.get(alias_key(name))

    def holders(self, title: str, of: str | None, day: str | None) -> list[Actor]:
        """Who holds an office (of a country code or org id) on a date, most recent first."""
        found = []
        for actor_id, role in self._roles.get(title, ()):
            if of is not None and role.of != of:
                continue
            if role.holds_on(day):
                found.append((role.start or "", actor_id))
        found.sort(reverse=True)
        return [self.actors[actor_id] for _start, actor_id in found if actor_id in self.actors]

    def latest_holder(self, title: str, of: str) -> Actor | None:
        """The most recent holder of an office, held now or not (for an article about someone
        who has just left it)."""
        best: tuple[str, str] | None = None
        for actor_id, role in self._roles.get(title, ()):
            if role.of == of and (best is None or (role.start or "") > best[0]):
                best = (role.start or "", actor_id)
        return self.actors.get(best[1]) if best else None

    def matcher_aliases(self) -> Iterator[tuple[str, str, str]]:
        """(surface form, actor id, alias kind) for every name worth matching in text."""
        for actor in self.actors.values():
            if actor.kind == "city" and not self._is_capital(actor):
                continue  # plain cities are linked from NER spans only: too many common words
            for name in unique((actor.name, *actor.aliases)):
                yield name, actor.id, "acronym" if is_acronym(name) else "alias"
            for name in actor.ambiguous_aliases:
                yield name, actor.id, "ambiguous"
            if actor.type in PARTICLE_SURNAME_TYPES:
                for short in particle_surnames(actor.name, actor.aliases):
                    yield short, actor.id, "derived"
        for entry in self.countries.values():
            for seat in entry.seats:
                yield seat, entry.code, "seat"

    def _is_capital(self, actor: Actor) -> bool:
        return self._capitals.get(alias_key(actor.name)) == actor.country


def rank_candidates(
    kb: KnowledgeBase,
    entries: list[AliasEntry],
    day: str | None,
    countries: Mapping[str, int] | None = None,
) -> list[AliasEntry]:
    """Order candidates: strongest name, then an office held on the day, then prominence."""

    def score(entry: AliasEntry) -> tuple[int, int, int, int]:
        actor = kb.actors.get(entry.actor_id)
        if actor is None:
            return (entry.strength, 0, 0, 0)
        active = any(role.holds_on(day) for role in actor.roles) if day else bool(actor.roles)
        local = (countries or {}).get(actor.country or "", 0)
        return (entry.strength, int(active), local, actor.population)

    return sorted(entries, key=score, reverse=True)


def particle_surnames(name: str, aliases: Iterable[str] = ()) -> list[str]:
    """Surname forms that keep an Arabic particle: 'Ahmed al-Sharaa' -> ['al-Sharaa']."""
    forms = []
    for full in (name, *aliases):
        words = full.replace("-", "- ").split()
        for i, word in enumerate(words[:-1]):
            if i > 0 and word.lower().rstrip("-") in (
                "al",
                "el",
                "ad",
                "ash",
                "as",
                "at",
                "az",
                "an",
            ):
                forms.append(" ".join(words[i:]).replace("- ", "-"))
                break
    return list(unique(forms))
