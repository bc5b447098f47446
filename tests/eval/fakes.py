"""A small knowledge base for the scorer's tests: a few countries and people, no files."""

from __future__ import annotations

from sitrep.kb.names import alias_key
from sitrep.schema import Actor, Role


class FakeKB:
    """Looks names up in a handful of actors (what eval.names.KBLike asks for)."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = {a.id: a for a in actors}
        self.by_key: dict[str, list[Actor]] = {}
        for actor in actors:
            for name in (actor.name, *actor.aliases):
                self.by_key.setdefault(alias_key(name), []).append(actor)

    def lookup(self, name: str, day: str | None = None) -> list[Actor]:
        """Actors with this name or alias, in the order given."""
        return list(self.by_key.get(alias_key(name), []))

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id."""
        return self.actors.get(actor_id)


def country(code: str, name: str, *aliases: str) -> Actor:
    """A country actor, the way sitrep's KB writes them (id and country are the code)."""
    return Actor(code, name, "GPE", kind="country", country=code, aliases=aliases)


def fake_kb() -> FakeKB:
    """Russia, Syria, Putin (serves Russia by his `country`), a minister who serves Syria only
    through a role starting 2025-01-29, a facility, and a media outlet."""
    return FakeKB(
        [
            country("RUS", "Russia", "Kremlin", "Russian Federation"),
            country("SYR", "Syria"),
            Actor("geonames:170654", "Damascus", "GPE", kind="city", country="SYR"),
            Actor(
                "vladimir-putin",
                "Vladimir Putin",
                "PERSON",
                country="RUS",
                roles=(Role("president", "RUSGOV", of="RUS", start="2012-05-07"),),
            ),
            Actor(
                "murhaf-abu-qasra",
                "Murhaf Abu Qasra",
                "PERSON",
                roles=(Role("defence minister", "SYRGOV", of="SYR", start="2025-01-29"),),
            ),
            Actor("khmeimim-air-base", "Khmeimim Air Base", "FACILITY", aliases=("Hmeimim",)),
            Actor("al-arabiya", "Al Arabiya", "ORG", kind="media"),
        ]
    )
