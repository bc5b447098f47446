"""A store file filled with the hand-made documents of tests/export/records.py."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from tests.export.records import fill_store


@pytest.fixture
def store_path(tmp_path):
    return fill_store(str(tmp_path / "s.duckdb"))


@pytest.fixture
def run_export(monkeypatch, tmp_path, store_path):
    """Run `sitrep export` on the filled store; returns the click result."""
    monkeypatch.setenv("HOME", str(tmp_path))  # no user settings file leaks in

    def run(*args: str, db: str | None = None):
        return CliRunner().invoke(
            main, ["export", *args, "--db", db or store_path], catch_exceptions=False
        )

    return run
