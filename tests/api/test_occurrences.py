"""/api/occurrences, and as_of on events and relations, over a corroborated store."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():  # Starlette suggests httpx2, which sitrep does not depend on
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.config import Settings
from tests.test_corroborate import LATE, LOCAL, WIRE, fill


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = fill(Path(tmp_path_factory.mktemp("occ")) / "s.duckdb", WIRE, LOCAL, LATE)
    with TestClient(create_app(str(path), Settings())) as test_client:
        yield test_client


def get(client: TestClient, url: str, **params: object) -> dict:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_occurrences_with_their_counts_now_and_as_of_a_day(client):
    [now] = get(client, "/api/occurrences")["items"]
    assert (now["n_reports"], now["n_independent_sources"], now["date"]) == (3, 3, "2025-03-02")
    assert now["first_report"]["outlet"] == "Global Wire Service"
    [then] = get(client, "/api/occurrences", as_of="2025-03-02")["items"]
    assert (then["n_reports"], then["as_of"]) == (2, "2025-03-02")
    assert get(client, "/api/occurrences", as_of="2025-03-01")["items"] == []
    assert get(client, "/api/occurrences", min_sources=4)["items"] == []


def test_accounts_side_by_side_and_one_occurrence_with_its_reports(client):
    [found] = get(client, "/api/occurrences", accounts="true", actor="Russia")["items"]
    killed = sorted(
        (a["value"], a["outlets"][0]) for a in found["accounts"] if a["kind"] == "killed"
    )
    assert killed == [("15", "Kyiv Evening Post"), ("at least 12", "Global Wire Service")]
    detail = get(client, f"/api/occurrences/{found['id']}")
    assert [r["outlet"] for r in detail["reports"]] == [
        "Global Wire Service", "Kyiv Evening Post", "Northern Star Herald",
    ]  # fmt: skip
    early = get(client, f"/api/occurrences/{found['id']}", as_of="2025-03-02")
    assert len(early["reports"]) == 2 and early["n_reports"] == 2


def test_events_and_relations_take_as_of(client):
    events = get(client, "/api/events", as_of="2025-03-02")["items"]
    assert {e["outlet"] for e in events} == {"Global Wire Service", "Kyiv Evening Post"}
    assert {(e["n_reports"], e["n_independent_sources"]) for e in events} == {(2, 2)}
    assert get(client, "/api/relations", a="Russia", as_of="2025-03-02")["relations"] == []


def test_the_timeline_shows_a_happening_once_with_its_counts(client):
    items = get(client, "/api/timeline", actor="Russia")["items"]
    events = [i for i in items if i["kind"] == "event"]
    assert [(e["reports"], e["sources"]) for e in events] == [(3, 3)]


@pytest.mark.parametrize(
    ("url", "params", "status", "parameter"),
    [
        ("/api/occurrences", {"as_of": "2025-13-01"}, 422, "as_of"),
        ("/api/events", {"as_of": "yesterday"}, 422, "as_of"),
        ("/api/relations", {"a": "Russia", "as_of": "0.0"}, 422, "as_of"),
        ("/api/occurrences", {"status": "rumoured"}, 422, "status"),
        ("/api/occurrences/nope", {}, 404, None),
    ],
)
def test_bad_parameters_are_named_errors(client, url, params, status, parameter):
    response = client.get(url, params=params)
    assert response.status_code == status
    assert response.json()["parameter"] == parameter
