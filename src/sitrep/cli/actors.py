"""Commands over actors: actors, actor, quotes, events, relations, timeline.

Names accept any alias, from the knowledge base or seen in the store ("Jolani").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import click

from sitrep.cli.common import db_option, reports_errors, settings_of
from sitrep.schema import ENTITY_TYPES, PLOVER_TYPES

if TYPE_CHECKING:  # imported when a command runs: the CLI starts without loading them
    from sitrep.kb import KnowledgeBase
    from sitrep.store import Store

DAY = click.DateTime(formats=["%Y-%m-%d"])
limit_option = click.option(
    "--limit", default=50, show_default=True, type=click.IntRange(1, 1_000_000),
    help="Most rows to print.",
)  # fmt: skip
since_option = click.option("--since", type=DAY, help="First day (YYYY-MM-DD).")
until_option = click.option("--until", type=DAY, help="Last day (YYYY-MM-DD).")


@contextmanager
def opened(ctx: click.Context, db: str | None) -> Iterator[tuple[Store, KnowledgeBase]]:
    """The store, read-only, and the knowledge base (for names and roles)."""
    from sitrep.kb import load_kb
    from sitrep.store import Store

    settings = settings_of(ctx, db=db)
    with Store.open(settings.db, read_only=True) as store:
        yield store, load_kb(settings.kb_files)


def day_of(value: datetime | None) -> date | None:
    """A --since/--until value as a date."""
    return value.date() if value else None


def signed(value: float) -> str:
    """A stance as +0.50 / -1.00."""
    return f"{value:+.2f}"


as_of_option = click.option(
    "--as-of", "as_of", metavar="DAY",
    help="Only what had been reported by this day (YYYY-MM-DD), with counts as they were then.",
)  # fmt: skip


@click.command()
@db_option
@click.option("--type", "kind", type=click.Choice(ENTITY_TYPES, case_sensitive=False))
@click.option("--country", metavar="CODE", help="ISO 3166 alpha-3 country code (SYR).")
@click.option("--name", metavar="TEXT", help="Part of a name or alias.")
@limit_option
@click.pass_context
@reports_errors
def actors(
    ctx: click.Context, db: str | None, kind: str | None, country: str | None, name: str | None,
    limit: int,
) -> None:  # fmt: skip
    """List actors, most mentioned first: mentions, id, type, country, name.

    \b
    Example:
      sitrep actors --type PERSON --country SYR
    """
    from sitrep.query.actors import list_actors

    with opened(ctx, db) as (store, kb):
        rows = list_actors(store, kb, q=name, type=kind, country=country, limit=limit)
    for row in rows:
        click.echo(
            f"{row['mentions']:6}  {row['id'][:24]:24}  {row['type']:8}  "
            f"{row['country'] or '-':3}  {row['name']}"
        )


@click.command()
@click.argument("name")
@db_option
@click.pass_context
@reports_errors
def actor(ctx: click.Context, name: str, db: str | None) -> None:
    """Show one actor (by id, name or any alias): roles, names, counts, first and last seen.

    \b
    Example:
      sitrep actor Jolani
    """
    from sitrep.query.actors import get_actor, resolve_actor

    with opened(ctx, db) as (store, kb):
        found = get_actor(store, kb, resolve_actor(store, kb, name))
    _print_actor(found)


def _print_actor(found: dict[str, Any]) -> None:
    described = ", ".join(str(found[k]) for k in ("type", "kind", "country", "code") if found[k])
    click.echo(f"{found['name']}  ({found['id']}; {described})")
    click.echo(
        f"  {found['mentions']} mentions in {found['documents']} documents, {found['quotes']} "
        f"quotes, {found['events']} events; seen {found['first_seen'] or '?'} to "
        f"{found['last_seen'] or '?'}"
    )
    for role in found["roles"]:
        of = f" of {role['of_name'] or role['of']}" if role["of"] else ""
        click.echo(
            f"  role: {role['title']}{of} ({role['start'] or '?'} to {role['end'] or 'now'})"
        )
    seen = [a["name"] for a in found["aliases"] if a["documents"]]
    known = [a["name"] for a in found["aliases"] if not a["documents"]]
    click.echo(f"  names seen: {', '.join(seen) or '-'}")
    click.echo(f"  other names known: {', '.join(known) or '-'}")


@click.command()
@click.option("--by", metavar="NAME", help="Speaker (any alias).")
@click.option("--about", metavar="NAME", help="An actor the quote is about or names.")
@since_option
@until_option
@db_option
@limit_option
@click.pass_context
@reports_errors
def quotes(
    ctx: click.Context, by: str | None, about: str | None, since: datetime | None,
    until: datetime | None, db: str | None, limit: int,
) -> None:  # fmt: skip
    """Print quotes, newest first: the quote, speaker, date, outlet and document id.

    \b
    Example:
      sitrep quotes --by "Al Sharaa" --about Russia --since 2024-12-01
    """
    from sitrep.query.actors import resolve_actor
    from sitrep.query.quotes import list_quotes

    with opened(ctx, db) as (store, kb):
        speaker = resolve_actor(store, kb, by) if by else None
        topic = resolve_actor(store, kb, about) if about else None
        rows = list_quotes(store, speaker, topic, day_of(since), day_of(until), limit)
    for row in rows:
        outlet = row["medium"] or row["source"] or "-"
        click.echo(f"“{row['text'].strip()}”")
        click.echo(
            f"    {row['speaker'] or '?'}  {row['published_date'] or 'undated'}  {outlet}  "
            f"doc {row['doc_id'][:10]}"
        )


@click.command()
@click.option("--actor", "name", metavar="NAME", help="Source or target (any alias).")
@click.option("--type", "kind", type=click.Choice(PLOVER_TYPES, case_sensitive=False))
@since_option
@until_option
@as_of_option
@click.option(
    "--occurrences", is_flag=True,
    help="One line per happening (events merged across reports): reports, independent "
    "sources, first report and disputed figures.",
)  # fmt: skip
@click.option(
    "--include-hypothetical", is_flag=True,
    help="Also hypothetical, intended, undecided, denied and negated events.",
)  # fmt: skip
@db_option
@limit_option
@click.pass_context
@reports_errors
def events(
    ctx: click.Context, name: str | None, kind: str | None, since: datetime | None,
    until: datetime | None, as_of: str | None, occurrences: bool, include_hypothetical: bool,
    db: str | None, limit: int,
) -> None:  # fmt: skip
    """Print events, newest first: date, PLOVER type, source -> target, modality, place.

    \b
    Example:
      sitrep events --actor Russia --type RETREAT --since 2024-12-01
      sitrep events --occurrences --as-of 2024-12-20
    """
    from sitrep.query.actors import resolve_actor
    from sitrep.query.events import list_events
    from sitrep.query.occurrences import list_occurrences

    day = parse_day(as_of, "--as-of")
    with opened(ctx, db) as (store, kb):
        who = resolve_actor(store, kb, name) if name else None
        if occurrences:
            status = None if include_hypothetical else "happened"
            found = list_occurrences(
                store, actor=who, type=kind, since=day_of(since), until=day_of(until),
                as_of=day, status=status, with_accounts=True, limit=limit,
            )  # fmt: skip
            return _print_occurrences(found)
        rows = list_events(
            store, actor=who, type=kind, since=day_of(since), until=day_of(until),
            include_hypothetical=include_hypothetical, limit=limit, as_of=day,
        )  # fmt: skip
    for row in rows:
        place = f"  in {row['location']}" if row["location"] else ""
        counted = (
            f"  ({row['n_reports']} reports, {row['n_independent_sources']} sources)"
            if row.get("occurrence_id") and row["n_reports"] else ""
        )  # fmt: skip
        click.echo(
            f"{row['day'] or 'undated'!s:10}  {row['type']:9}  {row['source'] or '?'} -> "
            f"{row['target'] or '?'}  [{row['modality']}]{place}  doc {row['doc_id'][:10]}"
            f"{counted}"
        )


def parse_day(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value as a date, or a one-line error naming the option."""
    from sitrep.errors import InputError

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value!r} is not a day in the form YYYY-MM-DD", option) from None


