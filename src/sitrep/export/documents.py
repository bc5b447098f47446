"""One JSON object per document with everything extracted, in the `sitrep extract` contract.

Each table is read once, ordered by document id, on its own cursor; the streams advance
together (a merge join), so only one document's records are in memory at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitrep.contract import to_contract
from sitrep.export.base import DOC_DAY, ExportReport, Window, stream_rows
from sitrep.schema import (
    Document,
    Entity,
    Event,
    Extraction,
    Mention,
    Quote,
    Stance,
    TimeExpression,
)  # fmt: skip
from sitrep.store import Store

DOCUMENTS = """
SELECT d.* FROM documents d WHERE {window} ORDER BY d.id
"""
# The entities a document refers to: through its mentions, aliases, speakers, event
# actors and places, and stances; with the aliases it gave them.
ENTITIES = """
WITH refs AS (
    SELECT doc_id, entity_id AS id FROM mentions WHERE entity_id IS NOT NULL
    UNION SELECT doc_id, entity_id FROM entity_aliases
    UNION SELECT doc_id, speaker_id FROM quotes WHERE speaker_id IS NOT NULL
    UNION SELECT doc_id, source_id FROM events WHERE source_id IS NOT NULL
    UNION SELECT doc_id, target_id FROM events WHERE target_id IS NOT NULL
    UNION SELECT doc_id, location_id FROM events WHERE location_id IS NOT NULL
    UNION SELECT doc_id, source_id FROM stances
    UNION SELECT doc_id, target_id FROM stances
)
SELECT r.doc_id, e.*,
       (SELECT list(a.alias ORDER BY a.alias) FROM entity_aliases a
        WHERE a.entity_id = e.id AND a.doc_id = r.doc_id AND NOT a.discovered) AS aliases
FROM refs r JOIN entities e ON e.id = r.id
ORDER BY r.doc_id, e.id
"""
CHILDREN = {
    "mentions": "SELECT * FROM mentions ORDER BY doc_id, char_start, char_end",
    "quotes": "SELECT * FROM quotes ORDER BY doc_id, char_start, char_end",
    "events": "SELECT * FROM events ORDER BY doc_id, char_start, char_end, id",
    "stances": "SELECT * FROM stances ORDER BY doc_id, source_id, target_id",
    "times": "SELECT * FROM times ORDER BY doc_id, char_start, char_end",
}


class DocumentRows:
    """Rows of one table ordered by doc_id, handed out one document at a time."""

    def __init__(self, rows: Iterator[dict[str, Any]]) -> None:
        self.rows = rows
        self.head = next(rows, None)

    def take(self, doc_id: str) -> list[dict[str, Any]]:
        """The rows of `doc_id` (rows of documents before it are passed over)."""
        taken = []
        while self.head is not None and self.head["doc_id"] <= doc_id:
            if self.head["doc_id"] == doc_id:
                taken.append(self.head)
            self.head = next(self.rows, None)
        return taken


def write_documents(store: Store, window: Window, path: Path) -> ExportReport:
    """Write one contract object per document in the window (by publication date)."""
    condition, params = window.sql(DOC_DAY)
    children = {name: DocumentRows(stream_rows(store, sql)) for name, sql in CHILDREN.items()}
    entities = DocumentRows(stream_rows(store, ENTITIES))
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for row in stream_rows(store, DOCUMENTS.format(window=condition), params):
            rows = {name: stream.take(row["id"]) for name, stream in children.items()}
            extraction = stored_extraction(row, entities.take(row["id"]), rows)
            out.write(json.dumps(to_contract(extraction), ensure_ascii=False) + "\n")
            written += 1
    return ExportReport(str(path), written)


def stored_extraction(
    doc: dict[str, Any], entities: list[dict[str, Any]], rows: dict[str, list[dict[str, Any]]]
) -> Extraction:
    """An Extraction rebuilt from one document's stored rows."""
    return Extraction(
        document=_document(doc),
        entities=tuple(_entity(row) for row in entities),
        mentions=tuple(_mention(row) for row in rows["mentions"]),
        quotes=tuple(_quote(row) for row in rows["quotes"]),
        events=tuple(_event(row) for row in rows["events"]),
        stances=tuple(_stance(row) for row in rows["stances"]),
        times=tuple(_time(row) for row in rows["times"]),
        extracted=doc["extracted"],
    )


def _spanned(row: dict[str, Any], *names: str) -> dict[str, Any]:
    """Constructor arguments from a row: the named columns, and start/end from char_*."""
    return {"start": row["char_start"], "end": row["char_end"], **{n: row[n] for n in names}}


def _document(row: dict[str, Any]) -> Document:
    return Document(
        id=row["id"], text=row["text"], title=row["title"], published=row["published"],
        source=row["source"], url=row["url"], language=row["language"],
        origin=row["origin"] or "", published_estimated=row["published_estimated"],
        cluster_id=row["cluster_id"], fetched_at=row["fetched_at"],
        estimated_published=row.get("estimated_published"),
    )  # fmt: skip


def _mention(row: dict[str, Any]) -> Mention:
    names = ("doc_id", "text", "entity_id", "label", "kind", "sentence_start", "sentence_end")
    return Mention(**_spanned(row, *names))


def _quote(row: dict[str, Any]) -> Quote:
    names = ("doc_id", "text", "kind", "speaker", "speaker_id", "cue", "medium",
             "sentence_start", "sentence_end")  # fmt: skip
    return Quote(**_spanned(row, *names), topics=tuple(row["topics"] or ()))


def _time(row: dict[str, Any]) -> TimeExpression:
    return TimeExpression(**_spanned(row, "doc_id", "text", "value", "precision"))


def _entity(row: dict[str, Any]) -> Entity:
    return Entity(
        id=row["id"], name=row["name"], type=row["type"], kb_id=row["kb_id"],
        country=row["country"], code=row["code"], kind=row["kind"],
        aliases=tuple(row["aliases"] or ()), lat=row["lat"], lon=row["lon"],
    )  # fmt: skip


def _event(row: dict[str, Any]) -> Event:
    names = ("doc_id", "type", "sentence", "trigger", "source", "source_id", "source_code",
             "target", "target_id", "target_code", "location", "location_id", "lat", "lon",
             "date", "modality", "negated", "sentence_start", "sentence_end", "cameo",
             "goldstein")  # fmt: skip
    fields = _spanned(row, *names)
    fields["sentence"] = fields["sentence"] or ""
    fields["trigger"] = fields["trigger"] or ""
    return Event(**fields)


def _stance(row: dict[str, Any]) -> Stance:
    return Stance(
        doc_id=row["doc_id"], source=row["source"], source_id=row["source_id"],
        target=row["target"], target_id=row["target_id"], stance=row["stance"],
        evidence=tuple((int(s), int(e)) for s, e in row["evidence"] or ()), date=row["date"],
    )  # fmt: skip
