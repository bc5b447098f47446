"""Every record type that travels between sitrep's stages: frozen, slotted, plain data.

Offsets (`start`, `end`) are character offsets into `Document.text`, so
`text[start:end]` is the span.  Sentence offsets (`sentence_start`,
`sentence_end`) name the sentence a fact rests on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
MODALITIES = (
    "asserted", "reported", "claimed", "denied", "negated", "hypothetical", "intended",
    "undecided",
)  # fmt: skip
QUOTE_KINDS = ("direct", "partial", "indirect")
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FACILITY", "NORP", "EVENT", "PRODUCT")


def content_id(*parts: str, length: int = 16) -> str:
    """Return a stable hex id from text parts (the same content always gets the same id)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from a source, before cleaning."""

    origin: str
    content: str
    is_html: bool
    format: str
    locator: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    fetched_at: str | None = None

    @property
    def where(self) -> str:
        """Where the article came from, for messages: 'feed.xml: entry 3'."""
        return f"{self.origin}: {self.locator}" if self.locator else self.origin


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that was skipped, and why."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: normalised text (title first), metadata and identity.

    `published` is the date the source gives (None when it gives none);
    `estimated_published` is sitrep's estimate when it has none, and
    `published_estimated` says that the estimate is the date in use.
    """

    id: str
    text: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    language: str | None
    origin: str
    published_estimated: bool = False
    cluster_id: str | None = None
    fetched_at: str | None = None
    estimated_published: str | None = None

    @property
    def date(self) -> str | None:
        """The date to reason with: the published date, else sitrep's estimate of it."""
        return self.published or self.estimated_published

    @property
    def is_english(self) -> bool:
        """True when the document can go through the English pipeline."""
        return self.language in (None, "en")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A near-duplicate fingerprint: MinHash signature (uint64 bytes) and LSH band keys."""

    signature: bytes
    bands: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Role:
    """An office or affiliation an actor holds between two dates."""

    title: str
    code: str | None
    of: str | None = None
    start: str | None = None
    end: str | None = None

    def holds_on(self, day: str | None) -> bool:
        """True when the role is held on the ISO date `day` (or ever, if unknown)."""
        if day is None:
            return self.end is None
        day = day[:10]
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """A knowledge-base entry: a canonical actor or place with its names and roles."""

    id: str
    name: str
    type: str
    kind: str | None = None
    country: str | None = None
    code: str | None = None
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    parent: str | None = None
    population: int = 0
    source: str = ""

    def code_on(self, day: str | None) -> str | None:
        """CAMEO-style actor code on an ISO date: the first role held then, else the default."""
        for role in self.roles:
            if role.code and role.start and role.holds_on(day):
                return role.code
        return self.code


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical actor or place as it appears in one or more documents."""

    id: str
    name: str
    type: str
    kb_id: str | None = None
    country: str | None = None
    code: str | None = None
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document that names or refers to an entity."""

    doc_id: str
    start: int
    end: int
    text: str
    entity_id: str | None
    label: str
    kind: str = "name"
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker: direct, partial or indirect (reported) speech."""

    doc_id: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_id: str | None = None
    cue: str | None = None
    medium: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    topics: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """Stable id from the document, the span and the kind."""
        return content_id(self.doc_id, "quote", self.kind, str(self.start), str(self.end))


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, where, when and how sure, coded in PLOVER."""

    doc_id: str
    type: str
    start: int
    end: int
    sentence: str
    trigger: str
    source: str | None = None
    source_id: str | None = None
    source_code: str | None = None
    target: str | None = None
    target_id: str | None = None
    target_code: str | None = None
    location: str | None = None
    location_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    date: str | None = None
    modality: str = "asserted"
    negated: bool = False
    sentence_start: int = 0
    sentence_end: int = 0
    cameo: str | None = None
    goldstein: float | None = None

    @property
    def id(self) -> str:
        """Stable id from the document, the trigger span, the type and the actors."""
        actors = (self.source_id or self.source or "", self.target_id or self.target or "")
        return content_id(self.doc_id, "event", self.type, str(self.start), str(self.end), *actors)


@dataclass(frozen=True, slots=True)
class Stance:
    """The attitude of one actor toward another in one document, in [-1, 1]."""

    doc_id: str
    source: str
    source_id: str
    target: str
    target_id: str
    stance: float
    evidence: tuple[tuple[int, int], ...] = ()
    date: str | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal expression and its normalised value (ISO date, week, month or year)."""

    doc_id: str
    start: int
    end: int
    text: str
    value: str | None
    precision: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything sitrep extracted from one document."""

    document: Document
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    stances: tuple[Stance, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    discovered_aliases: tuple[tuple[str, str], ...] = ()
    extracted: bool = True


# --- what the extract stage finds, before the resolve stage links it to entities ---------
# Mention references below are indexes into Findings.mentions.


@dataclass(frozen=True, slots=True)
class RawMention:
    """A span that names or refers to an actor or place, not yet resolved to an entity.

    kind: name, acronym, demonym (country adjective), seat (Kremlin), nominal (a role
    noun such as "the foreign minister"), pronoun.  reading: actor or place (a capital
    may stand for its government).  For nominal mentions, `title` is the office and
    `role_of` the mention (country or organisation) it is an office of.
    """

    start: int
    end: int
    text: str
    label: str
    kind: str = "name"
    sentence_start: int = 0
    sentence_end: int = 0
    kb_key: str | None = None
    country: str | None = None
    reading: str = "actor"
    title: str | None = None
    role_of: int | None = None
    subject: bool = False


@dataclass(frozen=True, slots=True)
class RawQuote:
    """Quoted or reported speech with its cue, speaker mention and medium, unresolved."""

    start: int
    end: int
    text: str
    kind: str
    sentence_start: int
    sentence_end: int
    cue: str | None = None
    speaker: int | None = None
    medium: int | None = None
    medium_text: str | None = None
    carry_over: bool = False
    topics: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class RawEvent:
    """An event found in a sentence, with its actors as mention references."""

    type: str
    trigger: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    source: int | None = None
    target: int | None = None
    location: int | None = None
    source_text: str | None = None
    target_text: str | None = None
    modality: str = "asserted"
    negated: bool = False
    date: str | None = None


@dataclass(frozen=True, slots=True)
class RawRelation:
    """Evidence of an attitude between two mentioned actors (an ally, a harsh quote...)."""

    source: int
    target: int
    polarity: float
    start: int
    end: int
    in_quote: bool = False


@dataclass(frozen=True, slots=True)
class Findings:
    """Everything the extract stage found in one document, for the resolve stage."""

    document: Document
    mentions: tuple[RawMention, ...] = ()
    quotes: tuple[RawQuote, ...] = ()
    events: tuple[RawEvent, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    relations: tuple[RawRelation, ...] = ()
    alias_links: tuple[tuple[int, int], ...] = ()


# --- corroboration: events merged across documents into occurrences --------------------
# Report times are the documents' publication times; valid times say when a thing happened.


@dataclass(frozen=True, slots=True)
class Attribution:
    """An outlet an article credits: for the whole story (credit) or for one fact (citation)."""

    doc_id: str
    outlet: str
    outlet_key: str
    kind: str  # credit: "(AP) -", "Reporting by ... for X"; citation: "according to Reuters"
    cue: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an article's content comes from: its outlet and the independent source it counts as.

    `via` says how the origin was found: own (the outlet's own story), cluster (a
    near-duplicate of an earlier article) or credit (a credit line naming another outlet).
    """

    doc_id: str
    outlet: str | None
    outlet_key: str
    origin: str
    via: str
    reported: str | None = None


