"""The OpenAPI schema: every response typed; schemathesis finds no 500 and no non-conformance."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

# Examples per operation (valid and invalid inputs): 18 operations stay well under a minute.
EXAMPLES = 30


@pytest.fixture(scope="module")
def openapi(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_operation_has_typed_responses(openapi):
    operations = {path: ops["get"] for path, ops in openapi["paths"].items()}
    assert len(operations) == 18
    assert "/" not in operations
    for path, operation in operations.items():
        responses = operation["responses"]
        ok = responses["200"]["content"]["application/json"]["schema"]
        assert ok.get("$ref", "").startswith("#/components/schemas/"), path
        for status in ("404", "422"):
            error = responses[status]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/ErrorBody"}, (path, status)
        assert operation.get("summary") and operation.get("description"), path


def test_caps_are_in_the_schema(openapi):
    params = {p["name"]: p["schema"] for p in openapi["paths"]["/api/actors"]["get"]["parameters"]}
    assert params["limit"]["maximum"] == 200 and params["limit"]["minimum"] == 1
    assert params["offset"]["minimum"] == 0
    assert params["q"]["anyOf"][0]["maxLength"] == 200
    event_params = openapi["paths"]["/api/events"]["get"]["parameters"]
    event_type = next(p for p in event_params if p["name"] == "type")["schema"]["anyOf"][0]
    assert "RETREAT" in event_type["enum"] and len(event_type["enum"]) == 16


# schemathesis's pytest integration (parametrize, from_fixture) does not run on pytest 9
# (it sets Node._nodeid): drive its Hypothesis strategies directly, one test per operation.
OPERATIONS = (
    "/api/documents", "/api/documents/{doc_id}", "/api/actors", "/api/actors/{actor}",
    "/api/quotes", "/api/events", "/api/relations", "/api/graph", "/api/places",
    "/api/timeline", "/api/search", "/api/stats", "/api/health", "/api/stories",
    "/api/stories/{story_id}", "/api/brief", "/api/occurrences",
    "/api/occurrences/{occurrence_id}",
)  # fmt: skip


def test_the_list_of_operations_is_complete(openapi):
    assert set(openapi["paths"]) == set(OPERATIONS)


NO_PARAMETERS = ("/api/stats", "/api/health")  # nothing to get wrong: no negative cases


def reversed_dates(case) -> bool:
    """since after until: schema-valid, but refused (OpenAPI cannot say one date precedes another)."""
    query = case.query or {}
    since, until = str(query.get("since", "")), str(query.get("until", ""))
    return bool(since and until) and until < since


def unscoped_brief(path: str, case) -> bool:
    """/api/brief without exactly one of story, actor, or a and b: schema-valid, but refused."""
    query = case.query or {}
    given = {name for name in ("story", "actor", "a", "b") if name in query}
    return path == "/api/brief" and given not in ({"story"}, {"actor"}, {"a", "b"})


@pytest.mark.parametrize(
    ("path", "mode"),
    [(path, GenerationMode.POSITIVE) for path in OPERATIONS]
    + [(path, GenerationMode.NEGATIVE) for path in OPERATIONS if path not in NO_PARAMETERS],
    ids=str,
)
def test_api_conforms_to_its_schema(api_schema, path, mode):
    operation = api_schema[path]["GET"]
    statuses = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )  # fmt: skip
    def check(case):
        if mode == GenerationMode.POSITIVE and reversed_dates(case):
            response = case.call()
            assert response.status_code == 422, response.text
            assert response.json()["parameter"] == "until"
        elif mode == GenerationMode.POSITIVE and unscoped_brief(path, case):
            response = case.call()
            assert response.status_code == 422, response.text
            assert response.json()["parameter"] in ("story", "actor", "a", "b")
        else:
            response = case.call_and_validate()
        statuses.append(response.status_code)

    check()  # call_and_validate: no 5xx, documented statuses, bodies match, bad input refused
    assert statuses and max(statuses) < 500
