"""Every kind of invalid parameter is a 4xx with {"error": ..., "parameter": name}, never a 500."""

from __future__ import annotations

import pytest

LONG = "x" * 201  # one past the default api_max_query_chars

INVALID = [
    # bad dates
    ("/api/quotes", {"since": "2025-13-01"}, 422, "since"),
    ("/api/events", {"until": "yesterday"}, 422, "until"),
    ("/api/places", {"since": "0.0"}, 422, "since"),
    ("/api/quotes", {"since": "2025-02-01", "until": "2025-01-01"}, 422, "until"),
    # unknown enumerated values
    ("/api/events", {"type": "BOMB"}, 422, "type"),
    ("/api/events", {"modality": "rumoured"}, 422, "modality"),
    ("/api/actors", {"type": "ALIEN"}, 422, "type"),
    ("/api/actors", {"country": "Syria"}, 422, "country"),
    ("/api/events", {"include_hypothetical": "maybe"}, 422, "include_hypothetical"),
    # page size and offset
    ("/api/actors", {"limit": "201"}, 422, "limit"),
    ("/api/documents", {"limit": "0"}, 422, "limit"),
    ("/api/quotes", {"limit": "ten"}, 422, "limit"),
    ("/api/events", {"offset": "-1"}, 422, "offset"),
    ("/api/documents", {"offset": str(10**12)}, 422, "offset"),
    ("/api/graph", {"limit": "100000"}, 422, "limit"),
    # query length, empty and missing queries
    ("/api/search", {"q": LONG}, 422, "q"),
    ("/api/search", {"q": ""}, 422, "q"),
    ("/api/search", {}, 422, "q"),
    ("/api/actors", {"q": LONG}, 422, "q"),
    ("/api/quotes", {"by": LONG}, 422, "by"),
    ("/api/relations", {}, 422, "a"),
    ("/api/timeline", {}, 422, "actor"),
    (f"/api/actors/{LONG}", {}, 422, "actor"),
    (f"/api/documents/{LONG}", {}, 422, "doc_id"),
    # unknown actors, by whichever parameter names them
    ("/api/actors/Nobody%20Atall", {}, 404, "actor"),
    ("/api/quotes", {"by": "Nobody Atall"}, 404, "by"),
    ("/api/quotes", {"about": "Vladimir Putin"}, 404, "about"),
    ("/api/events", {"actor": "Nobody Atall"}, 404, "actor"),
    ("/api/relations", {"a": "Syria", "b": "Nobody Atall"}, 404, "b"),
    ("/api/timeline", {"actor": "Jolani", "other": "Nobody Atall"}, 404, "other"),
    ("/api/graph", {"actor": "Nobody Atall"}, 404, "actor"),
    ("/api/places", {"actor": " "}, 404, "actor"),
    # unknown documents
    ("/api/documents/ffffffffffff", {}, 404, "doc_id"),
    ("/api/documents/abc", {}, 404, "doc_id"),
]


@pytest.mark.parametrize(("url", "params", "status", "parameter"), INVALID)
def test_invalid_parameters_are_named_4xx_errors(client, url, params, status, parameter):
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "parameter"}
    assert body["parameter"] == parameter
    assert body["error"] and "\n" not in body["error"] and len(body["error"]) <= 500


def test_messages_say_what_is_wrong(client):
    unknown = client.get("/api/quotes", params={"by": "Peskow"}).json()
    assert unknown["error"] == "no actor named 'Peskow' in this store; did you mean Dmitry Peskov?"
    kb_only = client.get("/api/actors/Putin").json()
    assert "known to the knowledge base as Vladimir Putin" in kb_only["error"]
    cap = client.get("/api/actors", params={"limit": 500}).json()
    assert cap["error"] == "limit: Input should be less than or equal to 200 (got '500')"
    kind = client.get("/api/events", params={"type": "BOMB"}).json()["error"]
    assert "'ASSAULT'" in kind and "'BOMB'" in kind


def test_unknown_paths_are_404(client):
    assert client.get("/api/nothing").status_code == 404
