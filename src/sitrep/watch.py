"""Live feeds: poll RSS/Atom feeds, fetch each new entry's page, store the new documents.

An orchestrator like pipeline.py: it wires the network (net), feed and page reading (ingest),
cleaning, analysis and the store.  What it knows about each feed (ETag, Last-Modified,
failures, next poll) and the entries it has seen live in the store (tables feed_state and
feed_entries), so a restart, or `sitrep watch --once` from cron, carries on where the last
poll stopped.  Feed-state rows are written here through the store's connection, inside the
store's transactions; they belong in Store methods once the store grows an API for them.
"""

from __future__ import annotations

import dataclasses
import io
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from sitrep.analysis import Analyzer
from sitrep.clean import make_document
from sitrep.config import Settings
from sitrep.errors import ConfigError, FetchError, InputError
from sitrep.ingest import parse_feed, read_stream
from sitrep.ingest.feeds import parse_feed_bytes
from sitrep.net import Fetcher
from sitrep.pipeline import assign_clusters, batched, derive_stories_and_occurrences
from sitrep.schema import Article, Document, Problem, content_id
from sitrep.store import Store

DEFAULT_INTERVAL = 15 * 60.0
# A failing feed waits interval x 2^failures before its next try, but never more than this.
MAX_BACKOFF_SECONDS = 6 * 3600.0
DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}

ResultHandler = Callable[["FeedResult"], None]


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the store remembers about one feed between polls."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_poll: datetime | None = None

    def due(self, now: datetime) -> bool:
        """True unless the feed is backing off after failures."""
        return self.failures == 0 or self.next_poll is None or self.next_poll <= now


@dataclass(slots=True)
class FeedResult:
    """What one poll of one feed did.  status: updated, unchanged, failed or waiting."""

    url: str
    status: str
    entries: int = 0
    new: int = 0
    stored: int = 0
    already_stored: int = 0
    unused_pages: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    failures: int = 0
    next_poll: datetime | None = None


def parse_interval(text: str) -> float:
    """Seconds in a duration such as '90s', '15m', '2h', '1d' or '600' (seconds)."""
    match = DURATION.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ConfigError(f"--every: {text!r} is not a duration (use 30s, 15m, 2h or 1d)")
    return float(match.group(1)) * UNITS[match.group(2).lower()]


