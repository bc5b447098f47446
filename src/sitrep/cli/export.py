"""Commands that write a store's records for other tools: export."""

from __future__ import annotations

import click

from sitrep.cli.common import db_option, reports_errors, settings_of


@click.command()
@click.option(
    "--format", "fmt", required=True, metavar="FORMAT",
    help="gdelt, jsonl, graphml, gexf, geojson or csv.",
)  # fmt: skip
@click.option("--out", required=True, metavar="FILE", help="Output file (replaced when done).")
@click.option("--since", metavar="DATE", help="First day to export (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Last day to export (YYYY-MM-DD), included.")
@db_option
@click.pass_context
@reports_errors
def export(
    ctx: click.Context, fmt: str, out: str, since: str | None, until: str | None, db: str | None
) -> None:
    """Export the store for other tools.

    \b
    Formats:
      gdelt    GDELT 2.0 event table rows (tab-separated, 61 columns, no header); only
               events said to have happened: hypothetical, negated and denied events
               are left out.  CAMEO codes come from data/cameo.yaml when the event has
               none of its own.
      jsonl    one JSON object per document, everything extracted (the extract contract)
      graphml  the stance graph: actors, and source -> target edges with mean stance,
      gexf     number of stance records and first/last date
      geojson  a FeatureCollection of the events that have coordinates
      csv      the events table, with a header

    A record's day is its own date, else its document's publication date, else the day
    it was ingested; --since and --until keep the days between them, both included.
    The output is written to a temporary file and renamed when complete.

    \b
    Example:
      sitrep export --format gdelt --since 2025-01-01 --out events.tsv
    """
    from sitrep.export import check_format, parse_day
    from sitrep.export import export as run_export
    from sitrep.store import Store

    check_format(fmt.lower())
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    with Store.open(settings_of(ctx, db=db).db, read_only=True) as store:
        report = run_export(store, fmt.lower(), out, first, last)
    skipped = f" ({report.skipped} left out: {report.skip_reason})" if report.skipped else ""
    click.echo(f"wrote {report.written} {_unit(fmt)} to {report.path}{skipped}", err=True)


def _unit(fmt: str) -> str:
    return {"jsonl": "documents", "graphml": "edges", "gexf": "edges"}.get(fmt, "events")


COMMANDS = (export,)
