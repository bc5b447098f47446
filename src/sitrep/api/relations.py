"""Routes over stance relations, the relations graph and the map's places.

No `from __future__ import annotations`: see params.py.
"""

from typing import Annotated

from fastapi import APIRouter, Query

from sitrep.api.models import Graph, Places, Relations
from sitrep.api.occurrences import AsOf
from sitrep.api.params import DatesDep, KbDep, StoreDep, actor_id, text_query
from sitrep.config import Settings
from sitrep.query.places import located_entities, located_events
from sitrep.query.relations import GRAPH_EDGES, relation_graph, relations

# Most edges or places one response carries; past this a browser drawing is unreadable.
MAX_DRAWN = 2000


def router(settings: Settings) -> APIRouter:
    """Routes over relations, the graph and places, with this app's caps."""
    api = APIRouter(tags=["relations"])
    Name = Annotated[str | None, text_query(settings, "An actor: id, name or any alias.")]
    Required = Annotated[str, text_query(settings, "An actor: id, name or any alias.")]
    Drawn = Annotated[int, Query(ge=1, le=MAX_DRAWN, description=f"At most {MAX_DRAWN}.")]

    @api.get("/api/relations")
    def stances(
        store: StoreDep, kb: KbDep, a: Required, b: Name = None, as_of: AsOf = None
    ) -> Relations:
        """Stance between a and b (both ways), or all of a's: weekly means with evidence."""
        first = str(actor_id(store, kb, a, "a"))
        second = actor_id(store, kb, b, "b")
        found = relations(store, first, second, as_of=as_of)
        return Relations.model_validate({"a": first, "b": second, "relations": found})

    @api.get("/api/graph")
    def graph(store: StoreDep, kb: KbDep, actor: Name = None, limit: Drawn = GRAPH_EDGES) -> Graph:
        """Actors as nodes, stances as directed edges (mean stance, number of records)."""
        around = actor_id(store, kb, actor, "actor")
        return Graph.model_validate(relation_graph(store, around, limit))

    @api.get("/api/places")
    def places(
        store: StoreDep, kb: KbDep, dates: DatesDep, actor: Name = None, limit: Drawn = 500
    ) -> Places:
        """Located entities and events (of an actor, between two dates) for the map."""
        around = actor_id(store, kb, actor, "actor")
        entities = located_entities(store, limit)
        events = located_events(store, around, dates.since, dates.until, limit)
        return Places.model_validate({"entities": entities, "events": events})

    return api
