"""Routes over stories and briefings: the story list, one story with its timeline, a briefing.

No `from __future__ import annotations`: see params.py.
"""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from sitrep.api.models import PageInfo, TimelineItem
from sitrep.api.params import (
    ApiError,
    DatesDep,
    KbDep,
    Page,
    StoreDep,
    actor_id,
    page_dependency,
    paged,
    text_query,
)
from sitrep.config import Settings
from sitrep.errors import NotFoundError
from sitrep.kb import KnowledgeBase
from sitrep.store import Store
from sitrep.stories import (
    actor_scope,
    build_briefing,
    get_story,
    list_stories,
    pair_scope,
    render,
    story_scope,
    story_timeline,
)
from sitrep.stories.briefing import Briefing, Scope

TEXT_FORMATS = {"md": "text/markdown", "html": "text/html"}


class StorySummary(BaseModel):
    """A story: articles about one thing over days (near-duplicates counted once)."""

    id: str
    label: str
    articles: int
    documents: int
    first_date: date
    last_date: date


class StoryPage(PageInfo):
    """A page of stories, most articles first."""

    items: list[StorySummary]


class StoryMember(BaseModel):
    """A document of a story; `counted` is false for a near-duplicate of another member."""

    id: str
    published: str | None
    published_date: date | None
    source: str | None
    title: str | None
    cluster_id: str | None
    counted: bool
    similarity: float | None


class StoryDetail(StorySummary):
    """One story: its documents and the events and quotes in them, oldest first."""

    members: list[StoryMember]
    timeline: list[TimelineItem]


class CitationOut(BaseModel):
    """A numbered source: `text` is the document's text[start:end], whitespace folded."""

    number: int
    doc_id: str
    start: int
    end: int
    text: str
    title: str | None
    outlet: str | None
    date: date | None
    date_estimated: bool


class LineOut(BaseModel):
    """A statement of the briefing and the numbers of the citations it rests on."""

    text: str
    citations: list[int]
    day: date | None


class SectionOut(BaseModel):
    """A section: key developments, set-apart events, quotes, stances or open questions."""

    key: str
    title: str
    level: int
    lines: list[LineOut]
    empty: str


class ScopeOut(BaseModel):
    """What a briefing covers."""

    kind: Literal["story", "actor", "pair"]
    ids: list[str]
    title: str


class BriefingOut(BaseModel):
    """A situation report built only from stored records, every line cited."""

    title: str
    scope: ScopeOut
    since: date | None
    until: date | None
    documents: int
    first: date | None
    last: date | None
    sections: list[SectionOut]
    citations: list[CitationOut]


def router(settings: Settings) -> APIRouter:
    """Routes over stories and briefings, with this app's caps."""
    api = APIRouter(tags=["stories"])
    PageDep = Annotated[Page, Depends(page_dependency(settings))]
    Name = Annotated[str | None, text_query(settings, "An actor: id, name or any alias.")]
    StoryId = Annotated[str | None, text_query(settings, "A story id or its 6+ char prefix.")]
    PathId = Annotated[
        str, Path(max_length=settings.api_max_query_chars, description="Id or 6+ char prefix.")
    ]
    Format = Annotated[
        Literal["json", "md", "html"],
        Query(description="json (default), md (Markdown, footnotes) or html (a page)."),
    ]
    text_responses: dict[int | str, dict[str, Any]] = {
        200: {"content": {kind: {"schema": {"type": "string"}} for kind in TEXT_FORMATS.values()}}
    }

    @api.get("/api/stories")
    def stories(store: StoreDep, page: PageDep, dates: DatesDep) -> StoryPage:
        """Stories running between two dates, most articles first."""
        rows = list_stories(store, dates.since, dates.until, page.limit + 1, page.offset)
        return paged(StoryPage, rows, page)

    @api.get("/api/stories/{story_id}")
    def story(store: StoreDep, story_id: PathId) -> StoryDetail:
        """One story by id or prefix: its documents and timeline of events and quotes."""
        try:
            found = get_story(store, story_id)
            timeline = story_timeline(store, found["id"])
        except NotFoundError as exc:
            raise ApiError(404, str(exc), "story_id") from None
        return StoryDetail.model_validate({**found, "timeline": timeline})

    @api.get("/api/brief", response_model=BriefingOut, responses=text_responses)
    def brief(
        store: StoreDep, kb: KbDep, dates: DatesDep, story: StoryId = None, actor: Name = None,
        a: Name = None, b: Name = None, format: Format = "json",
    ) -> Response | BriefingOut:  # fmt: skip
        """A cited situation report on one of: a story, an actor, or a pair (a and b)."""
        scope = _scope(store, kb, story, actor, a, b)
        briefing = build_briefing(store, scope, dates.since, dates.until)
        if format == "json":
            return _briefing_out(briefing)
        text = render(briefing, format)
        if format == "html":
            return HTMLResponse(text)
        return Response(text, media_type=f"{TEXT_FORMATS[format]}; charset=utf-8")

    return api


def _scope(
    store: Store, kb: KnowledgeBase, story: str | None, actor: str | None, a: str | None,
    b: str | None,
) -> Scope:  # fmt: skip
    """The one scope asked for, or a 4xx naming the parameter that is wrong."""
    given = [name for name, value in (("story", story), ("actor", actor), ("a", a or b)) if value]
    if not given:
        raise ApiError(422, "give one of story, actor, or a and b", "story")
    if len(given) > 1:
        raise ApiError(422, f"give only one of story, actor, or a and b (got {given})", given[1])
    if story:
        try:
            return story_scope(store, story)
        except NotFoundError as exc:
            raise ApiError(404, str(exc), "story") from None
    if actor:
        return actor_scope(store, kb, str(actor_id(store, kb, actor, "actor")))
    if not a or not b:
        raise ApiError(422, "a pair needs both a and b", "b" if a else "a")
    first, second = actor_id(store, kb, a, "a"), actor_id(store, kb, b, "b")
    return pair_scope(store, kb, str(first), str(second))


def _briefing_out(briefing: Briefing) -> BriefingOut:
    scope = briefing.scope
    return BriefingOut.model_validate(
        {
            "title": briefing.title, "since": briefing.since, "until": briefing.until,
            "documents": briefing.documents, "first": briefing.first, "last": briefing.last,
            "scope": {"kind": scope.kind, "ids": list(scope.ids), "title": scope.title},
            "sections": [
                {"key": s.key, "title": s.title, "level": s.level, "empty": s.empty,
                 "lines": [{"text": ln.text, "citations": list(ln.citations), "day": ln.day}
                           for ln in s.lines]}
                for s in briefing.sections
            ],
            "citations": [
                {"number": c.number, "doc_id": c.doc_id, "start": c.start, "end": c.end,
                 "text": c.text, "title": c.title, "outlet": c.outlet, "date": c.date,
                 "date_estimated": c.date_estimated}
                for c in briefing.citations
            ],
        }
    )  # fmt: skip
