"""Hand-made extractions for export tests: three documents with events, stances, quotes.

Offsets are found from the phrases themselves, so `text[start:end]` is the span a record
claims.  Until the extraction stages fill stores, exports are tested on these.
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.schema import (
    Document,
    Entity,
    Event,
    Extraction,
    Mention,
    Quote,
    Stance,
    TimeExpression,
    content_id,
)
from sitrep.store import Store

ANKARA, KHARKIV, BRUSSELS = "geonames:323786", "geonames:706483", "geonames:2800866"
ENTITIES = {
    e.id: e
    for e in (
        Entity("RUS", "Russia", "GPE", "RUS", "RUS", "RUS", "country", ("Moscow",), 55.7522, 37.6156),
        Entity("TUR", "Turkey", "GPE", "TUR", "TUR", "TUR", "country", ("Türkiye",), 39.9199, 32.8543),
        Entity("UKR", "Ukraine", "GPE", "UKR", "UKR", "UKR", "country", (), 50.4547, 30.5238),
        Entity("european-union", "European Union", "ORG", "european-union", None, "IGO", "igo", ("EU",)),
        Entity("vladimir-putin", "Vladimir Putin", "PERSON", "vladimir-putin", "RUS", "RUSGOV", "head_of_state"),
        Entity("hakan-fidan", "Hakan Fidan", "PERSON", "hakan-fidan", "TUR", "TURGOV", "minister"),
        Entity("russian-armed-forces", "Russian Armed Forces", "ORG", "russian-armed-forces", "RUS", "RUSMIL", "military"),
        Entity(ANKARA, "Ankara", "GPE", None, "TUR", None, "city", (), 39.9199, 32.8543),
        Entity(KHARKIV, "Kharkiv", "GPE", None, "UKR", None, "city", (), 49.9808, 36.2527),
        Entity(BRUSSELS, "Brussels", "GPE", None, "BEL", None, "city", (), 50.8505, 4.3488),
    )
}  # fmt: skip

TALKS = (
    "Putin and Fidan hold talks in Ankara\n\n"
    "Russian President Vladimir Putin met Turkish Foreign Minister Hakan Fidan in Ankara on "
    "Sunday. Russian forces shelled Kharkiv overnight, Ukrainian officials said.\n\n"
    "“We could respond with force,” Putin told reporters, warning Ukraine."
)
SANCTIONS = (
    "EU widens sanctions on Russia\n\n"
    "The European Union imposed new sanctions on Russia on Monday.\n\n"
    "Russia pulled troops back from the border, a spokesman said. Brussels did not send aid."
)
EMPTY = "A quiet day\n\nNothing happened in the capital on Tuesday."


def span(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def sentence(text: str, phrase: str) -> tuple[str, int, int]:
    """The sentence containing `phrase` (split on '. ' and paragraph breaks), with offsets."""
    at = text.index(phrase)
    begin = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    stop, newline = text.find(". ", at), text.find("\n", at)
    ends = [i for i in (stop + 1 if stop != -1 else -1, newline) if i != -1]
    end = min(ends) if ends else len(text)
    return text[begin:end], begin, end


def event(doc: Document, kind: str, trigger: str, source: str | None, target: str | None,
          **fields: object) -> Event:  # fmt: skip
    start, end = span(doc.text, trigger)
    text, s_start, s_end = sentence(doc.text, trigger)
    src, tgt = ENTITIES.get(source or ""), ENTITIES.get(target or "")
    return Event(
        doc_id=doc.id, type=kind, start=start, end=end, sentence=text, trigger=trigger,
        source=src.name if src else None, source_id=source, source_code=src.code if src else None,
        target=tgt.name if tgt else None, target_id=target, target_code=tgt.code if tgt else None,
        sentence_start=s_start, sentence_end=s_end, **fields,
    )  # fmt: skip


def mention(doc: Document, phrase: str, entity_id: str, label: str, after: int = 0) -> Mention:
    start, end = span(doc.text, phrase, after)
    return Mention(doc.id, start, end, phrase, entity_id, label)


def document(text: str, published: str | None, url: str | None, source: str) -> Document:
    title = text.split("\n", 1)[0]
    return Document(
        id=content_id(text), text=text, title=title, published=published, source=source,
        url=url, language="en", origin=f"{source}.html",
    )  # fmt: skip


def talks() -> Extraction:
    doc = document(TALKS, "2025-01-05T09:00:00Z", "https://news.test/talks", "Wire")
    ankara = ENTITIES[ANKARA]
    kharkiv = ENTITIES[KHARKIV]
    quote_start, quote_end = span(doc.text, "We could respond with force,")
    return Extraction(
        document=doc,
        entities=tuple(
            ENTITIES[i]
            for i in (
                "RUS",
                "TUR",
                "UKR",
                "vladimir-putin",
                "hakan-fidan",
                "russian-armed-forces",
                ANKARA,
                KHARKIV,
            )
        ),
        mentions=(
            mention(doc, "Vladimir Putin", "vladimir-putin", "PERSON"),
            mention(doc, "Hakan Fidan", "hakan-fidan", "PERSON"),
            mention(doc, "Ankara", ANKARA, "GPE", after=40),
            mention(doc, "Russian forces", "russian-armed-forces", "ORG"),
            mention(doc, "Kharkiv", KHARKIV, "GPE"),
            mention(doc, "Ukraine", "UKR", "GPE", after=150),
        ),
        quotes=(
            Quote(
                doc.id,
                quote_start,
                quote_end,
                "We could respond with force,",
                "direct",
                "Vladimir Putin",
                "vladimir-putin",
                "told",
                "reporters",
            ),
        ),
        events=(
            event(
                doc,
                "CONSULT",
                "met",
                "vladimir-putin",
                "hakan-fidan",
                location="Ankara",
                location_id=ANKARA,
                lat=ankara.lat,
                lon=ankara.lon,
                date="2025-01-05",
            ),
            event(
                doc,
                "ASSAULT",
                "shelled",
                "russian-armed-forces",
                "UKR",
                location="Kharkiv",
                location_id=KHARKIV,
                lat=kharkiv.lat,
                lon=kharkiv.lon,
                date="2025-01-04",
                modality="reported",
                cameo="195",
                goldstein=-10.0,
            ),
            event(
                doc,
                "THREATEN",
                "respond with force",
                "vladimir-putin",
                "UKR",
                modality="hypothetical",
                lat=50.45,
                lon=30.52,
            ),
        ),
        stances=(
            Stance(
                doc.id,
                "Vladimir Putin",
                "vladimir-putin",
                "Hakan Fidan",
                "hakan-fidan",
                0.5,
                (span(doc.text, "met"),),
                "2025-01-05",
            ),
            Stance(
                doc.id,
                "Vladimir Putin",
                "vladimir-putin",
                "Ukraine",
                "UKR",
                -0.75,
                (span(doc.text, "warning Ukraine"),),
            ),
        ),
        times=(TimeExpression(doc.id, *span(doc.text, "Sunday"), "Sunday", "2025-01-05", "day"),),
    )


def sanctions() -> Extraction:
    doc = document(SANCTIONS, "2025-02-10", "https://news.test/sanctions", "Desk")
    return Extraction(
        document=doc,
        entities=tuple(
            ENTITIES[i]
            for i in ("european-union", "RUS", BRUSSELS, "vladimir-putin", "hakan-fidan")
        ),
        mentions=(
            mention(doc, "European Union", "european-union", "ORG"),
            mention(doc, "Russia", "RUS", "GPE", after=40),
            mention(doc, "Brussels", BRUSSELS, "GPE"),
        ),
        events=(
            event(
                doc, "SANCTION", "imposed new sanctions", "european-union", "RUS", date="2025-02"
            ),  # a month: the document's date gives the day
            event(doc, "RETREAT", "pulled troops back", "RUS", None),
            event(doc, "AID", "send aid", "european-union", None, negated=True),
        ),
        stances=(
            Stance(doc.id, "European Union", "european-union", "Russia", "RUS", -0.8),
            Stance(
                doc.id,
                "Vladimir Putin",
                "vladimir-putin",
                "Hakan Fidan",
                "hakan-fidan",
                0.1,
                (),
                "2025-02-11",
            ),
        ),
        discovered_aliases=(("european-union", "the bloc"),),
    )


def quiet() -> Extraction:
    doc = document(EMPTY, "2025-03-01", None, "Local")
    return Extraction(document=doc)


def sample_extractions() -> list[Extraction]:
    """The three documents, in the order they are written."""
    return [talks(), sanctions(), quiet()]


def fill_store(path: str, extractions: list[Extraction] | None = None) -> str:
    """Write the sample documents (or the given ones) to a new store file; return its path."""
    with Store.open(path) as store:
        store.write([(ex, None) for ex in (extractions or sample_extractions())])
    return path


def with_unknown_event_type() -> list[Extraction]:
    """The samples plus an event whose type is not PLOVER (an extractor's experiment)."""
    first = talks()
    odd = replace(first.events[0], type="MAKE_STATEMENT", trigger="said",
                  start=first.document.text.index("said"))  # fmt: skip
    odd = replace(odd, end=odd.start + 4)
    return [replace(first, events=(*first.events, odd)), sanctions(), quiet()]
