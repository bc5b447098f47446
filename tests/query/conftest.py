"""The fixture store, read-only, and the knowledge base, shared by the query tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.kb import KnowledgeBase, load_kb
from sitrep.store import Store
from tests.api.fixtures import build_store


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("query") / "store.duckdb")


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    with Store.open(store_path, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()
