"""The `sitrep` command: a thin layer that opens the store, calls the library, reports errors."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from sitrep import __version__
from sitrep.config import Settings, load_settings
from sitrep.errors import SitrepError
from sitrep.schema import Problem

F = TypeVar("F", bound=Callable[..., Any])

EXIT_SKIPPED = 1  # finished, but some input was skipped
EXIT_ERROR = 2  # could not do what was asked (bad option, busy store, bad input)
EXIT_INTERRUPTED = 130
FORMAT_CHOICES = ("auto", "text", "html", "jsonl", "rss", "atom", "feed", "warc")


def fail(message: str, code: int = EXIT_ERROR) -> None:
    """Print a one-line error on stderr and exit."""
    click.echo(f"sitrep: error: {message}", err=True)
    sys.exit(code)


def reports_errors(func: F) -> F:
    """Turn sitrep's own errors into one line on stderr and a non-zero exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SitrepError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted", EXIT_INTERRUPTED)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head): stop quietly
            sys.exit(0)
        return None

    return wrapper  # type: ignore[return-value]


def settings_of(ctx: click.Context, **overrides: Any) -> Settings:
    """The settings for this run: defaults, user file, environment, then command-line flags."""
    base: Settings = ctx.obj["settings"]
    return base.with_overrides(**overrides)


db_option = click.option(
    "--db", metavar="FILE", help="DuckDB store file [default: setting 'db', sitrep.duckdb]."
)
kb_option = click.option(
    "--kb", "kb_files", multiple=True, metavar="FILE",
    help="Extra knowledge-base YAML file of actors (repeatable).",
)  # fmt: skip
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="auto", show_default=True,
    help="Input format; 'auto' detects it from content and file name.",
)  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="sitrep")
@click.option("--config", "config_file", metavar="FILE", help="Settings file (TOML).")
@click.pass_context
@reports_errors
def main(ctx: click.Context, config_file: str | None) -> None:
    """sitrep: who is doing what to whom in the news, with every fact traced to its sentence.

    \b
    Quick start:
      sitrep ingest articles/ --db sitrep.duckdb
      sitrep docs
      sitrep extract article.txt --json
    """
    ctx.ensure_object(dict)
    ctx.obj["settings"] = load_settings(config_file)


class Progress:
    """A progress bar (count and rate) on a terminal's stderr, shown after the first second."""

    DELAY_SECONDS = 1.0

    def __init__(self, quiet: bool, unit: str = "doc") -> None:
        from tqdm import tqdm

        self.visible = not quiet and sys.stderr.isatty()
        self.bar = tqdm(
            unit=unit, disable=not self.visible, delay=self.DELAY_SECONDS, file=sys.stderr,
            dynamic_ncols=True,
        )  # fmt: skip

    def advance(self, n: int) -> None:
        """Count `n` more items done."""
        self.bar.update(n)

    def problem(self, problem: Problem) -> None:
        """Report a skipped input on stderr without breaking the bar."""
        message = f"sitrep: skipped {problem}"
        if self.visible:
            self.bar.write(message, file=sys.stderr)
        else:
            click.echo(message, err=True)

    def close(self) -> None:
        """Remove the bar."""
        self.bar.close()


@contextmanager
def progress(quiet: bool, unit: str = "doc") -> Iterator[Progress]:
    """A Progress for the duration of a block."""
    bar = Progress(quiet, unit)
    try:
        yield bar
    finally:
        bar.close()


def print_problem(problem: Problem) -> None:
    """Report a skipped input on stderr."""
    click.echo(f"sitrep: skipped {problem}", err=True)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@db_option
@format_option
@kb_option
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be read.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.pass_context
@reports_errors
def ingest(
    ctx: click.Context, inputs: tuple[str, ...], db: str | None, fmt: str,
    kb_files: tuple[str, ...], strict: bool, quiet: bool,
) -> None:  # fmt: skip
    """Read articles and store them with everything extracted from them.

    PATH may be a file, a directory (read recursively), a glob or '-' for standard
    input.  Text, HTML, JSONL(.gz), RSS/Atom and WARC(.gz) are recognised by content.
    Re-ingesting the same articles changes nothing.  Exit status 1 means some input
    was skipped (each skip is reported on stderr); 2 means nothing could be done.

    \b
    Example:
      sitrep ingest news/ feeds/*.xml crawl.warc.gz --db sitrep.duckdb
    """
    from sitrep.pipeline import ingest as run_ingest
    from sitrep.store import Store

    settings = settings_of(ctx, db=db, kb_files=kb_files or None)
    with Store.open(settings.db) as store, progress(quiet) as bar:
        report = run_ingest(
            inputs, store, settings, fmt=fmt, strict=strict, on_problem=bar.problem,
            on_progress=bar.advance,
        )  # fmt: skip
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


@main.command()
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


@main.command()
@db_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@click.pass_context
@reports_errors
def docs(ctx: click.Context, db: str | None, limit: int, offset: int) -> None:
    """List stored documents: id, date, source, title and near-duplicate cluster.

    \b
    Example:
      sitrep docs --limit 20
    """
    from sitrep.query.documents import list_documents
    from sitrep.store import Store

    with Store.open(settings_of(ctx, db=db).db, read_only=True) as store:
        for row in list_documents(store, limit, offset):
            cluster = row["cluster_id"][:10] if row["cluster_id"] != row["id"] else "-"
            click.echo(
                f"{row['id'][:10]}  {(row['published'] or '-')[:10]:10}  "
                f"{(row['source'] or '-')[:20]:20}  {cluster:10}  {row['title'] or '(untitled)'}"
            )


@main.command()
@click.argument("doc_id", metavar="ID")
@db_option
@click.pass_context
@reports_errors
def show(ctx: click.Context, doc_id: str, db: str | None) -> None:
    """Print one document's clean text (ID may be abbreviated to 6+ characters).

    \b
    Example:
      sitrep show 3f2a9c1d
    """
    from sitrep.query.documents import get_document
    from sitrep.store import Store

    with Store.open(settings_of(ctx, db=db).db, read_only=True) as store:
        row = get_document(store, doc_id)
    click.echo(f"# {row['id']}  {row['published'] or ''}  {row['source'] or ''}".rstrip())
    click.echo(row["text"])


@main.command()
@db_option
@click.pass_context
@reports_errors
def stats(ctx: click.Context, db: str | None) -> None:
    """Summarise what the store holds.

    \b
    Example:
      sitrep stats --db sitrep.duckdb
    """
    from sitrep.query.documents import store_summary
    from sitrep.store import Store

    with Store.open(settings_of(ctx, db=db).db, read_only=True) as store:
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
