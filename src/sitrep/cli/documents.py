"""Commands over documents: ingest, extract, docs, show, stats."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import click

from sitrep.cli.common import (
    EXIT_SKIPPED,
    db_option,
    format_option,
    kb_option,
    print_problem,
    progress,
    reports_errors,
    settings_of,
)
from sitrep.schema import Problem

if TYPE_CHECKING:
    from sitrep.store import Store


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@db_option
@format_option
@kb_option
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be read.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option(
    "--allow-private", is_flag=True,
    help="Let URL inputs reach private, loopback and link-local addresses.",
)  # fmt: skip
@click.option(
    "--processes", "-p", type=click.IntRange(1), metavar="N",
    help="Analyse in N worker processes (about 500 MB each) [default: setting 'processes'].",
)  # fmt: skip
@click.option(
    "--batch-size", type=click.IntRange(1), metavar="N",
    help="Documents per analysis batch [default: setting 'batch_size'].",
)  # fmt: skip
@click.option(
    "--no-extract", is_flag=True,
    help="Store cleaned documents only: no NLP, extraction or resolution.",
)  # fmt: skip
@click.pass_context
@reports_errors
def ingest(
    ctx: click.Context, inputs: tuple[str, ...], db: str | None, fmt: str,
    kb_files: tuple[str, ...], strict: bool, quiet: bool, allow_private: bool,
    processes: int | None, batch_size: int | None, no_extract: bool,
) -> None:  # fmt: skip
    """Read articles and store them with everything extracted from them.

    PATH may be a file, a directory (read recursively), a glob or '-' for standard
    input.  Text, HTML, JSONL(.gz), RSS/Atom and WARC(.gz) are recognised by content.
    Re-ingesting the same articles changes nothing.  Exit status 1 means some input
    was skipped (each skip is reported on stderr); 2 means nothing could be done.
    PATH may also be an http(s) URL, fetched under the fetch_* settings; private and
    loopback addresses are refused unless --allow-private is given.

    \b
    Example:
      sitrep ingest news/ feeds/*.xml crawl.warc.gz --db sitrep.duckdb
      sitrep ingest https://example.org/news/story.html
      sitrep ingest corpus/*.jsonl.gz --processes 2
    """
    from sitrep.net import Fetcher
    from sitrep.pipeline import ingest as run_ingest
    from sitrep.store import Store

    settings = settings_of(
        ctx, db=db, kb_files=kb_files or None, allow_private=allow_private or None,
        processes=processes, batch_size=batch_size, extract=False if no_extract else None,
    )  # fmt: skip
    with Store.open(settings.db) as store, Fetcher(settings) as fetcher, progress(quiet) as bar:
        report = run_ingest(
            inputs, store, settings, fmt=fmt, strict=strict, on_problem=bar.problem,
            on_progress=bar.advance, fetch=fetcher.fetch_input,
        )  # fmt: skip
        if report.stored or not store.search_index_current():
            store.build_search_index()  # search sees every document, also after a crash
    if not quiet:
        click.echo(
            f"{report.stored} new documents stored in {settings.db} "
            f"({report.read} read, {report.already_stored} already stored, "
            f"{report.near_duplicates} near-duplicates, {report.not_extracted} not in an "
            f"extracted language, {len(report.problems)} skipped)",
            err=True,
        )
    if report.problems:
        sys.exit(EXIT_SKIPPED)


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@format_option
@kb_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article (the contract).")
@click.pass_context
@reports_errors
def extract(
    ctx: click.Context, inputs: tuple[str, ...], fmt: str, kb_files: tuple[str, ...],
    as_json: bool,
) -> None:  # fmt: skip
    """Extract entities, quotes, events, stances and times, without a store.

    Prints one JSON object per article with --json (see extract.schema.json), in input
    order; a JSONL file gives one object per line.  Without --json, a short summary.

    \b
    Example:
      sitrep extract article.txt --json | jq '.quotes[] | {speaker, text}'
    """
    from sitrep.contract import to_contract
    from sitrep.pipeline import extract_inputs

    settings = settings_of(ctx, kb_files=kb_files or None)
    problems: list[Problem] = []

    def on_problem(problem: Problem) -> None:
        problems.append(problem)
        print_problem(problem)

    for extraction in extract_inputs(inputs, settings, fmt=fmt, on_problem=on_problem):
        record = to_contract(extraction)
        if as_json:
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            _print_extraction_summary(record)
    if problems:
        sys.exit(EXIT_SKIPPED)


def _print_extraction_summary(record: dict[str, Any]) -> None:
    doc = record["document"]
    click.echo(f"{doc['id']}  {doc['published'] or '-'}  {doc['title'] or '(untitled)'}")
    counts = ", ".join(f"{len(record[k])} {k}" for k in ("entities", "quotes", "events", "stances"))
    click.echo(f"  {counts}")


parquet_option = click.option(
    "--parquet", metavar="DIR", help="Query the Parquet output of 'sitrep run' in place."
)


def open_reader(ctx: click.Context, db: str | None, parquet: str | None) -> Store:
    """The store to read: a DuckDB file, or views over a run's Parquet output."""
    if parquet:
        from sitrep.store.parquet import open_parquet

        return open_parquet(parquet)
    from sitrep.store import Store

    return Store.open(settings_of(ctx, db=db).db, read_only=True)


@click.command()
@db_option
@parquet_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@click.pass_context
@reports_errors
def docs(ctx: click.Context, db: str | None, parquet: str | None, limit: int, offset: int) -> None:
    """List stored documents: id, date, source, title and near-duplicate cluster.

    \b
    Example:
      sitrep docs --limit 20
      sitrep docs --parquet parts/
    """
    from sitrep.query.documents import list_documents

    with open_reader(ctx, db, parquet) as store:
        for row in list_documents(store, limit, offset):
            cluster = row["cluster_id"][:10] if row["cluster_id"] != row["id"] else "-"
            click.echo(
                f"{row['id'][:10]}  {(row['published'] or '-')[:10]:10}  "
                f"{(row['source'] or '-')[:20]:20}  {cluster:10}  {row['title'] or '(untitled)'}"
            )


@click.command()
@click.argument("doc_id", metavar="ID")
@db_option
@parquet_option
@click.pass_context
@reports_errors
def show(ctx: click.Context, doc_id: str, db: str | None, parquet: str | None) -> None:
    """Print one document's clean text (ID may be abbreviated to 6+ characters).

    \b
    Example:
      sitrep show 3f2a9c1d
    """
    from sitrep.query.documents import get_document

    with open_reader(ctx, db, parquet) as store:
        row = get_document(store, doc_id)
    click.echo(f"# {row['id']}  {row['published'] or ''}  {row['source'] or ''}".rstrip())
    click.echo(row["text"])


@click.command()
@db_option
@parquet_option
@click.pass_context
@reports_errors
def stats(ctx: click.Context, db: str | None, parquet: str | None) -> None:
    """Summarise what the store holds.

    \b
    Example:
      sitrep stats --db sitrep.duckdb
      sitrep stats --parquet parts/
    """
    from sitrep.query.documents import store_summary

    with open_reader(ctx, db, parquet) as store:
        summary = store_summary(store)
    counts = summary["counts"]
    click.echo(
        f"{counts['documents']} documents in {summary['clusters']} near-duplicate clusters"
        f" ({summary['first'] or '?'} to {summary['last'] or '?'};"
        f" {summary['not_extracted']} not extracted)"
    )
    click.echo(
        ", ".join(
            f"{counts[k]} {k}"
            for k in ("entities", "mentions", "quotes", "events", "stances", "times")
        )
    )


COMMANDS = (ingest, extract, docs, show, stats)
