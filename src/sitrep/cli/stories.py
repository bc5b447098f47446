"""Commands over stories: stories (the list) and brief (a cited situation report)."""

from __future__ import annotations

from datetime import datetime

import click

from sitrep.cli.actors import day_of, opened, since_option, until_option
from sitrep.cli.common import db_option, reports_errors, settings_of

BRIEF_FORMATS = ("md", "html")  # sitrep.stories.FORMATS, without importing it at start-up


@click.command()
@since_option
@until_option
@click.option(
    "--limit", default=50, show_default=True, type=click.IntRange(1, 1_000_000),
    help="Most stories to print.",
)  # fmt: skip
@click.option(
    "--update", is_flag=True,
    help="First give a story to every stored document without one (opens the store for writing).",
)  # fmt: skip
@db_option
@click.pass_context
@reports_errors
def stories(
    ctx: click.Context, since: datetime | None, until: datetime | None, limit: int,
    update: bool, db: str | None,
) -> None:  # fmt: skip
    """List stories, most articles first: id, articles, first and last day, label.

    A story is articles about one thing over days (shared actors, places and words);
    near-duplicates count as one article.  'sitrep ingest' groups new articles into
    stories as it stores them; --update does it for documents stored another way.

    \b
    Example:
      sitrep stories --since 2025-01-01 --until 2025-01-31
    """
    from sitrep.store import Store
    from sitrep.stories import list_stories, update_stories

    path = settings_of(ctx, db=db).db
    if update:
        with Store.open(path) as store:
            update_stories(store)
    with Store.open(path, read_only=True) as store:
        rows = list_stories(store, day_of(since), day_of(until), limit)
    if not rows:
        click.echo("no stories in this store (for these days)", err=True)
    for row in rows:
        click.echo(
            f"{row['id']}  {row['articles']:4} article{'' if row['articles'] == 1 else 's'}  "
            f"{row['first_date']} to "
            f"{row['last_date']}  {row['label']}"
        )


@click.command()
@click.option("--story", metavar="ID", help="A story id (or its first 6+ characters).")
@click.option("--actor", metavar="NAME", help="An actor: id, name or any alias.")
@click.option("--pair", nargs=2, metavar="A B", help="Two actors: what passed between them.")
@since_option
@until_option
@click.option(
    "--format", "fmt", type=click.Choice(BRIEF_FORMATS), default="md", show_default=True,
    help="Markdown (citations as footnotes) or a standalone HTML page.",
)  # fmt: skip
@db_option
@click.pass_context
@reports_errors
def brief(
    ctx: click.Context, story: str | None, actor: str | None, pair: tuple[str, str] | None,
    since: datetime | None, until: datetime | None, fmt: str, db: str | None,
) -> None:  # fmt: skip
    """Write a situation report on a story, an actor or a pair of actors.

    Key developments (events in time order; intended, hypothetical, denied and negated
    ones set apart), who said what, how stances moved and open questions (undecided
    and reported-only claims).  Built only from stored records: every line quotes or
    rests on stored sentences and cites them as numbered sources (document id and
    character offsets, with outlet, date and title).

    \b
    Example:
      sitrep brief --story 3f2a9c1d4e5b
      sitrep brief --actor Jolani --since 2024-12-01 --format html > jolani.html
      sitrep brief --pair Russia Syria
    """
    from sitrep.stories import brief as build
    from sitrep.stories import render

    with opened(ctx, db) as (store, kb):
        briefing = build(
            store, kb, story=story, actor=actor, pair=pair or None, since=day_of(since),
            until=day_of(until),
        )  # fmt: skip
        click.echo(render(briefing, fmt), nl=False)


COMMANDS = (stories, brief)
