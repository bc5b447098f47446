"""The serve command: the REST API and the web UI over one store."""

from __future__ import annotations

import ipaddress

import click

from sitrep.cli.common import db_option, reports_errors, settings_of

LOOPBACK = "127.0.0.1"


@click.command()
@db_option
@click.option("--host", default=LOOPBACK, show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--writable", is_flag=True,
    help="Open the store for writing (and rebuild its search index); no other process can "
         "then open it.",
)  # fmt: skip
@click.option(
    "--watch", "feeds_file", metavar="FEEDS_FILE",
    help="Also poll these feeds while serving (see 'sitrep watch'); implies --writable.",
)  # fmt: skip
@click.option("--every", default="15m", show_default=True, metavar="DURATION",
              help="Time between feed polls with --watch.")  # fmt: skip
@click.option(
    "--allow-private", is_flag=True,
    help="Let --watch fetch from private and loopback addresses (e.g. a local test server).",
)  # fmt: skip
@click.pass_context
@reports_errors
def serve(
    ctx: click.Context, db: str | None, host: str, port: int, writable: bool,
    feeds_file: str | None, every: str, allow_private: bool,
) -> None:  # fmt: skip
    """Serve the REST API (/api/..., schema at /openapi.json) and the web UI (/).

    The store is opened read-only unless --writable.  It listens on 127.0.0.1 only,
    unless told otherwise with --host: the API has no authentication.

    \b
    Example:
      sitrep serve --db sitrep.duckdb --port 8000
      # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from sitrep.api import create_app

    settings = settings_of(ctx, db=db, allow_private=allow_private or None)
    app = create_app(settings.db, settings, writable=writable or feeds_file is not None)
    if feeds_file is not None:
        from sitrep.cli.watch import attach_watch

        attach_watch(app, settings, feeds_file, every)
    if not is_loopback(host):
        click.echo(f"sitrep: warning: listening on {host}, not only this machine", err=True)
    click.echo(f"sitrep: serving {settings.db} on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


COMMANDS = (serve,)
