"""Every endpoint over the fixture store: what it returns, and that names accept any alias."""

from __future__ import annotations

import pytest

from tests.api.fixtures import ARMS_QUOTE, SEED_DOC_ID


def get(client, url, **params):
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_health_and_stats(client):
    health = get(client, "/api/health")
    assert health == {
        "status": "ok", "documents": 5, "schema_version": health["schema_version"],
        "writable": False, "search_index": True,
    }  # fmt: skip
    assert health["schema_version"] >= 1
    stats = get(client, "/api/stats")
    assert stats["counts"]["quotes"] == 8 and stats["not_extracted"] == 1
    assert (stats["first"], stats["last"]) == ("2024-12-29", "2025-02-20")


def test_documents_newest_first_and_one_with_every_span(client):
    page = get(client, "/api/documents")
    assert [d["published"] for d in page["items"]][:2] == ["2025-02-20", "2025-02-11"]
    assert page["next_offset"] is None and len(page["items"]) == 5
    found = get(client, f"/api/documents/{SEED_DOC_ID[:8]}")
    text = found["document"]["text"]
    assert found["document"]["id"] == SEED_DOC_ID
    arms = next(q for q in found["quotes"] if q["text"] == ARMS_QUOTE)
    assert text[arms["start"] : arms["end"]] == ARMS_QUOTE
    assert all(text[m["start"] : m["end"]] == m["text"] for m in found["mentions"])
    assert all(text[e["start"] : e["end"]] == e["trigger"] for e in found["events"])
    assert found["times"] == [{"start": found["times"][0]["start"], "end": found["times"][0]["end"],
                               "text": "just today", "value": "2024-12-29", "precision": "day"}]  # fmt: skip


@pytest.mark.parametrize(
    "alias", ["Jolani", "jolani", "Al Sharaa", "Abu Mohammad al-Golani", "ahmed-al-sharaa"]
)
def test_actor_by_any_alias(client, alias):
    actor = get(client, f"/api/actors/{alias}")
    assert actor["id"] == "ahmed-al-sharaa" and actor["name"] == "Ahmed al-Sharaa"
    assert {"Jolani", "Al Sharaa"} <= {a["name"] for a in actor["aliases"]}
    assert any(r["title"] == "president" and r["of"] == "SYR" for r in actor["roles"])
    assert (actor["mentions"], actor["quotes"], actor["events"]) == (9, 4, 3)
    assert (actor["first_seen"], actor["last_seen"]) == ("2024-12-29", "2025-01-28")


def test_actor_list_filters(client):
    page = get(client, "/api/actors", q="Jolani")
    assert [a["id"] for a in page["items"]] == ["ahmed-al-sharaa"]
    people = get(client, "/api/actors", type="PERSON", country="ukr")
    assert [a["name"] for a in people["items"]] == ["Andrii Sybiha"]


def test_quotes_by_alias_about_alias_with_dates(client):
    page = get(client, "/api/quotes", by="Jolani", about="the Kremlin", until="2024-12-31")
    assert [q["text"] for q in page["items"]] == [ARMS_QUOTE, "deep strategic interests"]
    assert (
        page["items"][0]["medium"] == "Al Arabiya"
        and page["items"][0]["published_date"] == "2024-12-29"
    )


def test_events_by_alias_type_and_modality(client):
    page = get(client, "/api/events", actor="Russia")
    assert [e["type"] for e in page["items"]] == ["CONSULT", "RETREAT"]
    every = get(client, "/api/events", actor="Russia", include_hypothetical="true")
    assert len(every["items"]) == 5
    denied = get(client, "/api/events", modality="denied")
    assert [(e["type"], e["negated"]) for e in denied["items"]] == [("REQUEST", True)]
    retreats = get(
        client, "/api/events", type="RETREAT", since="2025-01-01", include_hypothetical=True
    )
    assert [e["location"] for e in retreats["items"]] == ["Tartus"]


def test_relations_graph_places_and_timeline(client):
    found = get(client, "/api/relations", a="Syria", b="Kremlin")
    assert (found["a"], found["b"]) == ("SYR", "RUS")
    assert [(r["source"], r["target"], r["stance"]) for r in found["relations"]] == [
        ("Syria", "Russia", 0.75), ("Russia", "Syria", 0.5),
    ]  # fmt: skip
    assert found["relations"][0]["weeks"][0]["evidence"][0]["text"] == ARMS_QUOTE
    assert len(get(client, "/api/relations", a="Ukraine")["relations"]) == 2
    graph = get(client, "/api/graph")
    assert (len(graph["nodes"]), len(graph["edges"])) == (7, 9)
    assert {e["target"] for e in get(client, "/api/graph", actor="Jolani")["edges"]} == {
        "RUS",
        "IRN",
    }
    places = get(client, "/api/places")
    assert len(places["events"]) == 5
    assert {"Khmeimim Air Base", "Damascus"} <= {p["name"] for p in places["entities"]}
    timeline = get(client, "/api/timeline", actor="Jolani", other="Russia")
    assert (timeline["actor"], timeline["other"]) == ("ahmed-al-sharaa", "RUS")
    assert [i["kind"] for i in timeline["items"]] == ["quote", "quote", "event", "quote"]


def test_search_full_text_and_alias(client):
    found = get(client, "/api/search", q="Russian origin")
    assert found["full_text"] is True
    assert found["documents"][0]["id"] == SEED_DOC_ID
    assert found["quotes"][0]["text"] == ARMS_QUOTE
    named = get(client, "/api/search", q="Jolani")
    assert named["actor"] == "ahmed-al-sharaa"
    assert named["documents"][0]["id"] == SEED_DOC_ID
