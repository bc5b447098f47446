"""The web UI in a real headless Chromium: search an alias, read the actor, see graph and map."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
WAIT_SECONDS = 20

pytestmark = pytest.mark.browser


def wait_for(driver, css: str, check=lambda elements: bool(elements)):
    """Wait until the elements matching `css` pass `check`; return them."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_SECONDS).until(
        lambda d: (found := d.find_elements(By.CSS_SELECTOR, css)) and check(found) and found
    )


def screenshot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    assert driver.save_screenshot(str(path)), f"could not save {path}"
    return path


def severe_console_entries(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_search_alias_actor_page_graph_map_and_document(server, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browser
    driver.get(server + "/")
    wait_for(driver, ".counts b")
    assert not driver.find_elements(By.ID, "vendor-missing"), "front-end libraries missing"

    # search an alias and land on the actor's page
    box = driver.find_element(By.ID, "q")
    box.send_keys("Jolani", Keys.ENTER)
    name = wait_for(driver, "#actor-name", lambda e: e[0].text == "Ahmed al-Sharaa")[0]
    assert name.text == "Ahmed al-Sharaa"
    assert "#/actor/ahmed-al-sharaa" in driver.current_url
    aliases = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".aliases .chip")]
    assert "Jolani" in aliases and "Al Sharaa" in aliases
    quotes = driver.find_elements(By.CSS_SELECTOR, "#quotes .quote")
    arms = [q for q in quotes if "All of Syria’s arms are of Russian origin" in q.text]
    assert len(arms) == 1
    assert arms[0].find_element(By.CSS_SELECTOR, ".outlet").text == "Al Arabiya"
    assert arms[0].find_element(By.CSS_SELECTOR, ".speaker").text == "Ahmed al-Sharaa"
    assert arms[0].find_element(By.CSS_SELECTOR, ".date").text == "2024-12-29"
    relations = driver.find_element(By.CSS_SELECTOR, "table.relations").text
    assert "Ahmed al-Sharaa → Russia" in relations and "Ahmed al-Sharaa → Iran" in relations
    screenshot(driver, "actor")

    # the relations graph: nodes drawn on canvas
    driver.find_element(By.LINK_TEXT, "Graph").click()
    graph = wait_for(driver, "#graph", lambda e: int(e[0].get_attribute("data-nodes")) > 0)[0]
    assert int(graph.get_attribute("data-nodes")) == 7
    assert int(graph.get_attribute("data-edges")) == 9
    assert graph.find_elements(By.TAG_NAME, "canvas")
    screenshot(driver, "graph")
    colours = driver.execute_script(
        "return window.sitrepGraph.edges().map(e => e.source().id() + '>' + e.target().id()"
        " + ' ' + e.data('colour'))"
    )
    assert "UKR>RUS #c62828" in colours and "SYR>RUS #2e7d32" in colours
    assert "ahmed-al-sharaa>IRN #8a8f98" in colours

    # clicking a node opens its actor (rendered positions are relative to the graph's box)
    x, y = driver.execute_script(
        "const p = window.sitrepGraph.getElementById('UKR').renderedPosition(); return [p.x, p.y]"
    )
    ActionChains(driver).move_to_element_with_offset(
        graph, int(x - graph.size["width"] / 2), int(y - graph.size["height"] / 2)
    ).click().perform()
    wait_for(driver, "#actor-name", lambda e: e[0].text == "Ukraine")
    driver.back()

    # the map: a world outline from world-atlas, places and events over it
    wait_for(driver, "#graph")
    driver.find_element(By.LINK_TEXT, "Map").click()
    wait_for(driver, "#map path.country", lambda e: len(e) > 100)
    events = driver.find_elements(By.CSS_SELECTOR, "#map circle.event")
    places = driver.find_elements(By.CSS_SELECTOR, "#map circle.place")
    assert len(events) == 5 and len(places) >= 10
    screenshot(driver, "map")

    # the timeline of the actor and Russia
    driver.get(server + "/#/timeline?actor=Jolani&other=Russia")
    wait_for(driver, "#timeline-chart circle", lambda e: len(e) == 4)
    screenshot(driver, "timeline")

    # the document: the quote highlighted in the text, linked to its record
    driver.get(server + "/#/actor/ahmed-al-sharaa")
    cards = wait_for(driver, "#quotes .quote")
    quote = next(card for card in cards if "All of Syria’s arms" in card.text)
    quote.find_element(By.CSS_SELECTOR, ".meta a[href^='#/doc/']").click()
    wait_for(driver, "#doc-text .hl.q")
    highlighted = " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, "#doc-text .hl.q"))
    assert "All of Syria’s arms" in highlighted
    assert driver.find_elements(By.CSS_SELECTOR, "#doc-text .hl.m")
    assert driver.find_elements(By.CSS_SELECTOR, "#doc-text .hl.e")
    screenshot(driver, "document")

    # clicking a highlighted mention opens its actor
    mention = next(
        e for e in driver.find_elements(By.CSS_SELECTOR, "#doc-text .hl.m") if e.text == "HTS"
    )
    mention.click()
    wait_for(driver, "#actor-name", lambda e: e[0].text == "Hay'at Tahrir al-Sham")

    assert severe_console_entries(driver) == []


def test_without_libraries_the_page_explains_and_throws_nothing(store_path, bare_web_root, browser):
    from selenium.webdriver.common.by import By

    from sitrep.api import create_app
    from sitrep.config import Settings
    from tests.web.conftest import serving

    with serving(create_app(str(store_path), Settings())) as url:
        browser.get(url + "/")
        notice = wait_for(browser, "#vendor-missing")[0]
        assert "npm ci --prefix" in notice.text
        wait_for(browser, ".counts b")  # the rest of the UI works
        browser.find_element(By.LINK_TEXT, "Graph").click()
        message = wait_for(browser, "#view .error")[0]
        assert "front-end libraries (cytoscape)" in message.text
        screenshot(browser, "no-libraries")
        assert severe_console_entries(browser) == []
