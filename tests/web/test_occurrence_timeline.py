"""The timeline in a real headless Chromium over a corroborated store: one dot per happening,
its card counting reports and independent sources."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.api import create_app
from sitrep.config import Settings
from tests.test_corroborate import LATE, LOCAL, WIRE, fill
from tests.web.conftest import serving
from tests.web.test_browser import severe_console_entries, wait_for


@pytest.fixture(scope="module")
def corroborated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = fill(Path(tmp_path_factory.mktemp("occ-web")) / "s.duckdb", WIRE, LOCAL, LATE)
    with serving(create_app(str(path), Settings())) as url:
        yield url


@pytest.mark.browser
def test_the_timeline_counts_a_happening_once_with_its_sources(corroborated, browser):
    driver = browser
    driver.get(f"{corroborated}/#/timeline?actor=Russia")
    dots = wait_for(driver, "#timeline-chart circle.event")
    assert len(dots) == 1 and dots[0].get_attribute("r") == "10"  # three sources
    [counts] = wait_for(driver, "#timeline-items .card.event .counts")
    assert counts.text == "3 reports, 3 sources"
    assert severe_console_entries(driver) == []