@dataclass(frozen=True, slots=True)
class OccurrenceMember:
    """One event mention of an occurrence, with when and by whom it was reported."""

    occurrence_id: str
    event_id: str
    doc_id: str
    reported: str | None
    outlet: str | None
    origin: str
    date_start: str | None = None
    date_end: str | None = None
    precision: str | None = None


@dataclass(frozen=True, slots=True)
class Account:
    """What one report says about an occurrence: a figure ("at least 12" killed) or who is blamed.

    Accounts are kept side by side, each with its report; they are never averaged.
    """

    occurrence_id: str
    event_id: str
    doc_id: str
    kind: str  # killed, wounded, missing, abducted, detained, ... or blamed
    value: str  # as written: "at least 12", "Rapid Support Forces"
    number: float | None = None
    qualifier: str | None = None  # at least, more than, about, up to
    actor_id: str | None = None
    outlet: str | None = None
    origin: str | None = None
    reported: str | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One real-world happening: its event mentions merged across documents.

    `date`/`precision` are when it happened (valid time: day, week or month); reports are
    counted by document and independent sources by origin (a wire story and its copies once).
    `status` is happened, denied or unrealised (hypothetical, intended, undecided).
    """

    id: str
    type: str
    status: str
    date: str | None
    precision: str | None
    first_event_id: str
    first_doc_id: str
    first_reported: str | None
    first_outlet: str | None
    n_mentions: int
    n_reports: int
    n_independent_sources: int
    outlets: tuple[str, ...] = ()
    source: str | None = None
    source_id: str | None = None
    target: str | None = None
    target_id: str | None = None
    location: str | None = None
    location_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    disputed: bool = False


@dataclass(frozen=True, slots=True)
class Corroboration:
    """One corroboration step for the store to write: occurrences replaced whole, with their
    members and accounts, occurrences merged into others (`removed`), and the provenance
    and attributions of newly seen documents."""

    occurrences: tuple[Occurrence, ...] = ()
    members: tuple[OccurrenceMember, ...] = ()
    accounts: tuple[Account, ...] = ()
    provenance: tuple[Provenance, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    removed: tuple[str, ...] = ()