def read_feed_list(path: str | Path) -> list[str]:
    """The feed URLs of a feeds file: one per line; blank lines and '#' comment lines allowed."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"{path}: cannot read feeds file ({reason})") from None
    feeds: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        item = line.strip()
        if item and not item.startswith("#"):
            feeds.append(_feed_url(item, f"line {number} of {path}"))
    if not feeds:
        raise ConfigError(f"{path}: no feed URLs (give one http:// or https:// URL per line)")
    return list(dict.fromkeys(feeds))


def _feed_url(item: str, where: str) -> str:
    parts = urlsplit(item)
    if parts.scheme and parts.netloc and parts.scheme.lower() not in ("http", "https"):
        raise ConfigError(f"{where}: only http:// and https:// feeds can be watched")
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in item:
        raise ConfigError(f"{where}: not a URL")
    return item


def poll_feeds(
    store: Store,
    settings: Settings,
    feeds: Sequence[str],
    fetcher: Fetcher,
    *,
    interval: float = DEFAULT_INTERVAL,
    analyzer: Analyzer | None = None,
    now: datetime | None = None,
    on_result: ResultHandler | None = None,
) -> list[FeedResult]:
    """Poll each feed once (feeds backing off are skipped); a failing feed never stops the rest."""
    poller = FeedPoller(store, settings, fetcher, analyzer or Analyzer(settings), interval)
    results = []
    for url in feeds:
        result = poller.poll(url, now or utc_now())
        results.append(result)
        if on_result:
            on_result(result)
    if any(result.stored for result in results):  # as `pipeline.ingest` does after writing
        extracted = dataclasses.replace(settings, extract=poller.analyzer.settings.extract)
        derive_stories_and_occurrences(store, extracted)
    return results


def run_watch(
    store: Store,
    settings: Settings,
    feeds: Sequence[str],
    stop_event: threading.Event,
    interval: float = DEFAULT_INTERVAL,
    *,
    fetcher: Fetcher | None = None,
    analyzer: Analyzer | None = None,
    on_result: ResultHandler | None = None,
) -> None:
    """Poll the feeds every `interval` seconds until `stop_event` is set (safe in a thread).

    The watcher works on its own cursor of the store's connection, so a server that owns
    the store can keep answering queries on the connection while this runs beside it.
    """
    own = Store(store.connection.cursor(), store.path, store.read_only)
    analyzer = analyzer or Analyzer(settings)
    client = fetcher or Fetcher(settings)
    try:
        while not stop_event.is_set():
            started = time.monotonic()
            poll_feeds(own, settings, feeds, client, interval=interval, analyzer=analyzer,
                       on_result=on_result)  # fmt: skip
            stop_event.wait(max(interval - (time.monotonic() - started), 0.0))
    finally:
        own.close()
        if fetcher is None:
            client.close()


class FeedPoller:
    """Polls single feeds into one store with one fetcher and one analyzer."""

    def __init__(
        self, store: Store, settings: Settings, fetcher: Fetcher, analyzer: Analyzer,
        interval: float,
    ) -> None:  # fmt: skip
        self.store = store
        self.settings = settings
        self.fetcher = fetcher
        self.analyzer = analyzer
        self.interval = interval

    def poll(self, url: str, now: datetime) -> FeedResult:
        """Poll one feed.

        1. wait while the feed is backing off after failures;
        2. fetch it, conditionally on its ETag and Last-Modified;
        3. parse its entries and drop those already seen (by URL);
        4. fetch each new entry's page, falling back to the entry's own content;
        5. clean, drop content already stored (by hash), analyse and write;
        6. remember the seen entries and the feed's validators, or back off on failure.
        """
        state = load_feed_state(self.store, url)
        # 1. back-off
        if not state.due(now):
            return FeedResult(url, "waiting", failures=state.failures, next_poll=state.next_poll)
        try:
            # 2. conditional fetch
            fetched = self.fetcher.get(url, state.etag, state.last_modified)
            if fetched.not_modified:
                return self._succeeded(state, FeedResult(url, "unchanged"), now)
            # 3. entries not seen before
            result = FeedResult(url, "updated")
            entries = self._new_entries(fetched.content, url, result)
            # 4. pages, 5. documents
            documents, seen = self._documents(entries, result, now)
            self._store(documents, result)
        except (FetchError, InputError) as exc:
            return self._failed(state, str(exc), now)
        # 6. remember
        remember_entries(self.store, url, seen, now)
        state = dataclasses.replace(state, etag=fetched.etag, last_modified=fetched.last_modified)
        return self._succeeded(state, result, now)

    def _new_entries(self, data: bytes, url: str, result: FeedResult) -> list[Article]:
        articles: dict[str, Article] = {}
        problems = []
        for item in parse_feed(data, url):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                articles.setdefault(entry_key(item), item)
        linked = link_only_entries(data, url, problems)
        for entry in linked:
            articles.setdefault(entry_key(entry), entry)
        result.problems.extend(p for p in problems if p.where not in {e.where for e in linked})
        result.entries = len(articles) + len(result.problems)
        fresh = unseen_entries(self.store, articles)
        result.new = len(fresh)
        return [articles[key] for key in fresh]

    def _documents(
        self, entries: Iterable[Article], result: FeedResult, now: datetime
    ) -> tuple[list[Document], dict[str, str | None]]:
        """A document per entry (its page, else its own text) and the entries settled.

        An entry is settled (not tried again) once it gave a document, or once its page
        was read and still gave none; a page that could not be fetched is tried again.
        """
        documents: list[Document] = []
        settled: dict[str, str | None] = {}
        for entry in entries:
            document, page_failed = self._page_document(entry, result, now)
            document = document or self._entry_document(entry, result)
            if document is not None:
                documents.append(document)
            if document is not None or not page_failed:
                settled[entry_key(entry)] = document.id if document else None
        return documents, settled

    def _page_document(
        self, entry: Article, result: FeedResult, now: datetime
    ) -> tuple[Document | None, bool]:
        """The document of the entry's page, and whether fetching the page failed."""
        if not entry.url:
            return None, False
        try:
            page = self.fetcher.get(entry.url)
        except FetchError as exc:
            result.unused_pages.append(f"{entry.url}: {_reason(exc, entry.url)}")
            return None, True
        try:
            items = read_stream(io.BytesIO(page.content), entry.url, self.settings)
            article = _first_article(items)
            if article is None:
                raise InputError("no article in the page", entry.url)
            article = dataclasses.replace(
                article, url=entry.url, title=entry.title, published=entry.published,
                source=entry.source, fetched_at=now.isoformat(timespec="seconds") + "Z",
            )  # fmt: skip
            return make_document(article, self.settings), False
        except InputError as exc:
            result.unused_pages.append(f"{entry.url}: {_reason(exc, entry.url)}")
            return None, False

    def _entry_document(self, entry: Article, result: FeedResult) -> Document | None:
        if not entry.content.strip():
            message = "entry has no text of its own and its page could not be used"
            result.problems.append(Problem(entry.where, message))
            return None
        try:
            return make_document(entry, self.settings)
        except InputError as exc:
            result.problems.append(Problem(exc.where or entry.where, exc.reason))
            return None

    def _store(self, documents: list[Document], result: FeedResult) -> None:
        """Write the documents not yet stored, as `pipeline.ingest` does, in batches."""
        for batch in batched(documents, self.settings):
            known = self.store.known_ids(doc.id for doc in batch)
            fresh = list({doc.id: doc for doc in batch if doc.id not in known}.values())
            result.already_stored += len(batch) - len(fresh)
            extractions = self.analyzer.analyse(fresh)
            items = assign_clusters(self.store, extractions,
                                    self.settings.near_duplicate_threshold)  # fmt: skip
            result.stored += self.store.write(items)

    def _succeeded(self, state: FeedState, result: FeedResult, now: datetime) -> FeedResult:
        state = dataclasses.replace(state, failures=0,
                                    next_poll=now + timedelta(seconds=self.interval))  # fmt: skip
        save_feed_state(self.store, state, now, error=None)
        result.next_poll = state.next_poll
        return result

    def _failed(self, state: FeedState, error: str, now: datetime) -> FeedResult:
        failures = state.failures + 1
        delay = max(min(self.interval * 2**failures, MAX_BACKOFF_SECONDS), self.interval)
        state = dataclasses.replace(state, failures=failures,
                                    next_poll=now + timedelta(seconds=delay))  # fmt: skip
        save_feed_state(self.store, state, now, error=error)
        return FeedResult(state.url, "failed", error=error, failures=failures,
                          next_poll=state.next_poll)  # fmt: skip


