"""The events table as CSV with a header, one row per stored event, every modality included."""

from __future__ import annotations

import csv
from pathlib import Path

from sitrep.export.base import ExportReport, Window, record_day, stream_rows
from sitrep.store import Store
from sitrep.store.rows import SCHEMAS

COLUMNS = (*SCHEMAS["events"].names, "url")


def write_events_csv(store: Store, window: Window, path: Path) -> ExportReport:
    """Write the events (and their document's URL) in the window as CSV."""
    day = record_day("e")
    condition, params = window.sql(day)
    selected = ", ".join(f"e.{name}" for name in SCHEMAS["events"].names)
    sql = (
        f"SELECT {selected}, d.url FROM events e JOIN documents d ON d.id = e.doc_id "
        f"WHERE {condition} ORDER BY {day}, e.doc_id, e.char_start, e.id"
    )
    written = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for row in stream_rows(store, sql, params):
            writer.writerow(row[name] for name in COLUMNS)
            written += 1
    return ExportReport(str(path), written)
