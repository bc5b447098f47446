"""A hand-made store: five documents about Syria, Russia, Ukraine and Iran, with every record.

Modelled on tests/data/seed (syria-russia-bases.txt and expected.json).  Offsets are found
from the phrases themselves, so `text[start:end]` is always the span the record claims.
Real extraction output will replace this once the extract stages land; until then the
query layer, the API and the UI are built and tested against these records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

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

REBELS_ID = content_id("entity", "Syrian rebel groups")
BOGDANOV_ID = content_id("entity", "Mikhail Bogdanov")
DAMASCUS, TEHRAN, KYIV, MOSCOW = (
    "geonames:170654", "geonames:112931", "geonames:703448", "geonames:524901",
)  # fmt: skip

ENTITIES = {
    e.id: e
    for e in (
        Entity("ahmed-al-sharaa", "Ahmed al-Sharaa", "PERSON", "ahmed-al-sharaa", "SYR", kind="head_of_state"),
        Entity("bashar-al-assad", "Bashar al-Assad", "PERSON", "bashar-al-assad", "SYR", kind="head_of_state"),
        Entity("andrii-sybiha", "Andrii Sybiha", "PERSON", "andrii-sybiha", "UKR", kind="minister"),
        Entity("dmitry-peskov", "Dmitry Peskov", "PERSON", "dmitry-peskov", "RUS", kind="spokesperson"),
        Entity("abbas-araghchi", "Abbas Araghchi", "PERSON", "abbas-araghchi", "IRN", kind="minister"),
        Entity(BOGDANOV_ID, "Mikhail Bogdanov", "PERSON", None, "RUS"),
        Entity("hayat-tahrir-al-sham", "Hay'at Tahrir al-Sham", "ORG", "hayat-tahrir-al-sham", "SYR", "SYRREB", "armed_group"),
        Entity(REBELS_ID, "Syrian rebel groups", "ORG", None, "SYR", "SYRREB"),
        Entity("al-arabiya", "Al Arabiya", "ORG", "al-arabiya", "SAU", "SAUMED", "media"),
        Entity("al-jazeera", "Al Jazeera", "ORG", "al-jazeera", "QAT", "QATMED", "media"),
        Entity("SYR", "Syria", "GPE", "SYR", "SYR", "SYR", "country", lat=33.5102, lon=36.29128),
        Entity("RUS", "Russia", "GPE", "RUS", "RUS", "RUS", "country", lat=55.75204, lon=37.61781),
        Entity("UKR", "Ukraine", "GPE", "UKR", "UKR", "UKR", "country", lat=50.45466, lon=30.5238),
        Entity("IRN", "Iran", "GPE", "IRN", "IRN", "IRN", "country", lat=35.69439, lon=51.42151),
        Entity("khmeimim-air-base", "Khmeimim Air Base", "FACILITY", "khmeimim-air-base", "SYR", kind="air_base", lat=35.41, lon=35.95),
        Entity("tartus-naval-base", "Tartus naval base", "FACILITY", "tartus-naval-base", "SYR", kind="naval_base", lat=34.91, lon=35.87),
        Entity(DAMASCUS, "Damascus", "GPE", DAMASCUS, "SYR", kind="city", lat=33.5102, lon=36.29128),
        Entity(TEHRAN, "Tehran", "GPE", TEHRAN, "IRN", kind="city", lat=35.69439, lon=51.42151),
        Entity(KYIV, "Kyiv", "GPE", KYIV, "UKR", kind="city", lat=50.45466, lon=30.5238),
        Entity(MOSCOW, "Moscow", "GPE", MOSCOW, "RUS", kind="city", lat=55.75204, lon=37.61781),
    )
}  # fmt: skip

METONYMS = {("RUS", "Moscow"), ("RUS", "Kremlin"), ("SYR", "Damascus")}
ARMS_QUOTE = (
    "All of Syria’s arms are of Russian origin, and many power plants are managed by "
    "Russian experts,"
)


@dataclass
class Draft:
    """One document under construction: records are added by the phrases they cover."""

    doc: Document
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)

    def span(self, phrase: str, nth: int = 1) -> tuple[int, int]:
        """Offsets of the nth whole-word occurrence of a phrase (IndexError if missing)."""
        found = list(re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", self.doc.text))
        return found[nth - 1].span()

    def sentence(self, start: int) -> tuple[int, int]:
        """Offsets of the sentence (or line) around a position."""
        text = self.doc.text
        found = [(text.rfind(sep, 0, start), len(sep)) for sep in (". ", "\n")]
        stops = [i + size for i, size in found if i >= 0]
        ends = [i for i in (text.find(". ", start) + 1, text.find("\n", start)) if i > 0]
        return max(stops, default=0), min(ends, default=len(text))

    def mention(self, entity_id: str, phrase: str, nth: int = 1) -> None:
        """A mention of an entity by a phrase (a capital standing for its country is a metonym)."""
        start, end = self.span(phrase, nth)
        label = ENTITIES[entity_id].type
        kind = "metonym" if (entity_id, phrase) in METONYMS else "name"
        sentence = self.sentence(start)
        self.mentions.append(
            Mention(self.doc.id, start, end, phrase, entity_id, label, kind, *sentence)
        )

    def quote(self, phrase: str, speaker_id: str, kind: str = "direct", **extra: object) -> None:
        """A quotation of a speaker."""
        start, end = self.span(phrase)
        s_start, s_end = self.sentence(start)
        speaker = ENTITIES[speaker_id].name
        self.quotes.append(
            Quote(self.doc.id, start, end, phrase, kind, speaker, speaker_id,
                  sentence_start=s_start, sentence_end=s_end, **extra)
        )  # fmt: skip

    def event(
        self, kind: str, trigger: str, source: str, target: str | None, **extra: object
    ) -> None:
        """An event whose span is its trigger."""
        start, end = self.span(trigger)
        s_start, s_end = self.sentence(start)
        whom = ENTITIES[target] if target else None
        fields = {
            "source": ENTITIES[source].name, "source_id": source,
            "source_code": ENTITIES[source].code, "target": whom.name if whom else None,
            "target_id": target, "target_code": whom.code if whom else None,
            "sentence_start": s_start, "sentence_end": s_end, "date": self.doc.published,
        }  # fmt: skip
        sentence = self.doc.text[s_start:s_end]
        self.events.append(
            Event(self.doc.id, kind, start, end, sentence, trigger, **{**fields, **extra})
        )

    def stance(self, source: str, target: str, value: float, *evidence: str) -> None:
        """A stance with the phrases it rests on."""
        spans = tuple(self.span(phrase) for phrase in evidence)
        self.stances.append(
            Stance(self.doc.id, ENTITIES[source].name, source, ENTITIES[target].name, target,
                   value, spans, self.doc.published)
        )  # fmt: skip

    def time(self, phrase: str, value: str, precision: str = "day") -> None:
        """A temporal expression."""
        start, end = self.span(phrase)
        self.times.append(TimeExpression(self.doc.id, start, end, phrase, value, precision))

    def extraction(self) -> Extraction:
        """The finished extraction: entities carry the surface forms seen in this document."""
        seen: dict[str, list[str]] = {}
        for m in self.mentions:
            if m.entity_id and m.text not in seen.setdefault(m.entity_id, []):
                seen[m.entity_id].append(m.text)
        entities = tuple(replace(ENTITIES[i], aliases=tuple(names)) for i, names in seen.items())
        return Extraction(
            self.doc, entities, tuple(self.mentions), tuple(self.quotes), tuple(self.events),
            tuple(self.stances), tuple(self.times),
        )  # fmt: skip


def document(title: str, body: str, published: str, source: str, language: str = "en") -> Draft:
    """A draft document: text is the title, a blank line and the body."""
    text = f"{title}\n\n{body}"
    doc_id = content_id(text)
    return Draft(
        Document(doc_id, text, title, published, source, f"https://news.test/{doc_id}",
                 language, "fixtures.py", cluster_id=doc_id)
    )  # fmt: skip


def syria_bases() -> Extraction:
    """The seed article, abridged: al-Sharaa wants to keep Russia's bases."""
    d = document(
        "Syria: Leader Abu Mohammad Al Jolani express desire to keep Russian military presence",
        "Al Jazeera has released a new video that it says shows Russian combat jets still at "
        "Khmeimim Air Base in Syria despite ongoing withdrawals. The fate of Russia’s presence "
        "at Khmeimim, as well as at its Tartus naval base, remains a hot topic three weeks "
        "after the fall of long-time Syrian dictator and ally of Moscow Bashar Al Assad.\n\n"
        "Al Sharaa, still better known by his nom de guerre Abu Mohammad Al Jolani (and "
        "other simply just as Jolani), is head of Hay’at Tahrir al-Sham (HTS), which led the "
        "rebel coalition that deposed Assad.\n\n"
        f"“{ARMS_QUOTE}” Al Sharaa further told Al Arabiya, while also highlighting the "
        "“deep strategic interests” of what he described as the “second most powerful "
        "country in the world.”\n\n"
        "In his interview with Al Arabiya, Al Sharaa also said that “Syria cannot continue "
        "without relations with an important regional country like Iran,” but stressed that "
        "relations “must be based on respect for the sovereignty of both countries.”\n\n"
        "Ukrainian operatives had reportedly worked with Syrian rebel groups, particularly "
        "in expanding their kamikaze drone capabilities.\n\n"
        "“The removal of Russia’s presence in Syria will contribute to the stability of the "
        "entire Middle East,” Ukrainian Foreign Minister Andrii Sybiha said during an "
        "official visit to Damascus just today where he met with Al Sharaa. “The Russian and "
        "Assad regimes supported each other because they were based on violence and "
        "torture.”",
        "2024-12-29", "Wire Daily",
    )  # fmt: skip
    for entity_id, phrase, nth in (
        ("ahmed-al-sharaa", "Abu Mohammad Al Jolani", 1), ("RUS", "Russian", 1),
        ("al-jazeera", "Al Jazeera", 1), ("khmeimim-air-base", "Khmeimim Air Base", 1),
        ("SYR", "Syria", 2), ("RUS", "Russia", 1), ("khmeimim-air-base", "Khmeimim", 2),
        ("tartus-naval-base", "Tartus naval base", 1), ("RUS", "Moscow", 1),
        ("bashar-al-assad", "Bashar Al Assad", 1), ("ahmed-al-sharaa", "Al Sharaa", 1),
        ("ahmed-al-sharaa", "Abu Mohammad Al Jolani", 2), ("ahmed-al-sharaa", "Jolani", 3),
        ("hayat-tahrir-al-sham", "Hay’at Tahrir al-Sham", 1), ("hayat-tahrir-al-sham", "HTS", 1),
        ("bashar-al-assad", "Assad", 2), ("ahmed-al-sharaa", "Al Sharaa", 2),
        ("al-arabiya", "Al Arabiya", 1), ("al-arabiya", "Al Arabiya", 2),
        ("ahmed-al-sharaa", "Al Sharaa", 3), ("IRN", "Iran", 1), ("UKR", "Ukrainian", 1),
        (REBELS_ID, "Syrian rebel groups", 1), ("andrii-sybiha", "Andrii Sybiha", 1),
        (DAMASCUS, "Damascus", 1), ("ahmed-al-sharaa", "Al Sharaa", 4),
    ):  # fmt: skip
        d.mention(entity_id, phrase, nth)
    d.quote(ARMS_QUOTE, "ahmed-al-sharaa", cue="told", medium="Al Arabiya", topics=("RUS", "SYR"))
    d.quote("deep strategic interests", "ahmed-al-sharaa", "partial", topics=("RUS",))
    d.quote(
        "Syria cannot continue without relations with an important regional country like Iran,",
        "ahmed-al-sharaa", cue="said", medium="Al Arabiya", topics=("SYR", "IRN"),
    )  # fmt: skip
    d.quote(
        "The removal of Russia’s presence in Syria will contribute to the stability of the "
        "entire Middle East,", "andrii-sybiha", cue="said", topics=("RUS", "SYR"),
    )  # fmt: skip
    d.event("RETREAT", "withdrawals", "RUS", "SYR", location="Khmeimim Air Base",
            location_id="khmeimim-air-base", lat=35.41, lon=35.95, cameo="08", goldstein=5.0)  # fmt: skip
    d.event("ASSAULT", "deposed", "hayat-tahrir-al-sham", "bashar-al-assad", cameo="19",
            goldstein=-10.0, date="2024-12-08")  # fmt: skip
    d.event("COOPERATE", "highlighting", "ahmed-al-sharaa", "RUS", modality="intended",
            cameo="06", goldstein=6.0)  # fmt: skip
    d.event("AID", "worked with", "UKR", REBELS_ID, modality="reported", cameo="07", goldstein=7.0)
    d.event("CONSULT", "met with", "andrii-sybiha", "ahmed-al-sharaa", location="Damascus",
            location_id=DAMASCUS, lat=33.5102, lon=36.29128, cameo="04", goldstein=1.0)  # fmt: skip
    d.stance("SYR", "RUS", 1.0, ARMS_QUOTE)
    d.stance("ahmed-al-sharaa", "RUS", 1.0, "deep strategic interests")
    d.stance("ahmed-al-sharaa", "IRN", 0.0, "must be based on respect for the sovereignty")
    d.stance("UKR", "RUS", -1.0, "based on violence and torture")
    d.stance("hayat-tahrir-al-sham", "bashar-al-assad", -1.0, "deposed Assad")
    d.time("just today", "2024-12-29")
    return d.extraction()