def _print_occurrences(found: list[dict[str, Any]]) -> None:
    for row in found:
        place = f"  in {row['location']}" if row["location"] else ""
        first = row["first_report"]
        click.echo(
            f"{row['date'] or row['day'] or 'undated'!s:10}  {row['type']:9}  "
            f"{row['source'] or '?'} -> {row['target'] or '?'}{place}  {row['n_reports']} "
            f"reports, {row['n_independent_sources']} independent sources; first "
            f"{first['outlet'] or '?'} {first['reported'] or ''}".rstrip()
        )
        for kind, accounts in _disputed(row["accounts"]).items():
            given = "; ".join(f"{a['value']} ({', '.join(a['outlets'])})" for a in accounts)
            click.echo(f"    {kind}: {given}")


def _disputed(accounts: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Accounts of the kinds that reports disagree on, by kind."""
    found: dict[str, list[dict[str, Any]]] = {}
    for account in accounts:
        if account["disputed"]:
            found.setdefault(account["kind"], []).append(account)
    return found


@click.command()
@click.argument("name")
@click.argument("other", required=False)
@as_of_option
@db_option
@click.pass_context
@reports_errors
def relations(
    ctx: click.Context, name: str, other: str | None, as_of: str | None, db: str | None
) -> None:
    """Stance of NAME toward OTHER and back (or all of NAME's), week by week, with evidence.

    \b
    Example:
      sitrep relations Syria Russia
      sitrep relations Syria Russia --as-of 2024-12-20
    """
    from sitrep.query.actors import resolve_actor
    from sitrep.query.relations import relations as find_relations

    day = parse_day(as_of, "--as-of")
    with opened(ctx, db) as (store, kb):
        second = resolve_actor(store, kb, other) if other else None
        rows = find_relations(store, resolve_actor(store, kb, name), second, as_of=day)
    if not rows:
        click.echo("no stance records", err=True)
    for row in rows:
        click.echo(
            f"{row['source']} -> {row['target']}  {signed(row['stance'])}  ({row['records']} "
            f"records, {row['first'] or '?'} to {row['last'] or '?'})"
        )
        for week in row["weeks"]:
            evidence = "; ".join(f"“{e['text']}” [{e['doc_id'][:10]}]" for e in week["evidence"])
            click.echo(
                f"    week of {week['week'] or 'undated'}  {signed(week['stance'])}  {evidence}"
            )


@click.command()
@click.argument("name")
@click.argument("other", required=False)
@db_option
@click.pass_context
@reports_errors
def timeline(ctx: click.Context, name: str, other: str | None, db: str | None) -> None:
    """Events and quotes of NAME (or between NAME and OTHER), oldest first.

    \b
    Example:
      sitrep timeline "Ahmed al-Sharaa" Russia
    """
    from sitrep.query.actors import resolve_actor
    from sitrep.query.timeline import timeline as actor_timeline

    with opened(ctx, db) as (store, kb):
        second = resolve_actor(store, kb, other) if other else None
        items = actor_timeline(store, resolve_actor(store, kb, name), second)
    for item in items:
        who = f"{item['actor'] or '?'}" + (f" -> {item['other']}" if item["other"] else "")
        text = f"“{item['text']}”" if item["kind"] == "quote" else item["text"]
        click.echo(f"{item['day'] or 'undated'!s:10}  {item['label']:9}  {who}: {text}")


COMMANDS = (actors, actor, quotes, events, relations, timeline)
