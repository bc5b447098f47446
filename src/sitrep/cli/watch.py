"""Commands over live feeds: watch."""

from __future__ import annotations

import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import click

from sitrep.cli.common import EXIT_SKIPPED, db_option, reports_errors, settings_of
from sitrep.config import Settings
from sitrep.errors import SitrepError

if TYPE_CHECKING:
    from sitrep.watch import FeedResult

# A poll in progress may be fetching; give it this long past one fetch to stop cleanly.
JOIN_GRACE_SECONDS = 5.0


@click.command()
@click.argument("feeds_file", metavar="FEEDS_FILE")
@click.option("--every", default="15m", show_default=True, metavar="DURATION",
              help="Time between polls: 90s, 15m, 2h, 1d.")  # fmt: skip
@db_option
@click.option("--once", is_flag=True, help="Poll every feed once and exit (for cron and tests).")
@click.option(
    "--allow-private", is_flag=True,
    help="Let feeds and pages be fetched from private and loopback addresses.",
)  # fmt: skip
@click.pass_context
@reports_errors
def watch(
    ctx: click.Context, feeds_file: str, every: str, db: str | None, once: bool,
    allow_private: bool,
) -> None:  # fmt: skip
    """Poll RSS/Atom feeds and store every new article.

    FEEDS_FILE lists one feed URL per line (blank lines and '#' comments allowed).  Each
    poll fetches every feed with its ETag and Last-Modified, fetches each new entry's
    page (the entry's own text when the page fails), and stores documents not seen
    before, by URL and by content.  A failing feed is retried later and later (up to
    6 hours apart) while the others go on.  Progress and problems go to stderr.  With
    --once, exit status 1 means some feed failed.  To watch while serving the store,
    use 'sitrep serve --watch FEEDS_FILE'.

    \b
    Example:
      sitrep watch feeds.txt --every 10m --db news.duckdb
      sitrep watch feeds.txt --once        # from cron
    """
    from sitrep.net import Fetcher
    from sitrep.store import Store
    from sitrep.watch import parse_interval, poll_feeds, read_feed_list, run_watch

    interval = parse_interval(every)
    feeds = read_feed_list(feeds_file)
    settings = settings_of(ctx, db=db, allow_private=allow_private or None)
    with Store.open(settings.db) as store, Fetcher(settings) as fetcher:
        if not once:
            click.echo(f"sitrep: watching {len(feeds)} feeds every {every}", err=True)
            run_watch(store, settings, feeds, threading.Event(), interval, fetcher=fetcher,
                      on_result=print_result)  # fmt: skip
            return
        results = poll_feeds(store, settings, feeds, fetcher, interval=interval,
                             on_result=print_result)  # fmt: skip
    if any(result.status == "failed" for result in results):
        sys.exit(EXIT_SKIPPED)


def attach_watch(app: Any, settings: Settings, feeds_file: str, every: str) -> None:
    """Make a served ASGI app poll feeds in a background thread while it serves.

    The app's own lifespan opens the store as `app.state.store` (writable); the feed
    loop starts after it and stops, and is joined, before the store is closed.
    """
    from sitrep.watch import parse_interval, read_feed_list, run_watch

    interval, feeds = parse_interval(every), read_feed_list(feeds_file)
    serving = app.router.lifespan_context

    def loop(store: Any, stop: threading.Event) -> None:
        try:
            run_watch(store, settings, feeds, stop, interval, on_result=print_result)
        except SitrepError as exc:
            click.echo(f"sitrep: watch stopped: {exc}", err=True)

    @asynccontextmanager
    async def lifespan(served: Any) -> AsyncIterator[Any]:
        async with serving(served) as state:
            stop = threading.Event()
            thread = threading.Thread(target=loop, args=(served.state.store, stop),
                                      name="sitrep-watch", daemon=True)  # fmt: skip
            thread.start()
            click.echo(f"sitrep: watching {len(feeds)} feeds every {every}", err=True)
            try:
                yield state
            finally:
                stop.set()
                thread.join(timeout=settings.fetch_timeout + JOIN_GRACE_SECONDS)

    app.router.lifespan_context = lifespan


def print_result(result: FeedResult) -> None:
    """Report one feed's poll on stderr: a summary line, then each problem."""
    when = f"{result.next_poll:%Y-%m-%d %H:%M} UTC" if result.next_poll else "later"
    if result.status == "failed":
        line = f"{result.error}; failure {result.failures}, next try {when}"
    elif result.status == "waiting":
        line = f"{result.url}: backing off after {result.failures} failures until {when}"
    elif result.status == "unchanged":
        line = f"{result.url}: not modified"
    else:
        line = (
            f"{result.url}: {result.stored} new documents ({result.entries} entries, "
            f"{result.new} not seen before, {result.already_stored} already stored)"
        )
    click.echo(f"sitrep: watch: {line}", err=True)
    for page in result.unused_pages:
        click.echo(f"sitrep: watch: page not used, feed entry text instead: {page}", err=True)
    for problem in result.problems:
        click.echo(f"sitrep: skipped {problem}", err=True)


COMMANDS = (watch,)
