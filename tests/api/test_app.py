"""The app's modes: read-only by default, writable on request, search with or without index."""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest

from sitrep.api import create_app
from sitrep.config import Settings
from sitrep.errors import StoreError
from sitrep.store import Store
from tests.api.fixtures import ARMS_QUOTE, build_store

with warnings.catch_warnings():  # see conftest.py
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


@pytest.fixture
def unindexed(tmp_path):
    return build_store(tmp_path / "plain.duckdb", search_index=False)


def test_read_only_app_searches_an_unindexed_store_word_by_word(unindexed):
    with TestClient(create_app(str(unindexed), Settings())) as client:
        health = client.get("/api/health").json()
        assert (health["writable"], health["search_index"]) == (False, False)
        found = client.get("/api/search", params={"q": "russian origin"}).json()
        assert found["full_text"] is False
        assert [q["text"] for q in found["quotes"]] == [ARMS_QUOTE]
    with Store.open(unindexed, read_only=True) as store:  # the server wrote nothing
        schemas = store.query(
            "SELECT schema_name FROM duckdb_schemas() WHERE schema_name LIKE 'fts%'"
        )
        assert schemas == []


def test_writable_app_builds_the_search_index(unindexed):
    with TestClient(create_app(str(unindexed), Settings(), writable=True)) as client:
        health = client.get("/api/health").json()
        assert (health["writable"], health["search_index"]) == (True, True)
        assert client.get("/api/search", params={"q": "origin"}).json()["full_text"] is True


def test_a_missing_store_fails_at_creation(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        create_app(str(tmp_path / "none.duckdb"), Settings())


def test_concurrent_requests_each_get_their_own_cursor(client):
    urls = ["/api/actors/Jolani", "/api/search?q=Russia", "/api/graph", "/api/quotes?by=Sybiha",
            "/api/documents", "/api/relations?a=Syria"] * 20  # fmt: skip
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda url: client.get(url).status_code, urls))
    assert statuses == [200] * len(urls)
