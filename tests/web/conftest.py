"""A real server on a free 127.0.0.1 port over the fixture store, and a headless Chromium."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from sitrep.api import create_app, web
from sitrep.config import Settings
from tests.api.fixtures import build_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--no-first-run",
    "--disable-sync", "--window-size=1280,900",
)  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Serve an app with uvicorn in a thread on a free port; yield its base URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "store.duckdb")


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    """The app over the fixture store, served on 127.0.0.1; yields its base URL."""
    with serving(create_app(str(store_path), Settings())) as url:
        yield url


@pytest.fixture
def bare_web_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The UI's files without node_modules, as on a machine where npm ci never ran."""
    root = tmp_path / "web"
    shutil.copytree(web.web_root(), root, ignore=shutil.ignore_patterns("node_modules"))
    monkeypatch.setattr(web, "web_root", lambda: root)
    return root


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Chromium driven by chromedriver, logging the console at every level."""
    if CHROMIUM is None:
        print("chromium is not installed (apt-get install chromium chromium-driver)")
        pytest.skip("chromium is not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    assert Path(CHROMEDRIVER).is_file(), "chromium is installed but chromedriver is not"
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()
