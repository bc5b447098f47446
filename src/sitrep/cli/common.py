"""What every command shares: settings, options, one-line errors, the progress bar."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from sitrep.config import Settings
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
