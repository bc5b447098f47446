"""Every response body of the REST API, typed for the OpenAPI schema."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    """What went wrong, and which parameter (if one) caused it."""

    error: str
    parameter: str | None = None


class PageInfo(BaseModel):
    """Offset pagination: the window asked for and where the next page starts (if any)."""

    limit: int
    offset: int
    next_offset: int | None


# --- documents --------------------------------------------------------------------------


class DocumentSummary(BaseModel):
    """One line of the document list."""

    id: str
    published: str | None
    source: str | None
    title: str | None
    cluster_id: str | None
    language: str | None
    extracted: bool


class DocumentPage(PageInfo):
    """A page of documents, newest first."""

    items: list[DocumentSummary]


class DocumentOut(BaseModel):
    """A stored document: clean text and metadata."""

    id: str
    title: str | None
    text: str
    published: str | None
    published_date: date | None
    published_estimated: bool
    source: str | None
    url: str | None
    language: str | None
    origin: str | None
    cluster_id: str | None
    fetched_at: str | None
    extracted: bool
    ingested_at: datetime


class Span(BaseModel):
    """Character offsets into the document text: text[start:end]."""

    start: int
    end: int


class MentionSpan(Span):
    """A mention of an entity."""

    text: str
    entity_id: str | None
    entity: str | None
    label: str
    kind: str


class QuoteSpan(Span):
    """A quotation as it sits in its document."""

    id: str
    text: str
    kind: str
    speaker: str | None
    speaker_id: str | None
    cue: str | None
    medium: str | None
    topics: list[str] | None


class EventSpan(Span):
    """An event as it sits in its document (the span is its trigger)."""

    id: str
    type: str
    trigger: str | None
    source: str | None
    source_id: str | None
    target: str | None
    target_id: str | None
    location: str | None
    location_id: str | None
    lat: float | None
    lon: float | None
    date: str | None
    modality: str
    negated: bool
    sentence_start: int | None
    sentence_end: int | None


class TimeSpan(Span):
    """A temporal expression and its normalised value."""

    text: str
    value: str | None
    precision: str | None


class DocumentDetail(BaseModel):
    """A document with every span extracted from it."""

    document: DocumentOut
    mentions: list[MentionSpan]
    quotes: list[QuoteSpan]
    events: list[EventSpan]
    times: list[TimeSpan]


# --- actors -----------------------------------------------------------------------------


class ActorIdentity(BaseModel):
    """Who an actor is: its canonical name, type, country, actor code and place if any."""

    id: str
    name: str
    type: str
    kind: str | None
    country: str | None
    code: str | None
    kb_id: str | None
    lat: float | None
    lon: float | None


class ActorSummary(ActorIdentity):
    """An actor in the store and how often it is mentioned."""

    mentions: int


class ActorPage(PageInfo):
    """A page of actors, most mentioned first."""

    items: list[ActorSummary]


class RoleOut(BaseModel):
    """An office or affiliation from the knowledge base, with its dates."""

    title: str
    of: str | None
    of_name: str | None
    code: str | None
    start: str | None
    end: str | None


class AliasOut(BaseModel):
    """A name of an actor: in how many stored documents, and whether the KB knows it."""

    name: str
    documents: int
    discovered: bool
    in_kb: bool


class ActorDetail(ActorIdentity):
    """One actor: identity, roles, names, counts, first and last day seen."""

    roles: list[RoleOut]
    aliases: list[AliasOut]
    mentions: int
    quotes: int
    events: int
    documents: int
    first_seen: date | None
    last_seen: date | None


class QuoteOut(BaseModel):
    """A quotation with its speaker, outlet, date and document."""

    id: str
    doc_id: str
    text: str
    kind: str
    speaker: str | None
    speaker_id: str | None
    cue: str | None
    medium: str | None
    topics: list[str] | None
    start: int
    end: int
    published: str | None
    published_date: date | None
    title: str | None
    source: str | None


class QuotePage(PageInfo):
    """A page of quotes, newest first."""

    items: list[QuoteOut]


class EventOut(BaseModel):
    """An event: who did what to whom, where, when and how sure."""

    id: str
    doc_id: str
    type: str
    trigger: str | None
    source: str | None
    source_id: str | None
    source_code: str | None
    target: str | None
    target_id: str | None
    target_code: str | None
    location: str | None
    location_id: str | None
    lat: float | None
    lon: float | None
    modality: str
    negated: bool
    sentence: str | None
    start: int
    end: int
    cameo: str | None
    goldstein: float | None
    day: date | None
    published: str | None
    title: str | None
    outlet: str | None
    occurrence_id: str | None = Field(None, description="The happening this event reports.")
    n_reports: int | None = Field(None, description="Its reports (as of `as_of`, if given).")
    n_independent_sources: int | None = None


class EventPage(PageInfo):
    """A page of events, newest first."""

    items: list[EventOut]


# --- relations, places, timeline ----------------------------------------------------------


class Evidence(Span):
    """A span a stance rests on."""

    text: str
    doc_id: str
    day: date | None


class RelationWeek(BaseModel):
    """The mean stance of one week (Monday first; null for undated records)."""

    week: date | None
    stance: float = Field(description="Mean stance, from -1 (hostile) to 1 (cooperative).")
    records: int
    sources: int = Field(0, description="Independent sources (copies of a story count once).")
    evidence: list[Evidence]


class Relation(BaseModel):
    """The stance of one actor toward another: overall and week by week."""

    source_id: str
    source: str
    target_id: str
    target: str
    stance: float = Field(description="Mean stance, from -1 (hostile) to 1 (cooperative).")
    records: int
    sources: int = Field(0, description="Independent sources (copies of a story count once).")
    occurrences: int = Field(0, description="Happenings from source to target, each once.")
    first: date | None
    last: date | None
    weeks: list[RelationWeek]


class Relations(BaseModel):
    """Relations between two actors, or all of one actor's."""

    a: str
    b: str | None
    relations: list[Relation]


