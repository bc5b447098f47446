"""When a predicted actor counts as the gold one: name keys, the knowledge base, one leniency."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sitrep.kb.names import alias_key

COUNTRY_KIND = "country"
PERSON = "PERSON"


class RoleLike(Protocol):
    """What the scorer reads of a knowledge-base role."""

    @property
    def of(self) -> str | None: ...

    def holds_on(self, day: str | None) -> bool: ...


class ActorLike(Protocol):
    """What the scorer reads of a knowledge-base actor."""

    @property
    def id(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def kind(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def roles(self) -> Sequence[RoleLike]: ...


class KBLike(Protocol):
    """The two knowledge-base lookups the scorer needs (sitrep.kb.KnowledgeBase has both)."""

    def lookup(self, name: str, day: str | None = None) -> Sequence[ActorLike]: ...

    def get(self, actor_id: str) -> ActorLike | None: ...


@dataclass(frozen=True, slots=True)
class Ref:
    """A predicted reference to an actor: its name, KB id and type, and entity id if any."""

    name: str | None
    kb_id: str | None = None
    type: str | None = None
    entity_id: str | None = None

    @property
    def is_null(self) -> bool:
        """True when nothing is named."""
        return not self.name and not self.entity_id


class Names:
    """Compares gold names with predicted references, with the knowledge base's help."""

    def __init__(self, kb: KBLike) -> None:
        self.kb = kb
        self._top: dict[tuple[str, str | None], ActorLike | None] = {}

    def top(self, name: str, day: str | None = None) -> ActorLike | None:
        """The knowledge base's best actor for a name (on a date), if any."""
        key = (name, day)
        if key not in self._top:
            found = self.kb.lookup(name, day)
            self._top[key] = found[0] if found else None
        return self._top[key]

    def same(self, gold: str | None, pred: Ref, day: str | None = None) -> bool:
        """Names match: equal keys, or the gold name's KB actor is the prediction's; null = null."""
        if gold is None or pred.is_null:
            return gold is None and pred.is_null
        if pred.name and alias_key(gold) == alias_key(pred.name):
            return True
        actor = self.top(gold, day)
        return bool(pred.kb_id) and actor is not None and actor.id == pred.kb_id

    def same_actor(self, gold: str | None, pred: Ref, day: str | None = None) -> bool:
        """`same`, or a predicted person serving the gold country on the day (not the reverse)."""
        if self.same(gold, pred, day):
            return True
        if gold is None or pred.is_null:
            return False
        country = self.country_code(gold, day)
        return country is not None and country in self.served_countries(pred, day)

    def country_code(self, name: str, day: str | None = None) -> str | None:
        """The country code when a gold name is a country, else None."""
        actor = self.top(name, day)
        if actor is None or actor.kind != COUNTRY_KIND:
            return None
        return actor.country or actor.id

    def served_countries(self, pred: Ref, day: str | None) -> set[str]:
        """Countries a predicted person serves on the day: KB `country` and roles `of` a country."""
        actor = self._actor_of(pred, day)
        if actor is None or actor.type != PERSON:
            return set()
        codes = {actor.country} if actor.country else set()
        for role in actor.roles:
            if role.of and role.holds_on(day) and self._is_country(role.of):
                codes.add(role.of)
        return codes

    def _actor_of(self, pred: Ref, day: str | None) -> ActorLike | None:
        if pred.kb_id:
            return self.kb.get(pred.kb_id)
        if pred.name and pred.type == PERSON:
            return self.top(pred.name, day)
        return None

    def _is_country(self, code: str) -> bool:
        actor = self.kb.get(code)
        return actor is not None and actor.kind == COUNTRY_KIND


class EntityIndex:
    """A contract's entities by id and by name key, to turn names and ids into references."""

    def __init__(self, entities: Iterable[Mapping[str, Any]]) -> None:
        self.by_id: dict[str, Mapping[str, Any]] = {}
        self.by_key: dict[str, Mapping[str, Any]] = {}
        for entity in entities:
            self.by_id[str(entity.get("id"))] = entity
            self.by_key.setdefault(alias_key(str(entity.get("name") or "")), entity)

    def ref(self, name: str | None, entity_id: str | None = None) -> Ref:
        """A reference from a name and an entity id, filling KB id and type from the entity."""
        entity = self.by_id.get(entity_id) if entity_id else None
        if entity is None and name:
            entity = self.by_key.get(alias_key(name))
        if entity is None:
            return Ref(name or None, None, None, entity_id or None)
        return Ref(
            name or entity.get("name"), entity.get("kb_id"), entity.get("type"), entity_id or None
        )
