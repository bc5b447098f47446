"""Routes over actors, their quotes, events and timelines; names accept any alias.

No `from __future__ import annotations`: see params.py.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from sitrep.api.models import ActorDetail, ActorPage, EventPage, QuotePage, Timeline
from sitrep.api.occurrences import AsOf
from sitrep.api.params import (
    DatesDep,
    EntityType,
    EventType,
    KbDep,
    Modality,
    Page,
    StoreDep,
    actor_id,
    page_dependency,
    paged,
    text_query,
)
from sitrep.config import Settings
from sitrep.query.actors import get_actor, list_actors
from sitrep.query.events import list_events
from sitrep.query.quotes import list_quotes
from sitrep.query.timeline import timeline as actor_timeline

COUNTRY = "^[A-Za-z]{3}$"  # ISO 3166 alpha-3, as the knowledge base writes countries


def router(settings: Settings) -> APIRouter:
    """Routes over actors, quotes, events and timelines, with this app's caps."""
    api = APIRouter(tags=["actors"])
    PageDep = Annotated[Page, Depends(page_dependency(settings))]
    Name = Annotated[str | None, text_query(settings, "An actor: id, name or any alias.")]
    Required = Annotated[str, text_query(settings, "An actor: id, name or any alias.")]
    Country = Annotated[str | None, Query(pattern=COUNTRY, description="ISO alpha-3 code.")]
    Hypothetical = Annotated[
        bool, Query(description="Include hypothetical, intended, undecided, denied, negated.")
    ]

    @api.get("/api/actors")
    def actors(
        store: StoreDep, kb: KbDep, page: PageDep, q: Name = None, type: EntityType | None = None,
        country: Country = None,
    ) -> ActorPage:  # fmt: skip
        """Actors, most mentioned first; `q` matches names and aliases."""
        rows = list_actors(store, kb, q, type, country, page.limit + 1, page.offset)
        return paged(ActorPage, rows, page)

    @api.get("/api/actors/{actor}")
    def actor(
        store: StoreDep, kb: KbDep,
        actor: Annotated[str, Path(max_length=settings.api_max_query_chars)],
    ) -> ActorDetail:  # fmt: skip
        """One actor by id or any alias: names, roles, counts, first and last seen."""
        found = actor_id(store, kb, actor, "actor")
        return ActorDetail.model_validate(get_actor(store, kb, str(found)))

    @api.get("/api/quotes")
    def quotes(
        store: StoreDep, kb: KbDep, page: PageDep, dates: DatesDep, by: Name = None,
        about: Name = None,
    ) -> QuotePage:  # fmt: skip
        """Quotes newest first: by a speaker, about an actor, between two dates."""
        rows = list_quotes(
            store, actor_id(store, kb, by, "by"), actor_id(store, kb, about, "about"),
            dates.since, dates.until, page.limit + 1, page.offset,
        )  # fmt: skip
        return paged(QuotePage, rows, page)

    @api.get("/api/events")
    def events(
        store: StoreDep, kb: KbDep, page: PageDep, dates: DatesDep, actor: Name = None,
        type: EventType | None = None, modality: Modality | None = None,
        include_hypothetical: Hypothetical = False, as_of: AsOf = None,
    ) -> EventPage:  # fmt: skip
        """Events newest first: an actor as source or target, of a PLOVER type and modality."""
        rows = list_events(
            store, actor=actor_id(store, kb, actor, "actor"), type=type, modality=modality,
            since=dates.since, until=dates.until, include_hypothetical=include_hypothetical,
            limit=page.limit + 1, offset=page.offset, as_of=as_of,
        )  # fmt: skip
        return paged(EventPage, rows, page)

    @api.get("/api/timeline")
    def timeline(store: StoreDep, kb: KbDep, actor: Required, other: Name = None) -> Timeline:
        """Events and quotes of an actor, or between two actors, oldest first."""
        first = str(actor_id(store, kb, actor, "actor"))
        second = actor_id(store, kb, other, "other")
        items = actor_timeline(store, first, second)
        return Timeline.model_validate({"actor": first, "other": second, "items": items})

    return api
