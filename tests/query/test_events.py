"""Events: by actor on either side, between two actors, by type, modality and date."""

from __future__ import annotations

from datetime import date

from sitrep.query.events import list_events


def kinds(rows):
    return [(row["type"], row["source_id"], row["target_id"], row["modality"]) for row in rows]


def test_realised_events_of_an_actor_as_source_or_target(store):
    rows = list_events(store, actor="RUS")
    assert kinds(rows) == [
        ("CONSULT", "RUS", "ahmed-al-sharaa", "asserted"),
        ("RETREAT", "RUS", "SYR", "asserted"),
    ]
    assert rows[0]["location"] == "Damascus" and rows[0]["day"] == date(2025, 1, 28)


def test_hypothetical_intended_and_denied_events_only_when_asked(store):
    every = kinds(list_events(store, actor="RUS", include_hypothetical=True))
    assert len(every) == 5
    assert ("RETREAT", "RUS", "SYR", "hypothetical") in every
    assert ("REQUEST", "SYR", "RUS", "denied") in every
    assert ("COOPERATE", "ahmed-al-sharaa", "RUS", "intended") in every
    assert kinds(list_events(store, modality="denied")) == [("REQUEST", "SYR", "RUS", "denied")]


def test_events_between_two_actors_both_ways(store):
    rows = list_events(store, actor="SYR", other="IRN")
    assert kinds(rows) == [
        ("ACCUSE", "IRN", "SYR", "asserted"),
        ("REJECT", "SYR", "IRN", "asserted"),
    ]


def test_type_filter_and_the_event_date_over_the_document_date(store):
    assert {row["type"] for row in list_events(store, type="aid")} == {"AID"}
    # the ASSAULT is dated 2024-12-08 in a document of 2024-12-29
    early = list_events(store, until=date(2024, 12, 10))
    assert kinds(early) == [("ASSAULT", "hayat-tahrir-al-sham", "bashar-al-assad", "asserted")]
    assert early[0]["day"] == date(2024, 12, 8)
    late = list_events(store, since=date(2025, 2, 15))
    assert {row["day"] for row in late} == {date(2025, 2, 20)}


def test_event_pages(store):
    every = [row["id"] for row in list_events(store, include_hypothetical=True)]
    assert len(every) == 12
    page = list_events(store, include_hypothetical=True, limit=4, offset=8)
    assert [row["id"] for row in page] == every[8:]
