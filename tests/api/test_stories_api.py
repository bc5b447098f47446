"""/api/stories, /api/stories/{id} and /api/brief over the fixture store, clustered into stories."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

from sitrep.api import create_app
from sitrep.config import Settings
from sitrep.store import Store
from sitrep.stories import update_stories
from sitrep.stories.citations import fold
from tests.api.fixtures import build_store

with warnings.catch_warnings():  # see tests/api/conftest.py
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

BASES = "Russia / Syria: Khmeimim, Tartus"


@pytest.fixture(scope="module")
def stories_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = build_store(tmp_path_factory.mktemp("stories") / "store.duckdb")
    with Store.open(path) as store:
        update_stories(store)
    with TestClient(create_app(str(path), Settings())) as client:
        yield client


def get(client: TestClient, url: str, **params: object) -> dict:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def bases_id(client: TestClient) -> str:
    items = get(client, "/api/stories")["items"]
    return next(s["id"] for s in items if s["label"] == BASES)


def test_stories_most_articles_first_and_by_dates(stories_client):
    page = get(stories_client, "/api/stories")
    assert [(s["label"], s["articles"]) for s in page["items"]] == [
        (BASES, 3), ("Iran / Syria: Tehran, leadership", 1),
    ]  # fmt: skip
    assert page["items"][0]["first_date"] == "2024-12-29" and page["next_offset"] is None
    later = get(stories_client, "/api/stories", since="2025-02-15")
    assert [s["articles"] for s in later["items"]] == [1]
    first = get(stories_client, "/api/stories", limit=1)
    assert len(first["items"]) == 1 and first["next_offset"] == 1


def test_one_story_by_prefix_with_members_and_timeline(stories_client):
    story_id = bases_id(stories_client)
    story = get(stories_client, f"/api/stories/{story_id[:7]}")
    assert story["id"] == story_id and story["label"] == BASES
    members = {m["id"] for m in story["members"]}
    assert len(members) == 3 and all(m["counted"] for m in story["members"])
    days = [item["day"] for item in story["timeline"]]
    assert days == sorted(days) and {item["kind"] for item in story["timeline"]} == {
        "event", "quote",
    }  # fmt: skip
    assert {item["doc_id"] for item in story["timeline"]} <= members


def test_briefing_json_lines_cite_stored_spans(stories_client):
    found = get(stories_client, "/api/brief", story=bases_id(stories_client))
    assert found["title"] == BASES and found["scope"]["kind"] == "story"
    numbers = {c["number"] for c in found["citations"]}
    lines = [line for s in found["sections"] for line in s["lines"]]
    assert lines and all(line["citations"] for line in lines)
    assert {n for line in lines for n in line["citations"]} == numbers
    texts: dict[str, str] = {}
    for citation in found["citations"]:
        doc_id = citation["doc_id"]
        if doc_id not in texts:
            texts[doc_id] = get(stories_client, f"/api/documents/{doc_id}")["document"]["text"]
        assert fold(texts[doc_id][citation["start"] : citation["end"]]) == citation["text"]


def test_briefing_as_markdown_and_html_for_an_alias_and_a_pair(stories_client):
    md = stories_client.get("/api/brief", params={"actor": "Jolani", "format": "md"})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# Briefing: Ahmed al-Sharaa")
    page = stories_client.get("/api/brief", params={"a": "Syria", "b": "Russia", "format": "html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<h1>Briefing: Syria and Russia</h1>" in page.text


def test_briefing_between_dates(stories_client):
    found = get(stories_client, "/api/brief", actor="Syria", since="2025-02-01")
    assert found["since"] == "2025-02-01"
    assert all(line["day"] is None or line["day"] >= "2025-02-01"
               for s in found["sections"] for line in s["lines"])  # fmt: skip


INVALID = [
    ("/api/brief", {}, 422, "story"),
    ("/api/brief", {"story": "1438dd5cf80a", "actor": "Syria"}, 422, "actor"),
    ("/api/brief", {"actor": "Syria", "a": "Syria", "b": "Russia"}, 422, "a"),
    ("/api/brief", {"a": "Syria"}, 422, "b"),
    ("/api/brief", {"b": "Syria"}, 422, "a"),
    ("/api/brief", {"story": "ffffffffffff"}, 404, "story"),
    ("/api/brief", {"story": "ab"}, 404, "story"),
    ("/api/brief", {"actor": "Nobody Atall"}, 404, "actor"),
    ("/api/brief", {"a": "Syria", "b": "Nobody Atall"}, 404, "b"),
    ("/api/brief", {"actor": "Syria", "format": "pdf"}, 422, "format"),
    ("/api/brief", {"actor": "Syria", "since": "2025-13-01"}, 422, "since"),
    ("/api/brief", {"actor": "Syria", "since": "2025-02-01", "until": "2025-01-01"}, 422, "until"),
    ("/api/brief", {"story": "x" * 201}, 422, "story"),
    ("/api/stories", {"limit": "0"}, 422, "limit"),
    ("/api/stories", {"until": "yesterday"}, 422, "until"),
    ("/api/stories/ffffffffffff", {}, 404, "story_id"),
    ("/api/stories/abc", {}, 404, "story_id"),
    (f"/api/stories/{'x' * 201}", {}, 422, "story_id"),
]


@pytest.mark.parametrize(("url", "params", "status", "parameter"), INVALID)
def test_invalid_parameters_are_named_4xx_errors(stories_client, url, params, status, parameter):
    response = stories_client.get(url, params=params)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "parameter"} and body["parameter"] == parameter
    assert body["error"] and "\n" not in body["error"]


def test_a_store_without_stories_lists_none(client):
    assert get(client, "/api/stories")["items"] == []
