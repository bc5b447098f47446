"""Corroboration: occurrences across reports, independent sources, two times, accounts.

Stores are filled with hand-made reports (one event each, offsets found from the text), so
each test states exactly what sitrep is given; one slow test runs the real pipeline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.config import Settings
from sitrep.corroborate import corroborate
from sitrep.corroborate.accounts import find_figures
from sitrep.corroborate.dates import valid_time
from sitrep.corroborate.sources import Outlets, find_attributions
from sitrep.export.gdelt import COLUMNS
from sitrep.kb import load_kb
from sitrep.query.events import list_events
from sitrep.query.occurrences import get_occurrence, list_occurrences
from sitrep.query.relations import occurrence_pairs
from sitrep.schema import Document, Entity, Event, Extraction, TimeExpression, content_id
from sitrep.store import Store

KHARKIV, ODESA = "geonames:706483", "geonames:698740"
ENTITIES = {
    e.id: e
    for e in (
        Entity("RUS", "Russia", "GPE", "RUS", "RUS", "RUS", "country", lat=55.75, lon=37.62),
        Entity("UKR", "Ukraine", "GPE", "UKR", "UKR", "UKR", "country", lat=50.45, lon=30.52),
        Entity(KHARKIV, "Kharkiv", "GPE", KHARKIV, "UKR", kind="city", lat=49.98, lon=36.25),
        Entity(ODESA, "Odesa", "GPE", ODESA, "UKR", kind="city", lat=46.48, lon=30.73),
        Entity("volodymyr-zelenskyy", "Volodymyr Zelenskyy", "PERSON", "volodymyr-zelenskyy",
               "UKR", "UKRGOV", "head_of_state"),
        Entity("hamas", "Hamas", "ORG", "hamas", "PSE", "PSEREB", "armed_group"),
        Entity("DEU", "Germany", "GPE", "DEU", "DEU", "DEU", "country", lat=52.52, lon=13.41),
    )
}  # fmt: skip
SETTINGS = Settings()


@dataclass(frozen=True)
class Said:
    """One event a report states: its sentence, trigger, actors, place and date phrase."""

    sentence: str
    trigger: str
    source: str | None = "RUS"
    target: str | None = "UKR"
    place: str | None = KHARKIV
    when: tuple[str, str] | None = None  # (phrase in the sentence, ISO value)
    type: str = "ASSAULT"


def report(
    outlet: str, published: str, said: Said, headline: str = "News", body: str = "",
    cluster_of: Extraction | None = None,
) -> Extraction:  # fmt: skip
    """A report with one event (and its time expression), by an outlet at a time."""
    text = f"{headline}\n\n{body}{said.sentence}\n\nMore later."
    doc_id = content_id(text)
    cluster = cluster_of.document.id if cluster_of else doc_id
    doc = Document(
        id=doc_id, text=text, title=headline, published=published, source=outlet,
        url=f"https://{outlet.lower().replace(' ', '')}.test/{doc_id}", language="en",
        origin="test", cluster_id=cluster,
    )  # fmt: skip
    begin = text.index(said.sentence)
    end = begin + len(said.sentence)
    at = text.index(said.trigger, begin)
    src, tgt, loc = (ENTITIES.get(x or "") for x in (said.source, said.target, said.place))
    times = ()
    if said.when:
        t = text.index(said.when[0], begin)
        times = (TimeExpression(doc_id, t, t + len(said.when[0]), said.when[0], said.when[1],
                                "day"),)  # fmt: skip
    event = Event(
        doc_id=doc_id, type=said.type, start=at, end=at + len(said.trigger),
        sentence=said.sentence, trigger=said.trigger, source=src.name if src else None,
        source_id=said.source, target=tgt.name if tgt else None, target_id=said.target,
        location=loc.name if loc else None, location_id=said.place,
        lat=loc.lat if loc else None, lon=loc.lon if loc else None,
        date=said.when[1] if said.when else published[:10], modality="asserted",
        sentence_start=begin, sentence_end=end,
    )  # fmt: skip
    used = {x for x in (said.source, said.target, said.place) if x}
    return Extraction(doc, tuple(ENTITIES[i] for i in used), events=(event,), times=times)


def fill(path: Path, *reports: Extraction) -> Path:
    """Write reports and corroborate them; return the store path."""
    with Store.open(path) as store:
        store.write([(ex, None) for ex in reports])
        corroborate(store, SETTINGS, load_kb())
    return path


STRIKE = Said("Russian drones struck Kharkiv on Sunday, killing at least 12 people.", "struck",
              when=("on Sunday", "2025-03-02"))  # fmt: skip
TOLL = Said("The number of people killed in Sunday's attack on Kharkiv has risen to 15.",
            "attack", when=("Sunday", "2025-03-02"))  # fmt: skip
WIRE = report("Global Wire Service", "2025-03-02T06:40:00Z", STRIKE,
              body="KHARKIV, March 2 (Global Wire Service) - ")  # fmt: skip
LOCAL = report("Kyiv Evening Post", "2025-03-02T11:30:00Z", TOLL, headline="Toll rises")
LATE = report("Northern Star Herald", "2025-03-04T09:00:00Z",
              Said("Russia struck Kharkiv on Sunday, officials said.", "struck",
                   when=("on Sunday", "2025-03-02")), headline="Looking back")  # fmt: skip


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return fill(tmp_path / "s.duckdb", WIRE, LOCAL, LATE)


def happened(path: Path, **filters: object) -> list[dict]:
    with Store.open(path, read_only=True) as store:
        return list_occurrences(store, **filters)  # type: ignore[arg-type]


# --- merging ----------------------------------------------------------------------------


def test_reports_of_one_strike_become_one_occurrence_with_its_counts(store_path):
    [strike] = happened(store_path)
    assert (strike["type"], strike["source_id"], strike["target_id"]) == ("ASSAULT", "RUS", "UKR")
    assert (strike["location"], strike["date"], strike["precision"]) == (
        "Kharkiv", "2025-03-02", "day")  # fmt: skip
    assert (strike["n_reports"], strike["n_independent_sources"]) == (3, 3)
    assert strike["first_report"]["outlet"] == "Global Wire Service"
    assert strike["outlets"] == ["Global Wire Service", "Kyiv Evening Post", "Northern Star Herald"]


def test_occurrences_of_some_documents_for_a_briefing(store_path):
    assert [o["n_reports"] for o in happened(store_path, documents=[LATE.document.id])] == [3]
    assert happened(store_path, documents=["no-such-document"]) == []
    assert happened(store_path, min_sources=4) == []


def test_look_alike_strikes_a_week_apart_stay_apart(tmp_path):
    again = Said("Russian drones struck Kharkiv again on Sunday.", "struck",
                 when=("on Sunday", "2025-03-09"))  # fmt: skip
    second = report("Global Wire Service", "2025-03-09T07:10:00Z", again, headline="Again")
    path = fill(tmp_path / "s.duckdb", WIRE, LOCAL, second)
    dates = sorted((o["date"], o["n_reports"]) for o in happened(path))
    assert dates == [("2025-03-02", 2), ("2025-03-09", 1)]


def test_strikes_on_two_cities_the_same_day_stay_apart(tmp_path):
    odesa = Said("Russian drones struck Odesa on Sunday.", "struck", place=ODESA,
                 when=("on Sunday", "2025-03-02"))  # fmt: skip
    path = fill(tmp_path / "s.duckdb", WIRE, report("Odesa Daily", "2025-03-02T10:00:00Z", odesa))
    assert sorted(o["location"] for o in happened(path)) == ["Kharkiv", "Odesa"]


def test_a_mention_that_fits_two_distinct_happenings_joins_neither(tmp_path):
    odesa = Said("Russian drones struck Odesa on Sunday.", "struck", place=ODESA,
                 when=("on Sunday", "2025-03-02"))  # fmt: skip
    vague = Said("Russia attacked Ukraine on Sunday.", "attacked", place=None,
                 when=("on Sunday", "2025-03-02"))  # fmt: skip
    path = fill(tmp_path / "s.duckdb", WIRE, report("Odesa Daily", "2025-03-02T10:00:00Z", odesa),
                report("Elsewhere", "2025-03-02T12:00:00Z", vague))  # fmt: skip
    assert sorted(o["n_reports"] for o in happened(path)) == [1, 1, 1]


def test_a_person_stands_for_the_state_they_serve(tmp_path):
    asks = Said("Ukraine asked Germany for more air defence on Sunday.", "asked", "UKR", "DEU",
                None, ("on Sunday", "2025-03-09"), "REQUEST")  # fmt: skip
    zelensky = replace(asks, sentence="Zelensky asked Germany for air defence on Sunday.",
                       source="volodymyr-zelenskyy")  # fmt: skip
    elsewhere = replace(asks, sentence="Hamas asked Germany for talks on Sunday.", source="hamas")
    path = fill(tmp_path / "s.duckdb", report("A", "2025-03-09T20:00:00Z", asks),
                report("B", "2025-03-09T21:00:00Z", zelensky),
                report("C", "2025-03-09T22:00:00Z", elsewhere))  # fmt: skip
    assert sorted(o["n_reports"] for o in happened(path, type="REQUEST")) == [1, 2]


def test_a_weekday_read_a_week_early_is_moved_to_the_report_day():
    day = date(2025, 3, 2)  # a Sunday
    early = valid_time("2025-02-23", day, "early on Sunday", SETTINGS)
    assert early is not None and early.start == day and early.precision == "day"
    assert valid_time("2025-02-23", day, "February 23", SETTINGS).start == date(2025, 2, 23)
    week = valid_time("2025-W10", day, "this week", SETTINGS)
    assert (week.start, week.end, week.label) == (date(2025, 3, 3), date(2025, 3, 9), "2025-W10")
    assert valid_time("2024", day, "last year", SETTINGS) is None
    undated = valid_time("2025-03-02", day, None, SETTINGS)
    assert (undated.start, undated.end, undated.precision) == (date(2025, 2, 28), day, "undated")


# --- independent sources -------------------------------------------------------------------


def test_a_syndicated_copy_does_not_raise_the_independent_source_count(tmp_path):
    copy = report("The Daily Courier", "2025-03-02T08:05:00Z", STRIKE, headline="Kharkiv hit",
                  body="(Global Wire Service) - ")  # fmt: skip
    path = fill(tmp_path / "s.duckdb", WIRE, copy, LOCAL)
    [strike] = happened(path)
    assert (strike["n_reports"], strike["n_independent_sources"]) == (3, 2)


def test_a_near_duplicate_without_credit_counts_as_its_original(tmp_path):
    reprint = report("Sahel Dispatch", "2025-03-02T09:00:00Z", STRIKE, headline="Reprint",
                     cluster_of=WIRE)  # fmt: skip
    path = fill(tmp_path / "s.duckdb", WIRE, reprint)
    with Store.open(path, read_only=True) as store:
        origins = {r["outlet"]: (r["origin"], r["via"]) for r in store.query(
            "SELECT outlet, origin, via FROM provenance")}  # fmt: skip
    assert origins["Sahel Dispatch"] == (origins["Global Wire Service"][0], "cluster")
    assert happened(path)[0]["n_independent_sources"] == 1


def test_an_attributed_report_links_to_its_original():
    outlets = Outlets.of(load_kb(), ["Global Wire Service", "Kyiv Evening Post"])
    text = ("Strike\n\nKHARKIV (AP) — Drones hit the city, according to Reuters. A survivor "
            "told Al Arabiya the blast was huge. Global Wire Service reported 12 dead.")  # fmt: skip
    found = {(a.kind, a.outlet_key, a.cue) for a in
             find_attributions("d", text, "Strike", "Kyiv Evening Post", outlets)}  # fmt: skip
    assert found == {
        ("credit", "associated-press", "dateline"), ("citation", "reuters", "according to"),
        ("citation", "al-arabiya", "told"),
        ("citation", "outlet:global-wire-service", "reported"),
    }  # fmt: skip
    own = "Strike\n\nKHARKIV, March 2 (Global Wire Service) - Drones hit the city."
    assert find_attributions("d", own, "Strike", "Global Wire Service", outlets) == []
    told = find_attributions("d", own, "Strike", "Global Wire Service", outlets,
                             [("Al Jazeera", "said", 9), ("statement", "said", 20)])  # fmt: skip
    assert [(a.outlet_key, a.cue) for a in told] == [("al-jazeera", "said")]


def test_a_credited_copy_reports_its_wire_and_the_occurrence_lists_the_link(tmp_path):
    copy = report("The Daily Courier", "2025-03-02T08:05:00Z", STRIKE, headline="Kharkiv hit",
                  body="(Global Wire Service) - ")  # fmt: skip
    path = fill(tmp_path / "s.duckdb", WIRE, copy)
    with Store.open(path, read_only=True) as store:
        found = get_occurrence(store, happened(path)[0]["id"])
    courier = next(r for r in found["reports"] if r["outlet"] == "The Daily Courier")
    wire = next(r for r in found["reports"] if r["outlet"] == "Global Wire Service")
    assert courier["via"] == "credit" and courier["origin"] == wire["origin"]
    assert courier["attributions"][0]["outlet"] == "Global Wire Service"


# --- two times ----------------------------------------------------------------------------


def test_as_of_answers_with_what_had_been_reported_by_then(store_path):
    assert happened(store_path, as_of=date(2025, 3, 1)) == []
    [then] = happened(store_path, as_of=date(2025, 3, 2))
    assert (then["n_reports"], then["n_independent_sources"]) == (2, 2)
    assert then["date"] == "2025-03-02"  # when it happened, apart from when it was reported
    [now] = happened(store_path, as_of=date(2025, 3, 4))
    assert now["n_reports"] == 3
    with Store.open(store_path, read_only=True) as store:
        events = list_events(store, as_of=date(2025, 3, 2))
    assert {e["outlet"] for e in events} == {"Global Wire Service", "Kyiv Evening Post"}
    assert {e["n_reports"] for e in events} == {2}


def test_events_as_of_on_the_command_line(store_path, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    run = CliRunner().invoke
    early = run(main, ["events", "--db", str(store_path), "--occurrences", "--as-of",
                       "2025-03-02"])  # fmt: skip
    assert early.exit_code == 0
    assert "2 reports, 2 independent sources; first Global Wire Service" in early.output
    later = run(main, ["events", "--db", str(store_path), "--occurrences"])
    assert "3 reports, 3 independent sources" in later.output
    before = run(main, ["events", "--db", str(store_path), "--as-of", "2025-03-01"])
    assert before.exit_code == 0 and before.output == ""
    bad = run(main, ["events", "--db", str(store_path), "--as-of", "2025-13-01"])
    assert bad.exit_code == 2
    assert bad.stderr.strip() == (
        "sitrep: error: --as-of: '2025-13-01' is not a day in the form YYYY-MM-DD"
    )


# --- accounts -------------------------------------------------------------------------------


def test_conflicting_casualty_figures_are_kept_apart_each_with_its_source(store_path):
    [strike] = happened(store_path, with_accounts=True)
    killed = {(a["value"], a["number"], tuple(a["outlets"]), a["disputed"])
              for a in strike["accounts"] if a["kind"] == "killed"}  # fmt: skip
    assert killed == {
        ("at least 12", 12.0, ("Global Wire Service",), True),
        ("15", 15.0, ("Kyiv Evening Post",), True),
    }


def test_blame_that_differs_is_kept_as_accounts_of_one_disputed_occurrence(tmp_path):
    blames_hamas = Said("Hamas shelled Kharkiv on Sunday.", "shelled", "hamas", None,
                        when=("on Sunday", "2025-03-02"))  # fmt: skip
    path = fill(tmp_path / "s.duckdb", WIRE, report("Other", "2025-03-02T12:00:00Z", blames_hamas))
    [strike] = happened(path, with_accounts=True)
    blamed = {a["value"] for a in strike["accounts"] if a["kind"] == "blamed"}
    assert strike["disputed"] and strike["source_id"] is None
    assert blamed == {"Russia", "Hamas"}


def test_figures_from_a_sentence():
    found = find_figures("At least 12 people were killed and 31 wounded when drones struck", 0,
                         "ASSAULT")  # fmt: skip
    assert [(f.kind, f.value, f.number, f.qualifier) for f in found] == [
        ("killed", "At least 12", 12.0, "at least"), ("wounded", "31", 31.0, None),
    ]  # fmt: skip
    toll = find_figures("The death toll rose to fifteen on Monday, 20 km away.", 0, "ASSAULT")
    assert [(f.kind, f.number) for f in toll] == [("killed", 15.0)]
    assert find_figures("Police arrested dozens of people.", 0, "COERCE")[0].number is None
    assert find_figures("The army said 12 were killed.", 0, "ACCUSE") == []


# --- incremental, relations, export ------------------------------------------------------------


def test_a_later_ingest_joins_the_occurrence_stored_earlier(tmp_path):
    path = fill(tmp_path / "s.duckdb", WIRE)
    [before] = happened(path)
    fill(path, LOCAL)
    [after] = happened(path)
    assert after["id"] == before["id"] and after["n_reports"] == 2
    with Store.open(path) as store:
        again = corroborate(store, SETTINGS)
    assert (again.events, again.documents) == (0, 0)


def test_relations_count_happenings_not_reports(store_path):
    with Store.open(store_path, read_only=True) as store:
        assert occurrence_pairs(store, "RUS") == {("RUS", "UKR"): 1}
        assert occurrence_pairs(store, "RUS", as_of=date(2025, 3, 1)) == {}


def test_gdelt_export_counts_mentions_sources_and_articles(store_path, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    out = tmp_path / "events.tsv"
    result = CliRunner().invoke(main, ["export", "--db", str(store_path), "--format", "gdelt",
                                       "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = [dict(zip(COLUMNS, line.split("\t"), strict=True))
            for line in out.read_text().splitlines()]  # fmt: skip
    assert len(rows) == 1
    row = rows[0]
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("3", "3", "3")
    assert row["SOURCEURL"].startswith("https://globalwireservice.test/")


# --- the real pipeline ---------------------------------------------------------------------------


@pytest.mark.slow
def test_the_pipeline_counts_a_wire_copy_once(tmp_path):
    from sitrep.pipeline import ingest

    family = Path(__file__).parents[1] / "eval" / "corroboration" / "kharkiv-drone-strikes"
    meta = json.loads((family / "family.json").read_text())
    lines = []
    for a in meta["articles"][:3]:
        text = (family / a["file"]).read_text()
        lines.append(json.dumps({"text": text, "title": text.split("\n", 1)[0],
                                 "published": a["published"], "source": a["outlet"],
                                 "url": a["url"]}))  # fmt: skip
    source = tmp_path / "k.jsonl"
    source.write_text("\n".join(lines) + "\n")
    with Store.open(tmp_path / "s.duckdb") as store:
        report = ingest([str(source)], store, Settings(), fmt="jsonl")
        origins = {r["outlet"]: r["origin"] for r in store.query(
            "SELECT outlet, origin FROM provenance")}  # fmt: skip
        largest = list_occurrences(store, type="ASSAULT", limit=1000)
    assert report.corroboration is not None and report.corroboration.events > 0
    assert origins["The Daily Courier"] == origins["Global Wire Service"]
    assert origins["Kyiv Evening Post"] != origins["Global Wire Service"]
    assert max(o["n_independent_sources"] for o in largest) <= 2


def test_reach_spans_merge_only_where_they_overlap_or_touch():
    from datetime import date

    from sitrep.corroborate import _merged

    def d(n: int) -> date:
        return date(2025, 1, n)

    spans = [(d(1), d(3)), (d(20), d(22)), (d(2), d(5)), (d(6), d(6)), (d(9), d(9))]
    assert _merged(spans) == [(d(1), d(6)), (d(9), d(9)), (d(20), d(22))]
    assert _merged([]) == []