def link_only_entries(data: bytes, where: str, problems: Sequence[Problem]) -> list[Article]:
    """Entries with a link but no text of their own, whose page is the whole article.

    `parse_feed` reports such entries as problems; they are read again here for their
    links.  (A candidate for ingest.feeds, which could yield them itself.)
    """
    numbers = [int(p.where.rsplit(" ", 1)[1]) for p in problems
               if p.where.startswith(f"{where}: entry ")]  # fmt: skip
    if not numbers:
        return []
    try:
        parsed = parse_feed_bytes(data)
    except ValueError:
        return []  # parse_feed has already said what is wrong with this feed
    outlet = parsed.feed.get("title") or None
    entries = []
    for number in numbers:
        entry = parsed.entries[number - 1] if number <= len(parsed.entries) else {}
        if entry.get("link"):
            entries.append(Article(
                origin=where, locator=f"entry {number}", content="", is_html=False,
                format="feed", title=entry.get("title") or None, url=entry["link"],
                source=outlet,
            ))  # fmt: skip
    return entries


def entry_key(entry: Article) -> str:
    """How an entry is recognised across polls: its link, else a hash of its content."""
    return entry.url or f"urn:sitrep:entry:{content_id(entry.title or '', entry.content)}"


def utc_now() -> datetime:
    """The current UTC time, naive (as DuckDB TIMESTAMP columns hold it)."""
    return datetime.now(UTC).replace(tzinfo=None)


# --- feed state in the store ----------------------------------------------------------------


def load_feed_state(store: Store, url: str) -> FeedState:
    """The stored state of a feed (a fresh one for a feed never polled)."""
    rows = store.query(
        "SELECT etag, last_modified, failures, next_poll FROM feed_state WHERE feed_url = ?",
        [url],
    )
    if not rows:
        return FeedState(url)
    row = rows[0]
    return FeedState(url, row["etag"], row["last_modified"], row["failures"], row["next_poll"])


def save_feed_state(store: Store, state: FeedState, now: datetime, error: str | None) -> None:
    """Record a poll of a feed: validators, failures, next poll and the last error."""
    with store.transaction():
        store.connection.execute(
            "INSERT OR REPLACE INTO feed_state (feed_url, etag, last_modified, last_poll, "
            "last_error, failures, next_poll) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [state.url, state.etag, state.last_modified, now, error, state.failures,
             state.next_poll],
        )  # fmt: skip


def unseen_entries(store: Store, entries: Iterable[str]) -> list[str]:
    """The entry keys (URLs) not seen in any earlier poll, in order."""
    keys = list(entries)
    if not keys:
        return []
    rows = store.query(
        "SELECT entry_url FROM feed_entries WHERE entry_url IN (SELECT unnest(?))", [keys]
    )
    seen = {row["entry_url"] for row in rows}
    return [key for key in keys if key not in seen]


def remember_entries(
    store: Store, feed_url: str, entries: dict[str, str | None], now: datetime
) -> None:
    """Mark entries as seen (with the id of the document they became)."""
    if not entries:
        return
    with store.transaction():
        store.connection.execute(
            "INSERT OR IGNORE INTO feed_entries (entry_url, feed_url, doc_id, seen_at) "
            "SELECT unnest(?), ?, unnest(?), ?",
            [list(entries), feed_url, list(entries.values()), now],
        )


def _first_article(items: Iterable[Article | Problem]) -> Article | None:
    for item in items:
        if isinstance(item, Article):
            return item
    return None


def _reason(exc: Exception, url: str) -> str:
    return str(exc).removeprefix(f"{url}: ")
