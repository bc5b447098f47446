"""Quotes: by a speaker, about an actor (topic or named inside), between document dates."""

from __future__ import annotations

from datetime import date

from sitrep.query.quotes import list_quotes
from sitrep.schema import Document, Entity, Extraction, Mention, Quote
from sitrep.store import Store
from tests.api.fixtures import ARMS_QUOTE


def texts(rows):
    return [row["text"] for row in rows]


def test_all_quotes_newest_first(store):
    rows = list_quotes(store)
    assert len(rows) == 8
    days = [row["published_date"] for row in rows]
    assert days == sorted(days, reverse=True)


def test_quotes_by_a_speaker_carry_outlet_date_and_document(store):
    rows = list_quotes(store, by="ahmed-al-sharaa")
    assert len(rows) == 4 and {row["speaker"] for row in rows} == {"Ahmed al-Sharaa"}
    arms = next(row for row in rows if row["text"] == ARMS_QUOTE)
    assert (arms["medium"], arms["cue"], arms["kind"]) == ("Al Arabiya", "told", "direct")
    assert arms["published_date"] == date(2024, 12, 29) and arms["source"] == "Wire Daily"


def test_quotes_about_an_actor_and_between_dates(store):
    about_russia = list_quotes(store, by="ahmed-al-sharaa", about="RUS")
    assert len(about_russia) == 3
    since = list_quotes(store, about="RUS", since=date(2025, 1, 1))
    assert [row["speaker"] for row in since] == ["Andrii Sybiha", "Ahmed al-Sharaa"]
    until = list_quotes(store, about="RUS", until=date(2024, 12, 31))
    assert {row["published_date"] for row in until} == {date(2024, 12, 29)}
    assert list_quotes(store, since=date(2025, 3, 1)) == []


def test_a_quote_is_about_an_actor_it_names_without_topics(tmp_path):
    text = "“We will talk to Moscow,” the minister said."
    doc = Document("d1", text, None, "2025-01-01", "Wire", None, "en", "t")
    ex = Extraction(
        doc, (Entity("RUS", "Russia", "GPE", "RUS"),),
        mentions=(Mention("d1", 17, 23, "Moscow", "RUS", "GPE"), Mention("d1", 40, 44, "said", None, "X")),
        quotes=(Quote("d1", 1, 24, "We will talk to Moscow,", "direct"),),
    )  # fmt: skip
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write([(ex, None)])
        assert texts(list_quotes(store, about="RUS")) == ["We will talk to Moscow,"]
        assert list_quotes(store, about="UKR") == []


def test_quote_pages(store):
    everything = texts(list_quotes(store))
    assert texts(list_quotes(store, limit=3, offset=3)) == everything[3:6]
