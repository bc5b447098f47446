"""The app over the fixture store, in process (FastAPI's TestClient)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

with warnings.catch_warnings():  # Starlette suggests httpx2, which sitrep does not depend on
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.config import Settings
from tests.api.fixtures import build_store


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("api") / "store.duckdb")


@pytest.fixture(scope="module")
def app(store_path: Path) -> FastAPI:
    return create_app(str(store_path), Settings())


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client