def russian_delegation() -> Extraction:
    """A Russian delegation meets al-Sharaa; a denied demand and a hypothetical withdrawal."""
    d = document(
        "Russian delegation holds first talks with Syria's new leaders",
        "A Russian delegation led by Deputy Foreign Minister Mikhail Bogdanov held talks with "
        "Ahmed al-Sharaa in Damascus on Tuesday, the first visit by Russian officials since "
        "the fall of Bashar al-Assad.\n\n"
        "Kremlin spokesman Dmitry Peskov said the talks covered the future of the Khmeimim "
        "air base and the naval facility at Tartus. “We are continuing our dialogue with the "
        "Syrian authorities,” Peskov told reporters in Moscow.\n\n"
        "Syria did not demand the withdrawal of Russian forces, officials said. Russia could "
        "pull its warships out of Tartus if no agreement is reached, analysts said.\n\n"
        "Al-Sharaa said Syria wants relations with Russia that serve the interests of the "
        "Syrian people.",
        "2025-01-28", "Levant Report",
    )  # fmt: skip
    for entity_id, phrase, nth in (
        ("RUS", "Russian", 1), ("SYR", "Syria", 1), (BOGDANOV_ID, "Mikhail Bogdanov", 1),
        ("ahmed-al-sharaa", "Ahmed al-Sharaa", 1), (DAMASCUS, "Damascus", 1),
        ("bashar-al-assad", "Bashar al-Assad", 1), ("RUS", "Kremlin", 1),
        ("dmitry-peskov", "Dmitry Peskov", 1), ("khmeimim-air-base", "Khmeimim air base", 1),
        ("tartus-naval-base", "Tartus", 1), ("dmitry-peskov", "Peskov", 2), (MOSCOW, "Moscow", 1),
        ("SYR", "Syria", 3), ("RUS", "Russia", 2), ("ahmed-al-sharaa", "Al-Sharaa", 1),
    ):  # fmt: skip
        d.mention(entity_id, phrase, nth)
    d.quote("We are continuing our dialogue with the Syrian authorities,", "dmitry-peskov",
            cue="told", topics=("SYR",))  # fmt: skip
    d.quote("Syria wants relations with Russia that serve the interests of the Syrian people.",
            "ahmed-al-sharaa", "indirect", cue="said", topics=("RUS",))  # fmt: skip
    d.event("CONSULT", "held talks", "RUS", "ahmed-al-sharaa", location="Damascus",
            location_id=DAMASCUS, lat=33.5102, lon=36.29128, cameo="04", goldstein=1.0)  # fmt: skip
    d.event("REQUEST", "demand", "SYR", "RUS", modality="denied", negated=True, cameo="10")
    d.event("RETREAT", "pull its warships out", "RUS", "SYR", modality="hypothetical",
            location="Tartus", location_id="tartus-naval-base", lat=34.91, lon=35.87)  # fmt: skip
    d.stance("RUS", "SYR", 0.5, "We are continuing our dialogue with the Syrian authorities")
    d.stance("SYR", "RUS", 0.5, "wants relations with Russia")
    d.time("on Tuesday", "2025-01-28")
    return d.extraction()


