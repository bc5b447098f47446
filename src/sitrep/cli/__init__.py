"""The `sitrep` command: a thin layer that opens the store, calls the library, reports errors.

Each module here holds a group of commands; they are registered on `main` below.
"""

from __future__ import annotations

import click

from sitrep import __version__
from sitrep.cli.common import reports_errors
from sitrep.config import load_settings


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


def _register() -> None:
    from sitrep.cli import actors, documents, export, run, serve, stories, watch

    for module in (documents, export, actors, stories, serve, watch, run):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
