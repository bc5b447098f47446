"""Export stage: write a store's records as GDELT event rows, graphs, GeoJSON, JSONL or CSV.

Every export streams its rows from the store and writes a temporary file beside the
output, renamed into place only when complete.  Format modules are imported when used.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sitrep.errors import ConfigError
from sitrep.export.base import ExportReport, Window, atomic_path, parse_day
from sitrep.store import Store

__all__ = ["FORMATS", "ExportReport", "Window", "check_format", "export", "parse_day"]

FORMATS = ("gdelt", "jsonl", "graphml", "gexf", "geojson", "csv")


def export(
    store: Store, fmt: str, out: str | Path, since: date | None = None, until: date | None = None
) -> ExportReport:
    """Write the store's records in `fmt` to `out` (atomically), limited to a window of days."""
    check_format(fmt)
    if since and until and until < since:
        raise ConfigError(f"--until {until} is before --since {since}")
    window = Window(since, until)
    with atomic_path(out) as path:
        report = _write(store, fmt, window, path)
    return ExportReport(str(out), report.written, report.skipped, report.skip_reason)


def check_format(fmt: str) -> None:
    """Refuse an unknown export format, listing the valid ones."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; valid formats: {', '.join(FORMATS)}")


def _write(store: Store, fmt: str, window: Window, path: Path) -> ExportReport:
    if fmt == "gdelt":
        from sitrep.export.gdelt import write_gdelt

        return write_gdelt(store, window, path)
    if fmt == "jsonl":
        from sitrep.export.documents import write_documents

        return write_documents(store, window, path)
    if fmt == "geojson":
        from sitrep.export.geojson import write_geojson

        return write_geojson(store, window, path)
    if fmt == "csv":
        from sitrep.export.events import write_events_csv

        return write_events_csv(store, window, path)
    from sitrep.export.graph import write_graph

    return write_graph(store, window, path, fmt)