def ukraine_presses() -> Extraction:
    """Ukraine's foreign minister asks Syria to expel Russia and sends wheat."""
    d = document(
        "Ukraine urges Syria to end Russian military presence",
        "Ukrainian Foreign Minister Andrii Sybiha called on Syria's new authorities to expel "
        "Russian forces from the country. “Russia’s bases in Syria serve only its war against "
        "Ukraine,” Sybiha said in Kyiv.\n\n"
        "Ukraine sent a second shipment of wheat to Syria this month, Sybiha added.",
        "2025-02-11", "Kyiv Daily",
    )  # fmt: skip
    for entity_id, phrase, nth in (
        ("UKR", "Ukraine", 1), ("SYR", "Syria", 1), ("RUS", "Russian", 1),
        ("andrii-sybiha", "Andrii Sybiha", 1), ("SYR", "Syria", 2), ("RUS", "Russia", 1),
        ("andrii-sybiha", "Sybiha", 2), (KYIV, "Kyiv", 1), ("UKR", "Ukraine", 3),
    ):  # fmt: skip
        d.mention(entity_id, phrase, nth)
    d.quote("Russia’s bases in Syria serve only its war against Ukraine,", "andrii-sybiha",
            cue="said", topics=("RUS", "SYR"))  # fmt: skip
    d.event("REQUEST", "called on", "UKR", "SYR", cameo="10", goldstein=-2.0)
    d.event("AID", "sent", "UKR", "SYR", location="Kyiv", location_id=KYIV, lat=50.45466,
            lon=30.5238, cameo="07", goldstein=7.4)  # fmt: skip
    d.stance("UKR", "RUS", -1.0, "serve only its war against Ukraine")
    d.stance("UKR", "SYR", 0.5, "sent a second shipment of wheat")
    d.time("this month", "2025-02", "month")
    return d.extraction()


