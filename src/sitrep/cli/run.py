"""Commands for scale: run (a Dask cluster writes Parquet parts) and load (parts into a store)."""

from __future__ import annotations

import sys

import click

from sitrep.cli.common import (
    EXIT_SKIPPED,
    db_option,
    fail,
    kb_option,
    print_problem,
    progress,
    reports_errors,
    settings_of,
)


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option("--out", required=True, metavar="DIR", help="Output directory of Parquet parts.")
@click.option(
    "--workers", type=click.IntRange(1), metavar="N",
    help="Start a local cluster of N worker processes (about 500 MB each).",
)  # fmt: skip
@click.option(
    "--scheduler", metavar="ADDRESS", help="Use the Dask cluster at ADDRESS (tcp://HOST:PORT)."
)
@click.option(
    "--partition-size", type=click.IntRange(1), metavar="N",
    help="Articles per partition [default: setting 'partition_size'].",
)  # fmt: skip
@kb_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.pass_context
@reports_errors
def run(
    ctx: click.Context, inputs: tuple[str, ...], out: str, workers: int | None,
    scheduler: str | None, partition_size: int | None, kb_files: tuple[str, ...], quiet: bool,
) -> None:  # fmt: skip
    """Run sitrep over files on a Dask cluster, writing Parquet tables under DIR.

    PATH may be a file, a directory or a glob; large JSONL(.gz) and WARC(.gz) files are
    split into partitions of records, small files are grouped.  Every worker must see the
    inputs and DIR at the same paths.  Each table is written as one part per partition
    under DIR/<table>/month=YYYY-MM/.  Running again over the same inputs and DIR skips
    the partitions already done.  A partition that still fails after its retries is named
    on stderr and the others finish; exit status 1 then, or when input was skipped.

    \b
    Example:
      sitrep run crawl/*.warc.gz --out parts/ --workers 2
      sitrep run corpus/ --out parts/ --scheduler tcp://10.0.0.5:8786
      sitrep load parts/ --db sitrep.duckdb
    """
    from sitrep.runner import connect
    from sitrep.runner import run as run_on_cluster

    if (workers is None) == (scheduler is None):
        fail("give either --workers N (a local cluster) or --scheduler ADDRESS")
    settings = settings_of(ctx, kb_files=kb_files or None, partition_size=partition_size)
    with connect(workers, scheduler) as client, progress(quiet, unit="part") as bar:
        report = run_on_cluster(inputs, out, settings, client, on_progress=bar.advance)
    for problem in report.problems:
        print_problem(problem)
    for name, error in report.failed:
        click.echo(f"sitrep: failed {name}: {error}", err=True)
    if not quiet:
        click.echo(
            f"{report.completed} of {report.partitions} partitions written to {out} "
            f"({report.documents} documents; {report.skipped} done before, "
            f"{len(report.failed)} failed, {len(report.problems)} inputs skipped)",
            err=True,
        )
    if report.failed or report.problems:
        sys.exit(EXIT_SKIPPED)


@click.command()
@click.argument("directory", metavar="DIR")
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
@click.pass_context
@reports_errors
def load(ctx: click.Context, directory: str, db: str | None, quiet: bool) -> None:
    """Load the Parquet output of 'sitrep run' into a store.

    Loading the same output again changes nothing.  Near-duplicate clusters are assigned
    across all partitions, as 'sitrep ingest' would have.

    \b
    Example:
      sitrep load parts/ --db sitrep.duckdb
    """
    from sitrep.runner import load_output
    from sitrep.store import Store

    settings = settings_of(ctx, db=db)
    with Store.open(settings.db) as store:
        report = load_output(directory, store, settings)
    if not quiet:
        click.echo(
            f"{report.stored} new documents stored in {settings.db} from {report.partitions} "
            f"partitions ({report.already_stored} already stored, "
            f"{report.near_duplicates} near-duplicates)",
            err=True,
        )


COMMANDS = (run, load)
