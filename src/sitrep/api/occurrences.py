"""Routes over occurrences: each real-world happening once, with reports, sources, accounts.

No `from __future__ import annotations`: see params.py.
"""

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from sitrep.api.models import PageInfo
from sitrep.api.params import (
    DatesDep,
    Day,
    EventType,
    KbDep,
    Page,
    StoreDep,
    actor_id,
    page_dependency,
    paged,
    text_query,
)
from sitrep.config import Settings
from sitrep.query.occurrences import get_occurrence, list_occurrences

AS_OF = "Only what had been reported (published) by this day (YYYY-MM-DD), counted as then."
AsOf = Annotated[Day, Query(description=AS_OF)]
# Most independent sources asked for: more than any happening has, still a small number.
MAX_SOURCES = 1000


class FirstReport(BaseModel):
    """The earliest report of an occurrence: its article, outlet and publication time."""

    doc_id: str
    outlet: str | None
    reported: str | None


class AccountOut(BaseModel):
    """What reports say about an occurrence: one figure or culprit, with who says it."""

    kind: str = Field(description="killed, wounded, missing, abducted, detained or blamed.")
    value: str = Field(description="As written: 'at least 12', 'Rapid Support Forces'.")
    number: float | None
    qualifier: str | None
    actor_id: str | None
    reports: int
    sources: int = Field(description="Independent sources giving this account.")
    outlets: list[str]
    first_reported: str | None
    disputed: bool = Field(description="Other reports give another value of this kind.")


class OccurrenceOut(BaseModel):
    """A happening: when it happened (valid time) apart from when it was reported."""

    id: str
    type: str
    status: str = Field(description="happened, denied or unrealised.")
    date: str | None = Field(description="When it happened: YYYY-MM-DD, YYYY-Www or YYYY-MM.")
    precision: str | None
    day: dt.date | None
    source: str | None
    source_id: str | None
    target: str | None
    target_id: str | None
    location: str | None
    location_id: str | None
    lat: float | None
    lon: float | None
    disputed: bool = Field(description="Reports blame different actors.")
    n_mentions: int
    n_reports: int
    n_independent_sources: int
    first_report: FirstReport
    outlets: list[str]
    as_of: dt.date | None
    accounts: list[AccountOut] = []


class OccurrencePage(PageInfo):
    """A page of occurrences, newest first."""

    items: list[OccurrenceOut]


class AttributionOut(BaseModel):
    """An outlet a report credits (whole story) or cites (one fact)."""

    outlet: str
    outlet_key: str
    kind: Literal["credit", "citation"]
    cue: str | None


class ReportOut(BaseModel):
    """One article reporting an occurrence."""

    doc_id: str
    title: str | None
    url: str | None
    outlet: str | None
    reported: str | None
    origin: str = Field(description="The independent source the article counts as.")
    via: str | None = Field(description="own, cluster (a near-duplicate) or credit.")
    sentences: list[str]
    event_ids: list[str]
    attributions: list[AttributionOut]


class OccurrenceDetail(OccurrenceOut):
    """One occurrence with its reports and accounts side by side."""

    reports: list[ReportOut]


def router(settings: Settings) -> APIRouter:
    """Routes over occurrences, with this app's caps."""
    api = APIRouter(tags=["occurrences"])
    PageDep = Annotated[Page, Depends(page_dependency(settings))]
    Name = Annotated[str | None, text_query(settings, "An actor: id, name or any alias.")]
    Status = Annotated[Literal["happened", "denied", "unrealised"], Query()]
    Sources = Annotated[
        int, Query(ge=1, le=MAX_SOURCES, description="At least this many independent sources.")
    ]

    @api.get("/api/occurrences")
    def occurrences(
        store: StoreDep, kb: KbDep, page: PageDep, dates: DatesDep, actor: Name = None,
        other: Name = None, type: EventType | None = None, as_of: AsOf = None,
        status: Status = "happened", min_sources: Sources = 1, accounts: bool = False,
    ) -> OccurrencePage:  # fmt: skip
        """Happenings newest first, each once: reports, independent sources, first report."""
        rows = list_occurrences(
            store, actor_id(store, kb, actor, "actor"), actor_id(store, kb, other, "other"),
            type, dates.since, dates.until, as_of, status, min_sources, accounts,
            page.limit + 1, page.offset,
        )  # fmt: skip
        return paged(OccurrencePage, rows, page)

    @api.get("/api/occurrences/{occurrence_id}")
    def occurrence(
        store: StoreDep,
        occurrence_id: Annotated[str, Path(max_length=settings.api_max_query_chars)],
        as_of: AsOf = None,
    ) -> OccurrenceDetail:
        """One happening with its reports (outlet, time, origin, credits) and accounts."""
        return OccurrenceDetail.model_validate(get_occurrence(store, occurrence_id, as_of))

    return api