def iran_criticises() -> Extraction:
    """Iran's foreign minister accuses Syria's new leaders; Syria rejects it."""
    d = document(
        "Iran criticises Syria's new leadership",
        "Iranian Foreign Minister Abbas Araghchi accused Syria's new leadership of serving "
        "foreign interests. “Those who rule Damascus today do not represent the Syrian "
        "people,” Araghchi told state television in Tehran.\n\n"
        "Syria's foreign ministry rejected the remarks as interference.",
        "2025-02-20", "Gulf Times",
    )  # fmt: skip
    for entity_id, phrase, nth in (
        ("IRN", "Iran", 1), ("SYR", "Syria", 1), ("IRN", "Iranian", 1),
        ("abbas-araghchi", "Abbas Araghchi", 1), ("SYR", "Syria", 2),
        ("SYR", "Damascus", 1), ("abbas-araghchi", "Araghchi", 2), (TEHRAN, "Tehran", 1),
        ("SYR", "Syria", 3),
    ):  # fmt: skip
        d.mention(entity_id, phrase, nth)
    d.quote("Those who rule Damascus today do not represent the Syrian people,",
            "abbas-araghchi", cue="told", medium="state television", topics=("SYR",))  # fmt: skip
    d.event("ACCUSE", "accused", "IRN", "SYR", location="Tehran", location_id=TEHRAN,
            lat=35.69439, lon=51.42151, cameo="11", goldstein=-2.0)  # fmt: skip
    d.event("REJECT", "rejected", "SYR", "IRN", cameo="12", goldstein=-4.0)
    d.stance("IRN", "SYR", -0.5, "accused Syria's new leadership")
    d.stance("SYR", "IRN", -0.5, "rejected the remarks")
    return d.extraction()


def french_brief() -> Extraction:
    """A French article: stored, not extracted."""
    d = document(
        "La Russie garde ses bases en Syrie",
        "Moscou maintient sa présence militaire à Hmeimim et à Tartous, selon des sources.",
        "2025-01-05", "Le Quotidien", language="fr",
    )  # fmt: skip
    return replace(d.extraction(), extracted=False)


def extractions() -> list[Extraction]:
    """Every fixture document, in publication order."""
    return [syria_bases(), french_brief(), russian_delegation(), ukraine_presses(),
            iran_criticises()]  # fmt: skip


def build_store(path: str | Path, search_index: bool = True) -> Path:
    """Write the fixture documents into a new store at `path` (and index them for search)."""
    with Store.open(path) as store:
        store.write([(extraction, None) for extraction in extractions()])
        if search_index:
            store.build_search_index()
    return Path(path)


SEED_DOC_ID = syria_bases().document.id
