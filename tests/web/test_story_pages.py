"""The story pages in a real headless Chromium: the list, a story's timeline and briefing, a
citation opening its document; and the page's script is served without any network use."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.api import create_app
from sitrep.api.web import web_root
from sitrep.config import Settings
from sitrep.store import Store
from sitrep.stories import update_stories
from tests.api.fixtures import build_store
from tests.web.conftest import serving
from tests.web.test_browser import screenshot, severe_console_entries, wait_for

with warnings.catch_warnings():  # see tests/api/conftest.py
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

BASES = "Russia / Syria: Khmeimim, Tartus"


@pytest.fixture(scope="module")
def clustered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_store(tmp_path_factory.mktemp("story-pages") / "store.duckdb")
    with Store.open(path) as store:
        update_stories(store)
    return path


@pytest.fixture(scope="module")
def story_server(clustered: Path) -> Iterator[str]:
    with serving(create_app(str(clustered), Settings())) as url:
        yield url


def test_the_story_script_is_served_and_needs_no_network(clustered):
    script = (web_root() / "static" / "stories.js").read_text()
    assert not re.search(r"https?://", script)
    with TestClient(create_app(str(clustered), Settings())) as client:
        page = client.get("/")
        assert '<script src="/static/stories.js"></script>' in page.text
        assert page.text.index("stories.js") < page.text.index("app.js")  # views before routes
        assert client.get("/static/stories.js").status_code == 200


@pytest.mark.browser
def test_story_list_story_page_and_a_citation(story_server, browser):
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(f"{story_server}/#/stories")
    rows = wait_for(driver, "#stories tbody tr", lambda e: len(e) == 2)
    assert rows[0].find_element(By.TAG_NAME, "a").text == BASES
    rows[0].find_element(By.TAG_NAME, "a").click()

    wait_for(driver, "#story-label", lambda e: e[0].text == BASES)
    wait_for(driver, "#timeline-chart circle", lambda e: len(e) >= 3)
    lines = wait_for(driver, "#briefing ul.brief-lines li")
    for line in lines:
        assert line.find_elements(By.CSS_SELECTOR, "sup.cite a"), line.text
    sources = driver.find_elements(By.CSS_SELECTOR, "#briefing ol.sources li")
    assert sources and len(sources) == len(
        {a.text for a in driver.find_elements(By.CSS_SELECTOR, "sup.cite a")}
    )
    sections = {ul.get_attribute("data-section") for ul in driver.find_elements(
        By.CSS_SELECTOR, "#briefing ul.brief-lines")}  # fmt: skip
    assert {"developments", "quotes", "stances"} <= sections
    screenshot(driver, "story")

    driver.find_element(By.CSS_SELECTOR, "sup.cite a").click()
    wait_for(driver, "#doc-text")
    assert "#/doc/" in driver.current_url
    assert severe_console_entries(driver) == []
