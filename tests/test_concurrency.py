"""Concurrent use of one store, and what the served API lets through.

Two `sitrep ingest` processes on one store: the second exits at once, naming the first's
PID, and the store is whole afterwards.  `sitrep serve --watch` answers /api/health and
/api/documents while its feed loop polls a local feed server and writes, new entries
appear, a writer from outside is turned away, and the store is whole after the server
stops; without allow_private its watcher may not fetch from 127.0.0.1.  The API binds to
loopback by default, and no endpoint writes: every operation is a GET, other methods are
405, and serving a store leaves its file byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest

from sitrep.api import create_app
from sitrep.config import Settings
from sitrep.store import Store
from tests.api.fixtures import build_store
from tests.conftest import ARTICLE, html_page, jsonl_gz, rss_feed
from tests.fuzz.corpus import check_store
from tests.local_server import LocalServer, Reply
from tests.test_crash import article

with warnings.catch_warnings():  # Starlette suggests httpx2, which sitrep does not depend on
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


def sitrep(*args: str) -> list[str]:
    return [sys.executable, "-m", "sitrep", *args]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of a sitrep process: no user settings file."""
    environ = {**os.environ, "HOME": str(tmp_path)}
    environ.pop("SITREP_CONFIG", None)
    return environ


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


# --- two writers ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_a_second_ingest_exits_at_once_naming_the_first(
    tmp_path: Path, env: dict[str, str]
) -> None:
    rng = random.Random(7)
    records = [dict(zip(("title", "text"), article(rng, n), strict=True)) for n in range(80)]
    corpus = tmp_path / "wire.jsonl.gz"
    corpus.write_bytes(jsonl_gz(records))
    other = tmp_path / "other.txt"
    other.write_text(ARTICLE)
    db = tmp_path / "s.duckdb"
    first = subprocess.Popen(sitrep("ingest", str(corpus), "--db", str(db), "-q"), env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        wait_for(db.exists, 60, "the first ingest to open the store")
        started = time.monotonic()
        second = subprocess.run(sitrep("ingest", str(other), "--db", str(db)), env=env,
                                capture_output=True, text=True, timeout=60)  # fmt: skip
        took = time.monotonic() - started
        assert first.poll() is None, "the first ingest ended before the second was refused"
        assert second.returncode == 2
        assert second.stderr.splitlines() == [
            f"sitrep: error: store is busy (held by PID {first.pid}): {db}"
        ]
        assert took < 20  # start-up and imports: it never waits for the store
        _, stderr = first.communicate(timeout=120)
        assert first.returncode == 0, stderr.decode()
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    with Store.open(db) as store:
        check_store(store)
        assert store.query("SELECT count(*) AS n FROM documents") == [{"n": 80}]
    again = subprocess.run(sitrep("ingest", str(other), "--db", str(db), "-q"), env=env,
                           capture_output=True, text=True, timeout=120)  # fmt: skip
    assert again.returncode == 0, again.stderr


# --- serve --watch --------------------------------------------------------------------------

PAGES = {
    "a": "Foreign ministers of Turkey and Ukraine agreed on Tuesday to extend the grain "
    "corridor for four more months after talks in Ankara, officials said.",
    "b": "Heavy rain flooded the lower town of Derna overnight and rescue teams evacuated "
    "hundreds of families from the coastal districts, the local council said.",
    "c": "The central bank left its main interest rate unchanged on Thursday, citing slowing "
    "inflation and weak demand across the euro area in the third quarter.",
}
SLOW_PAGE_SECONDS = 2.0  # page b answers this late, so a poll lasts a while


class Feed:
    """A feed on the local server whose entries the test publishes; pages for each."""

    def __init__(self, server: LocalServer) -> None:
        self.server, self.body, self.version = server, b"", 0
        server.routes["/feed.xml"] = self.reply
        for key, text in PAGES.items():
            page = html_page(f"Story {key}", [text, f"More on story {key} later today."])
            delay = SLOW_PAGE_SECONDS if key == "b" else 0.0
            server.routes[f"/{key}"] = Reply(body=page.encode(), delay=delay,
                                             headers={"Content-Type": "text/html"})  # fmt: skip

    def publish(self, *keys: str) -> None:
        self.version += 1
        self.body = rss_feed([{"title": f"Story {k}", "link": self.server.url(f"/{k}"),
                               "summary": PAGES[k]} for k in keys])  # fmt: skip

    def reply(self, headers: dict[str, str]) -> Reply:
        etag = f'"v{self.version}"'
        if headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        return Reply(body=self.body, headers={"ETag": etag, "Content-Type": "application/rss+xml"})


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer().running() as running:
        yield running


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """A `sitrep serve` process and an HTTP client for it."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.log = log
        with log.open("wb") as stderr:
            self.process = subprocess.Popen(
                sitrep("serve", "--port", str(self.port), *args), env=env,
                stdout=subprocess.DEVNULL, stderr=stderr,
            )  # fmt: skip
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=10)
        wait_for(self.up, 90, "the server to answer")

    def up(self) -> bool:
        assert self.process.poll() is None, self.log.read_text()
        try:
            return self.client.get("/api/health").status_code == 200
        except httpx.TransportError:
            return False

    def get(self, path: str) -> tuple[Any, float]:
        """The JSON of a 200 answer and how long it took."""
        started = time.monotonic()
        response = self.client.get(path)
        assert response.status_code == 200, response.text
        return response.json(), time.monotonic() - started

    def titles(self) -> set[str]:
        return {d["title"] for d in self.get("/api/documents?limit=50")[0]["items"]}

    def stop(self) -> None:
        self.client.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_serve_answers_while_its_watch_loop_writes(
    tmp_path: Path, env: dict[str, str], server: LocalServer
) -> None:
    feed = Feed(server)
    feed.publish("a", "b")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(server.url("/feed.xml") + "\n")
    db = tmp_path / "served.duckdb"
    env = {**env, "SITREP_ALLOW_PRIVATE": "true"}  # serve has no --allow-private flag
    served = Served(["--db", str(db), "--watch", str(feeds), "--every", "2s"], env,
                    tmp_path / "serve.log")  # fmt: skip
    try:
        listening = {c.laddr.ip for c in psutil.Process(served.process.pid).net_connections()
                     if c.status == psutil.CONN_LISTEN}  # fmt: skip
        assert listening == {"127.0.0.1"}
        health, _ = served.get("/api/health")
        assert health["writable"] is True
        # during the first poll (model loading, the slow page b, analysis, writing)
        answers, slowest = 0, 0.0
        deadline = time.monotonic() + 120
        while served.titles() != {"Story a", "Story b"}:
            assert time.monotonic() < deadline, served.log.read_text()
            for path in ("/api/health", "/api/documents"):
                _, took = served.get(path)
                answers, slowest = answers + 1, max(slowest, took)
            time.sleep(0.05)
        assert server.hits("/b") >= 1
        assert answers >= 10, answers  # it answered all along the poll
        assert slowest < 5, slowest
        # a later poll brings the new entry
        feed.publish("a", "b", "c")
        wait_for(lambda: served.titles() == {"Story a", "Story b", "Story c"}, 60, "story c")
        assert served.get("/api/health")[0]["documents"] == 3
        # the server owns the store: a writer from outside is turned away at once
        other = tmp_path / "other.txt"
        other.write_text(ARTICLE)
        refused = subprocess.run(sitrep("ingest", str(other), "--db", str(db)), env=env,
                                 capture_output=True, text=True, timeout=60)  # fmt: skip
        assert refused.returncode == 2
        assert refused.stderr.splitlines() == [
            f"sitrep: error: store is busy (held by PID {served.process.pid}): {db}"
        ]
    finally:
        served.stop()
    with Store.open(db, read_only=True) as store:
        check_store(store)
        titles = {r["title"] for r in store.query("SELECT title FROM documents")}
        assert titles == {"Story a", "Story b", "Story c"}
        assert store.query("SELECT count(*) AS n FROM feed_entries") == [{"n": 3}]
    assert server.hits("/a") == 1 and server.hits("/c") == 1  # each page fetched once


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_serve_watch_does_not_fetch_loopback_without_allow_private(
    tmp_path: Path, env: dict[str, str], server: LocalServer
) -> None:
    feed = Feed(server)
    feed.publish("a")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(server.url("/feed.xml") + "\n")
    db = tmp_path / "served.duckdb"
    log = tmp_path / "serve.log"
    served = Served(["--db", str(db), "--watch", str(feeds), "--every", "1s"], env, log)
    try:
        wait_for(lambda: "refused (setting allow_private)" in log.read_text(), 60, "a refusal")
        assert server.requests == []
        assert served.get("/api/health")[0]["documents"] == 0
    finally:
        served.stop()


# --- the API writes nothing -----------------------------------------------------------------


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_no_endpoint_writes(tmp_path: Path) -> None:
    db = build_store(tmp_path / "store.duckdb")
    before = file_digest(db)
    with TestClient(create_app(str(db), Settings())) as client:
        schema = client.get("/openapi.json").json()
        assert {m for ops in schema["paths"].values() for m in ops} == {"get"}
        assert client.get("/api/health").json()["writable"] is False
        for path in schema["paths"]:
            url = re.sub(r"\{[^}]+\}", "ffffff", path)  # ids that name nothing: 404
            assert client.get(url).status_code in (200, 404, 422), url
            for method in ("POST", "PUT", "PATCH", "DELETE"):
                assert client.request(method, url).status_code == 405, (method, url)
    assert file_digest(db) == before
    assert not db.with_name(db.name + ".wal").exists()
