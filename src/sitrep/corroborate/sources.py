"""Independent sources: which outlet an article's content comes from.

A wire story counts once however many outlets print it: a near-duplicate copy counts as
the article it copies, and a credit line naming another outlet ("(AP) -", "- Global Wire
Service", "Reporting by ... for Atlas Newswire") makes that outlet the article's origin.
Citations of another outlet for one fact ("according to Reuters", "told Al Arabiya") are
kept as links but leave the article its own reporting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sitrep.kb import KnowledgeBase, alias_key, slug
from sitrep.schema import Attribution, Provenance

MEDIA = "media"
# Words that make a capitalised name an outlet's name when the knowledge base lacks it.
MEDIA_WORDS = frozenset({
    "press", "news", "agency", "wire", "newswire", "times", "post", "herald", "television",
    "tv", "radio", "broadcasting", "broadcaster", "gazette", "journal", "tribune", "courier",
    "observer", "monitor", "ledger", "chronicle", "dispatch", "telegraph", "correspondent",
})  # fmt: skip
# A capitalised name on one line: "Al Arabiya", "Associated Press of Pakistan".
NAME = r"[A-Z][\w'’&-]*(?: (?:of |for |and )?[A-Z][\w'’&-]*){0,5}"
ADJECTIVES = (
    r"(?:(?:official|state|state-run|public|private|semi-official|local|independent|"
    r"[A-Z][\w-]*-run|[A-Z][a-z]+'s) )*"
)
MEDIA_NOUN = (
    r"(?:news agency|broadcaster|newspaper|news site|channel|television|radio|agency|"
    r"wire service)"
)
# "according to the public broadcaster Yle", "citing SANA", "told Al Arabiya".
CITING = re.compile(
    rf"\b(?P<cue>(?i:according to|citing|told|quoted by|cited by|reported by|interview "
    rf"with)) (?:(?i:the) )?{ADJECTIVES}(?:(?P<noun>{MEDIA_NOUN}) )?(?P<name>{NAME})",
)  # fmt: skip
# "the state news agency Armenpress reported", "SANA said", "Reuters, which quoted".
CITED = re.compile(
    rf"(?:(?P<noun>{MEDIA_NOUN}) )?(?P<name>{NAME})(?:'s)?(?: news agency)?,? "
    rf"(?:which |had |has )?(?P<cue>reported|said|says|quoted|reports|cited|wrote)\b",
)  # fmt: skip
DATELINE = re.compile(r"^(?:[A-Z][A-Z.'/ -]*(?:,[^()\n]{0,40})?\s*)?\((?P<name>[^()\n]{2,60})\)"
                      r"\s*[-–—]")  # fmt: skip
TRAILER = (
    re.compile(r"^[-–—]\s*(?P<name>[^\n]{2,60})$"),
    re.compile(r"^\((?P<name>[^()\n]{2,60})\)$"),
    re.compile(r"^Reporting by (?:.+? (?:for|of) )?(?P<name>[^;\n]{2,60}?)\s*(?:;|$)"),
)


@dataclass(frozen=True, slots=True)
class Outlets:
    """Outlet names a credit or citation may use: the knowledge base's media and the store's."""

    kb: KnowledgeBase
    store: dict[str, str]  # alias key -> outlet name as the store has it

    @classmethod
    def of(cls, kb: KnowledgeBase, names: Iterable[str | None]) -> Outlets:
        """The outlets of a knowledge base plus the given outlet names (documents' sources)."""
        return cls(kb, {_norm(n): n for n in names if n and _norm(n)})

    def key(self, name: str, own: str | None = None, short: bool = False) -> str:
        """A stable key for an outlet name: its knowledge-base id, else a slug of its name.

        With `short`, a short form of an outlet the store knows ('CPS', 'Atlas') is read
        as that outlet (the article's own first), as credit lines write them.
        """
        return self.known(name, own, short) or f"outlet:{slug(_norm(name) or name)}"

    def known(self, name: str, own: str | None = None, short: bool = False) -> str | None:
        """The key of a known outlet a name stands for, else None."""
        media = self._media(name)
        if media:
            return media
        norm = _norm(name)
        if norm in self.store:
            return f"outlet:{slug(norm)}"
        if not short:
            return None
        forms = [full for full in self.store if _abbreviates(norm, full)]
        if own and _norm(own) in forms:
            return f"outlet:{slug(_norm(own))}"
        return f"outlet:{slug(forms[0])}" if len(forms) == 1 else None

    def _media(self, name: str) -> str | None:
        for entry in self.kb.candidates(name):
            actor = self.kb.get(entry.actor_id)
            if actor is not None and actor.kind == MEDIA and entry.kind != "ambiguous":
                return actor.id
        return None

    def outlet_in(self, name: str, noun: str | None) -> str | None:
        """The outlet a captured name ends with ('The Houthi-run Saba' -> 'Saba'), or None.

        A name counts when the knowledge base or the store knows it, when it follows
        'news agency' or 'broadcaster', or when it has a newsroom word (Press, Times...).
        """
        words = name.split()
        for i in range(len(words)):
            tail = " ".join(words[i:])
            if words[i].lower() in ("of", "for", "and"):
                continue
            if noun or self.known(tail) or MEDIA_WORDS & set(_norm(tail).split()):
                return tail
        return None


def _norm(name: str) -> str:
    key = alias_key(name)
    return key[4:] if key.startswith("the ") else key


def _abbreviates(short: str, full: str) -> bool:
    """'cps' for 'continental press service', 'atlas' for 'atlas newswire'."""
    words = full.split()
    if len(words) < 2 or not short:
        return False
    initials = "".join(w[0] for w in words)
    return short == initials or full.startswith(short + " ")


def find_attributions(
    doc_id: str, text: str, title: str | None, outlet: str | None, outlets: Outlets,
    media: Iterable[tuple[str, str | None, int]] = (),
) -> list[Attribution]:  # fmt: skip
    """Credits (whole story) and citations (one fact) of outlets other than the article's own.

    `media` are the article's quotes' (medium, cue, start): a quote told to an outlet the
    knowledge base or the store knows ("told Al Arabiya") cites it.
    """
    own = outlets.key(outlet, outlet, short=True) if outlet else None
    credits = [c for c in _credits(doc_id, text, title, outlet, outlets) if c.outlet_key != own]
    skip = {own, *(c.outlet_key for c in credits)}  # a copy's wire cites its own reporters
    unique: dict[str, Attribution] = {c.outlet_key: c for c in reversed(credits)}
    for item in [*_citations(doc_id, text, outlets), *_told(doc_id, media, outlets)]:
        if item.outlet_key not in skip:
            unique.setdefault(item.outlet_key, item)
    return list(unique.values())


def _told(
    doc_id: str, media: Iterable[tuple[str, str | None, int]], outlets: Outlets
) -> Iterator[Attribution]:
    for medium, cue, start in media:
        key = outlets.known(medium)
        if key:
            yield Attribution(doc_id, medium, key, "citation", cue or "told", start, start)


def _credits(
    doc_id: str, text: str, title: str | None, outlet: str | None, outlets: Outlets
) -> Iterator[Attribution]:
    paragraphs = list(_paragraphs(text, title))
    if not paragraphs:
        return
    start, first = paragraphs[0]
    if match := DATELINE.match(first):
        name = match["name"].strip()
        yield _attribution(doc_id, name, "credit", "dateline", start + match.start("name"),
                           outlets, outlet, short=True)  # fmt: skip
    start, last = paragraphs[-1]
    for pattern in TRAILER:
        match = pattern.match(last.strip())
        name = outlets.outlet_in(match["name"].strip(), None) if match else None
        if name:
            offset = start + last.index(name)
            yield _attribution(doc_id, name, "credit", "credit line", offset, outlets, outlet,
                               short=True)  # fmt: skip


def _paragraphs(text: str, title: str | None) -> Iterator[tuple[int, str]]:
    """Body paragraphs with their offsets (the title line left out)."""
    offset = 0
    for i, part in enumerate(text.split("\n\n")):
        if part.strip() and not (i == 0 and title and part.strip() == title.strip()):
            yield offset, part
        offset += len(part) + 2


def _citations(doc_id: str, text: str, outlets: Outlets) -> Iterator[Attribution]:
    for pattern in (CITING, CITED):
        for match in pattern.finditer(text):
            name = outlets.outlet_in(match["name"], match["noun"])
            if name:
                cue = " ".join(match["cue"].lower().split())
                start = match.start("name") + match["name"].rindex(name)
                yield _attribution(doc_id, name, "citation", cue, start, outlets)


def _attribution(
    doc_id: str, name: str, kind: str, cue: str, start: int, outlets: Outlets,
    own: str | None = None, short: bool = False,
) -> Attribution:  # fmt: skip
    key = outlets.key(name, own, short)
    return Attribution(doc_id, name, key, kind, cue, start, start + len(name))


def provenance(
    doc: dict[str, object], attributions: Iterable[Attribution], root: Provenance | None,
    outlets: Outlets,
) -> Provenance:  # fmt: skip
    """The origin of a document: a credited outlet, else its cluster's origin, else its own.

    `doc` has id, source (the outlet), published and cluster_id; `root` is the provenance
    of the cluster's first document when this one is a near-duplicate of it.
    """
    doc_id, outlet = str(doc["id"]), _text(doc.get("source"))
    reported = _text(doc.get("published")) or _text(doc.get("estimated_published"))
    cluster = doc.get("cluster_id") or doc_id
    own = outlets.key(outlet, outlet, True) if outlet else f"document:{cluster}"
    credited = [a for a in attributions if a.kind == "credit"]
    if credited:
        return Provenance(doc_id, outlet, own, credited[0].outlet_key, "credit", reported)
    if root is not None and root.doc_id != doc_id:
        return Provenance(doc_id, outlet, own, root.origin, "cluster", reported)
    return Provenance(doc_id, outlet, own, own, "own", reported)


def _text(value: object) -> str | None:
    return str(value) if value else None
