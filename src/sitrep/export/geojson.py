"""Located events as a GeoJSON FeatureCollection of points, written one feature at a time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sitrep.export.base import ExportReport, Window, record_day, stream_rows
from sitrep.store import Store

QUERY = """
SELECT e.id, e.type, e.modality, e.negated, e.source, e.source_id, e.target, e.target_id,
       e.location, e.lat, e.lon, e.date, {day} AS day, e.sentence, e.doc_id, d.url
FROM events e JOIN documents d ON d.id = e.doc_id
WHERE e.lat BETWEEN -90 AND 90 AND e.lon BETWEEN -180 AND 180 AND {window}
ORDER BY day, e.doc_id, e.char_start, e.id
"""


def write_geojson(store: Store, window: Window, path: Path) -> ExportReport:
    """Write every event with coordinates in the window as a GeoJSON point feature."""
    day = record_day("e")
    condition, params = window.sql(day)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('{"type": "FeatureCollection", "features": [\n')
        for row in stream_rows(store, QUERY.format(day=day, window=condition), params):
            out.write(",\n" if written else "")
            out.write(json.dumps(event_feature(row), ensure_ascii=False))
            written += 1
        out.write("\n]}\n")
    return ExportReport(str(path), written)


def event_feature(row: dict[str, Any]) -> dict[str, Any]:
    """One event row as a GeoJSON Feature (coordinates are longitude, latitude)."""
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        "properties": {
            "type": row["type"], "modality": row["modality"], "negated": row["negated"],
            "source": row["source"], "source_id": row["source_id"], "target": row["target"],
            "target_id": row["target_id"], "location": row["location"],
            "date": row["date"] or row["day"].isoformat(), "sentence": row["sentence"],
            "document": row["doc_id"], "url": row["url"],
        },
    }  # fmt: skip
