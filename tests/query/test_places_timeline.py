"""Places for the map and timelines of an actor or a pair."""

from __future__ import annotations

from datetime import date

from sitrep.query.places import located_entities, located_events
from sitrep.query.timeline import timeline


def test_located_entities_are_those_with_coordinates(store):
    places = {row["id"]: row for row in located_entities(store)}
    assert "khmeimim-air-base" in places and "ahmed-al-sharaa" not in places
    assert (places["khmeimim-air-base"]["lat"], places["khmeimim-air-base"]["lon"]) == (
        35.41,
        35.95,
    )
    assert len(located_entities(store, limit=3)) == 3


def test_located_events_are_realised_and_filtered(store):
    events = located_events(store)
    assert len(events) == 5  # the hypothetical withdrawal from Tartus is not on the map
    assert all(e["modality"] == "asserted" for e in events)
    assert {e["location"] for e in located_events(store, actor="RUS")} == {
        "Damascus",
        "Khmeimim Air Base",
    }
    assert [e["location"] for e in located_events(store, since=date(2025, 2, 15))] == ["Tehran"]


def test_timeline_of_a_pair_is_oldest_first(store):
    items = timeline(store, "ahmed-al-sharaa", "RUS")
    assert [(i["kind"], i["label"]) for i in items] == [
        ("quote", "direct"), ("quote", "partial"), ("event", "CONSULT"), ("quote", "indirect"),
    ]  # fmt: skip
    days = [i["day"] for i in items]
    assert days == sorted(days)
    assert items[0]["medium"] == "Al Arabiya"


def test_timeline_of_one_actor_has_its_events_and_quotes(store):
    items = timeline(store, "andrii-sybiha")
    assert sorted(i["kind"] for i in items) == ["event", "quote", "quote"]
    assert timeline(store, "al-jazeera") == []
