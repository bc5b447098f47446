"""Offset pagination: next_offset walks every row once; caps come from the settings."""

from __future__ import annotations

import warnings

from sitrep.api import create_app
from sitrep.config import Settings

with warnings.catch_warnings():  # see conftest.py
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


def walk(client, url, limit):
    seen, offset = [], 0
    while offset is not None:
        page = client.get(url, params={"limit": limit, "offset": offset}).json()
        assert page["limit"] == limit and page["offset"] == offset
        assert len(page["items"]) <= limit
        seen.extend(item["id"] for item in page["items"])
        offset = page["next_offset"]
    return seen


def test_next_offset_walks_every_actor_once(client):
    every = [a["id"] for a in client.get("/api/actors", params={"limit": 200}).json()["items"]]
    assert len(every) == 20
    assert walk(client, "/api/actors", 7) == every
    assert walk(client, "/api/actors", 20) == every  # an exact fit has no next page


def test_pages_of_documents_quotes_and_events(client):
    assert len(walk(client, "/api/documents", 2)) == 5
    assert len(walk(client, "/api/quotes", 3)) == 8
    events = [e["id"] for e in client.get("/api/events", params={"limit": 50}).json()["items"]]
    assert len(events) == 9  # realised ones: not the denied, hypothetical or intended three
    assert walk(client, "/api/events", 1) == events


def test_past_the_end_is_an_empty_last_page(client):
    page = client.get("/api/documents", params={"offset": 50}).json()
    assert page["items"] == [] and page["next_offset"] is None


def test_caps_follow_the_settings(store_path):
    settings = Settings(api_max_page_size=3, api_max_query_chars=10)
    with TestClient(create_app(str(store_path), settings)) as client:
        default = client.get("/api/actors").json()
        assert len(default["items"]) == 3 and default["next_offset"] == 3  # default within cap
        assert client.get("/api/actors", params={"limit": 3}).status_code == 200
        over = client.get("/api/actors", params={"limit": 4})
        assert over.status_code == 422 and over.json()["parameter"] == "limit"
        long = client.get("/api/search", params={"q": "x" * 11})
        assert long.status_code == 422 and long.json()["parameter"] == "q"
        schema = client.get("/openapi.json").json()
        limit = next(
            p for p in schema["paths"]["/api/quotes"]["get"]["parameters"] if p["name"] == "limit"
        )
        assert limit["schema"]["maximum"] == 3