class GraphNode(BaseModel):
    """An actor in the relations graph."""

    id: str
    name: str
    type: str | None
    country: str | None
    mentions: int


class GraphEdge(BaseModel):
    """A directed stance edge: mean stance (sign), reports (weight) and records."""

    source: str
    target: str
    stance: float = Field(description="Mean stance, from -1 (hostile) to 1 (cooperative).")
    weight: int = Field(description="Reports with a stance record; near-duplicates count once.")
    records: int = Field(description="Stance records on this edge.")


class Graph(BaseModel):
    """The relations graph."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]


class PlaceOut(BaseModel):
    """An entity with coordinates."""

    id: str
    name: str
    type: str
    kind: str | None
    country: str | None
    lat: float
    lon: float
    mentions: int


class LocatedEvent(BaseModel):
    """An event with coordinates."""

    id: str
    doc_id: str
    type: str
    source: str | None
    source_id: str | None
    target: str | None
    target_id: str | None
    location: str | None
    location_id: str | None
    lat: float
    lon: float
    modality: str
    sentence: str | None
    day: date | None


class Places(BaseModel):
    """What the map draws: located entities and events."""

    entities: list[PlaceOut]
    events: list[LocatedEvent]


class TimelineItem(Span):
    """An event or a quote on a timeline."""

    kind: Literal["event", "quote"]
    id: str
    doc_id: str
    day: date | None
    label: str
    actor: str | None
    actor_id: str | None
    other: str | None
    other_id: str | None
    text: str | None
    modality: str | None
    medium: str | None
    occurrence_id: str | None = None
    reports: int | None = Field(None, description="An event's happening: its reports.")
    sources: int | None = Field(None, description="Its independent sources.")


class Timeline(BaseModel):
    """Events and quotes of an actor, or between two, oldest first."""

    actor: str
    other: str | None
    items: list[TimelineItem]


# --- search, stats, health ----------------------------------------------------------------


class DocumentHit(BaseModel):
    """A document matching a search, with a passage around the match."""

    id: str
    title: str | None
    published: str | None
    published_date: date | None
    source: str | None
    score: float | None
    snippet: str


class QuoteHit(Span):
    """A quote matching a search."""

    id: str
    doc_id: str
    text: str
    kind: str
    speaker: str | None
    speaker_id: str | None
    medium: str | None
    published: str | None
    published_date: date | None
    title: str | None
    score: float | None


class SearchResults(BaseModel):
    """Search results: the actor the query names, matching actors, documents and quotes."""

    query: str
    full_text: bool = Field(description="True when ranked by the full-text index (BM25).")
    actor: str | None = Field(description="Id of the actor the query names exactly, if any.")
    actors: list[ActorSummary]
    documents: list[DocumentHit]
    quotes: list[QuoteHit]


class Stats(BaseModel):
    """What the store holds."""

    counts: dict[str, int]
    clusters: int
    first: date | None
    last: date | None
    not_extracted: int


class Health(BaseModel):
    """The server is up: its store, schema version and mode."""

    status: Literal["ok"]
    documents: int
    schema_version: int
    writable: bool
    search_index: bool
