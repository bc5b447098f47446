"""Live feeds against a local server: new entries stored once, fallbacks, back-off, refusals."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from click.testing import CliRunner

import sitrep.watch
from sitrep.analysis import Analyzer
from sitrep.cli import main
from sitrep.config import Settings
from sitrep.errors import ConfigError
from sitrep.net import Fetcher
from sitrep.store import Store
from sitrep.watch import (
    MAX_BACKOFF_SECONDS,
    load_feed_state,
    parse_interval,
    poll_feeds,
    read_feed_list,
    run_watch,
)
from tests.conftest import html_page, rss_feed
from tests.local_server import LocalServer, Reply

T0 = datetime(2025, 1, 5, 12, 0)
INTERVAL = 600.0
PARAGRAPHS = {
    "a": "Foreign ministers of Turkey and Ukraine agreed on Tuesday to extend the grain corridor "
    "for four more months after talks in Ankara, officials said.",
    "b": "Heavy rain flooded the lower town of Derna overnight and rescue teams evacuated "
    "hundreds of families from the coastal districts, the local council said.",
    "c": "The central bank left its main interest rate unchanged on Thursday, citing slowing "
    "inflation and weak demand across the euro area in the third quarter.",
}


class NoAnalysis(Analyzer):
    """The real Analyzer with extraction switched off: these tests are about fetching and
    feeds, not extraction (documents are stored unextracted, as with --no-extract)."""

    def __init__(self, settings=None):
        super().__init__(replace(settings or Settings(), extract=False))


class FeedSite:
    """A feed whose entries a test changes; it answers 304 to a matching If-None-Match."""

    def __init__(self, server: LocalServer, path: str = "/feed.xml") -> None:
        self.server, self.path, self.version, self.body = server, path, 0, b""
        server.routes[path] = self.reply

    def publish(self, *keys: str, **links: str) -> None:
        entries = [
            {"title": f"Story {k}", "link": links.get(k, self.server.url(f"/{k}")),
             "summary": f"Summary of story {k}: {PARAGRAPHS.get(k, 'a short note from the desk.')}"}
            for k in keys
        ]  # fmt: skip
        self.version += 1
        self.body = rss_feed(entries)

    def reply(self, headers: dict[str, str]) -> Reply:
        etag = f'"v{self.version}"'
        if headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        return Reply(body=self.body, headers={"ETag": etag, "Content-Type": "application/rss+xml"})

    @property
    def url(self) -> str:
        return self.server.url(self.path)


def serve_pages(server: LocalServer, *keys: str) -> None:
    for key in keys:
        page = html_page(f"Story {key}", [PARAGRAPHS[key]])
        server.routes[f"/{key}"] = Reply(body=page.encode(), headers={"Content-Type": "text/html"})


@pytest.fixture
def server():
    with LocalServer().running() as running:
        yield running


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as opened:
        yield opened


@pytest.fixture
def poll(store):
    """Poll feeds once at a given time, as `sitrep watch --once` would."""
    settings = Settings(allow_private=True, fetch_timeout=5.0)
    fetcher = Fetcher(settings)

    def run(*feeds: str, at: datetime = T0):
        return poll_feeds(store, settings, feeds, fetcher, interval=INTERVAL,
                          analyzer=NoAnalysis(), now=at)  # fmt: skip

    yield run
    fetcher.close()


def titles(store):
    return sorted(r["title"] for r in store.query("SELECT title FROM documents"))


# --- feeds file and interval ---------------------------------------------------------------


def test_feeds_file_allows_comments_and_blank_lines(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text(
        "# world desk\n\nhttps://a.test/rss\n  http://b.test/feed.xml  \nhttps://a.test/rss\n"
    )
    assert read_feed_list(path) == ["https://a.test/rss", "http://b.test/feed.xml"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("https://a.test/rss\n# fine\nnews.test/rss\n", "line 3 of {path}: not a URL"),
        ("ftp://a.test/rss\n", "line 1 of {path}: only http:// and https:// feeds can be watched"),
        ("https://a.test/rss\nhttps://a test/\n", "line 2 of {path}: not a URL"),
        ("# nothing yet\n\n", "{path}: no feed URLs (give one http:// or https:// URL per line)"),
    ],
)
def test_bad_feeds_files_name_the_line(tmp_path, text, message):
    path = tmp_path / "feeds.txt"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        read_feed_list(path)
    assert str(caught.value) == message.format(path=path)


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("15m", 900), ("2h", 7200), ("1d", 86400), ("600", 600)]
)
def test_intervals(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["15x", "0m", "", "m", "-5m"])
def test_bad_intervals(text):
    with pytest.raises(ConfigError, match=r"--every: .* is not a duration \(use 30s, 15m"):
        parse_interval(text)


# --- polling --------------------------------------------------------------------------------


def test_new_entries_are_stored_exactly_once_across_polls(server, store, poll):
    feed = FeedSite(server)
    serve_pages(server, "a", "b", "c")
    feed.publish("a", "b")
    (first,) = poll(feed.url)
    assert (first.status, first.entries, first.new, first.stored) == ("updated", 2, 2, 2)
    feed.publish("b", "c")  # the feed moves on: b again, c new
    (second,) = poll(feed.url, at=T0 + timedelta(minutes=10))
    assert (second.status, second.new, second.stored) == ("updated", 1, 1)
    (third,) = poll(feed.url, at=T0 + timedelta(minutes=20))
    assert third.status == "unchanged"
    assert server.requests[-1][1]["if-none-match"] == '"v2"'
    assert titles(store) == ["Story a", "Story b", "Story c"]
    assert [server.hits(p) for p in ("/a", "/b", "/c")] == [1, 1, 1]  # pages fetched once each
    row = store.query("SELECT text, url FROM documents WHERE title = 'Story c'")[0]
    assert PARAGRAPHS["c"] in row["text"] and "Summary of story" not in row["text"]
    assert row["url"] == server.url("/c")


def test_polled_documents_join_stories_and_occurrences_at_once(server, store, analyzer):
    # what `pipeline.ingest` derives after writing, a poll derives too (not the next ingest)
    settings = Settings(allow_private=True, fetch_timeout=5.0)
    feed = FeedSite(server)
    serve_pages(server, "a", "b")
    with Fetcher(settings) as fetcher:
        for at, keys in ((T0, "a"), (T0 + timedelta(minutes=10), "ab")):
            feed.publish(*keys)
            poll_feeds(store, settings, [feed.url], fetcher, interval=INTERVAL,
                       analyzer=analyzer, now=at)  # fmt: skip
            clustered = store.query("SELECT count(DISTINCT doc_id) AS n FROM story_documents")
            assert clustered[0]["n"] == len(keys) == len(titles(store))
    sourced = store.query("SELECT count(DISTINCT doc_id) AS n FROM provenance")
    assert sourced[0]["n"] == 2  # each document's independent source is worked out


def test_the_same_article_at_a_new_url_is_not_stored_again(server, store, poll):
    feed = FeedSite(server)
    serve_pages(server, "a")
    server.routes["/a-copy"] = server.routes["/a"]
    feed.publish("a")
    poll(feed.url)
    feed.publish("a", "a2", a2=server.url("/a-copy"))
    server.routes["/feed.xml"] = feed.reply
    # the copy's entry has its own URL but the same headline and page
    feed.body = feed.body.replace(b"<title>Story a2</title>", b"<title>Story a</title>")
    (result,) = poll(feed.url, at=T0 + timedelta(minutes=10))
    assert (result.new, result.stored, result.already_stored) == (1, 0, 1)
    assert titles(store) == ["Story a"]
    assert store.query("SELECT count(*) AS n FROM feed_entries")[0]["n"] == 2


def test_a_failing_page_falls_back_to_the_entry_text(server, store, poll):
    feed = FeedSite(server)
    serve_pages(server, "a")
    server.routes["/b"] = Reply(500, b"oops")
    feed.publish("a", "b")
    (result,) = poll(feed.url)
    assert result.stored == 2
    assert result.unused_pages == [f"{server.url('/b')}: HTTP 500 Internal Server Error"]
    text = store.query("SELECT text FROM documents WHERE title = 'Story b'")[0]["text"]
    assert "Summary of story b" in text and PARAGRAPHS["b"] in text


def test_an_unreachable_page_with_no_entry_text_is_tried_again(server, store, poll):
    feed = FeedSite(server)
    server.routes["/b"] = Reply(503, b"busy")
    feed.publish("b")
    feed.body = feed.body.replace(
        b"<![CDATA[Summary of story b: " + PARAGRAPHS["b"].encode() + b"]]>", b""
    )
    (first,) = poll(feed.url)
    assert (first.stored, len(first.problems)) == (0, 1)
    assert (
        first.problems[0].message == "entry has no text of its own and its page could not be used"
    )
    assert first.unused_pages == [f"{server.url('/b')}: HTTP 503 Service Unavailable"]
    serve_pages(server, "b")
    feed.version += 1  # the feed changes (say, another entry): the entry is tried again
    (second,) = poll(feed.url, at=T0 + timedelta(minutes=10))
    assert second.stored == 1 and titles(store) == ["Story b"]


def test_a_failing_feed_backs_off_while_another_works(server, store, poll):
    good = FeedSite(server)
    serve_pages(server, "a", "b")
    good.publish("a")
    bad = server.url("/down.xml")
    server.routes["/down.xml"] = Reply(500, b"down")
    results = poll(bad, good.url)
    assert [r.status for r in results] == ["failed", "updated"]
    assert results[0].error == f"{bad}: HTTP 500 Internal Server Error"
    assert (results[0].failures, results[0].next_poll) == (1, T0 + timedelta(seconds=2 * INTERVAL))
    # ten minutes on: the bad feed waits, the good one is polled and has news
    good.publish("a", "b")
    results = poll(bad, good.url, at=T0 + timedelta(seconds=INTERVAL))
    assert [r.status for r in results] == ["waiting", "updated"]
    assert server.hits("/down.xml") == 1 and results[1].stored == 1
    # when it is due it is tried again, and waits twice as long after a second failure
    at = T0 + timedelta(seconds=2 * INTERVAL)
    (again,) = poll(bad, at=at)
    assert (again.status, again.failures) == ("failed", 2)
    assert again.next_poll == at + timedelta(seconds=4 * INTERVAL)
    # back-off is capped
    state = load_feed_state(store, bad)
    assert state.failures == 2 and state.next_poll == again.next_poll
    server.routes["/down.xml"] = Reply(body=b"<rss><channel><title>x</title></channel></rss>")
    for n in range(3, 12):
        at = load_feed_state(store, bad).next_poll
        (result,) = poll(bad, at=at)
        assert result.failures == n  # a feed without entries is not a feed yet
    assert (result.next_poll - at).total_seconds() == MAX_BACKOFF_SECONDS
    # recovery resets the count
    recovered = FeedSite(server, "/down.xml")
    recovered.publish("a")
    (result,) = poll(bad, at=result.next_poll)
    assert (result.status, result.failures, load_feed_state(store, bad).failures) == (
        "updated",
        0,
        0,
    )


def test_run_watch_polls_in_a_thread_until_stopped(server, store):
    feed = FeedSite(server)
    serve_pages(server, "a")
    feed.publish("a")
    stop = threading.Event()
    settings = Settings(allow_private=True)
    seen = []
    thread = threading.Thread(
        target=run_watch, args=(store, settings, [feed.url], stop, 0.05),
        kwargs={"analyzer": NoAnalysis(), "on_result": seen.append}, daemon=True,
    )  # fmt: skip
    thread.start()
    deadline = time.monotonic() + 10
    while len(seen) < 3 and time.monotonic() < deadline:
        assert store.query("SELECT count(*) AS n FROM documents")[0]["n"] in (0, 1)
        time.sleep(0.02)
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert [r.status for r in seen[:3]] == ["updated", "unchanged", "unchanged"]
    assert titles(store) == ["Story a"]


# --- the command ----------------------------------------------------------------------------


@pytest.fixture
def watch_cli(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sitrep.watch, "Analyzer", NoAnalysis)
    db = str(tmp_path / "w.duckdb")

    def run(*args: str):
        return CliRunner().invoke(main, ["watch", *args, "--db", db], catch_exceptions=False)

    return run, db


def test_watch_once_from_the_command_line(server, tmp_path, watch_cli):
    run, db = watch_cli
    feed = FeedSite(server)
    serve_pages(server, "a", "b")
    feed.publish("a", "b")
    server.routes["/gone.xml"] = Reply(404, b"")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n{feed.url}\n{server.url('/gone.xml')}\n")
    first = run(str(feeds), "--once", "--allow-private")
    assert first.exit_code == 1  # one feed failed
    assert (
        f"sitrep: watch: {feed.url}: 2 new documents (2 entries, 2 not seen before" in first.stderr
    )
    assert (
        f"sitrep: watch: {server.url('/gone.xml')}: HTTP 404 Not Found; failure 1" in first.stderr
    )
    second = run(str(feeds), "--once", "--allow-private")
    assert f"sitrep: watch: {feed.url}: not modified" in second.stderr
    assert f"{server.url('/gone.xml')}: backing off after 1 failures until" in second.stderr
    assert second.exit_code == 0
    with Store.open(db, read_only=True) as store:
        assert titles(store) == ["Story a", "Story b"]


def test_private_addresses_are_refused_without_allow_private(server, tmp_path, watch_cli):
    run, _ = watch_cli
    feed = FeedSite(server)
    feed.publish("a")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(feed.url + "\n")
    result = run(str(feeds), "--once")
    assert result.exit_code == 1
    assert (
        f"sitrep: watch: {feed.url}: 127.0.0.1 is a loopback address; refused "
        "(setting allow_private); failure 1" in result.stderr
    )
    assert server.requests == []


def test_bad_feeds_file_and_interval_are_one_line_errors(tmp_path, watch_cli):
    run, _ = watch_cli
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://a.test/rss\nnot a url\n")
    result = run(str(feeds), "--once")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"sitrep: error: line 2 of {feeds}: not a URL"
    result = run(str(feeds), "--every", "soon")
    assert (
        result.stderr.strip()
        == "sitrep: error: --every: 'soon' is not a duration (use 30s, 15m, 2h or 1d)"
    )


def test_attach_watch_polls_while_an_app_serves_the_store(server, tmp_path, monkeypatch):
    from contextlib import asynccontextmanager

    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from sitrep.cli.watch import attach_watch

    monkeypatch.setattr(sitrep.watch, "Analyzer", NoAnalysis)
    feed = FeedSite(server)
    serve_pages(server, "a")
    feed.publish("a")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(feed.url + "\n")
    db = str(tmp_path / "served.duckdb")

    @asynccontextmanager
    async def lifespan(app):  # what the API's own lifespan does: it owns the store
        app.state.store = Store.open(db)
        try:
            yield
        finally:
            app.state.store.close()

    app = FastAPI(lifespan=lifespan)

    @app.get("/count")
    def count():
        return app.state.store.query("SELECT count(*) AS n FROM documents")[0]

    attach_watch(app, Settings(allow_private=True), str(feeds), "1s")
    with TestClient(app) as client:
        deadline = time.monotonic() + 10
        while client.get("/count").json()["n"] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.get("/count").json() == {"n": 1}
    assert not [t for t in threading.enumerate() if t.name == "sitrep-watch" and t.is_alive()]
    with Store.open(db, read_only=True) as store:
        assert titles(store) == ["Story a"]
