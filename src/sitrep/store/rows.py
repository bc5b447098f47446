"""Records to Arrow tables, one per store table, for bulk appends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pyarrow as pa

from sitrep.schema import Extraction, Fingerprint

STR = pa.string()
INT = pa.int32()
DOUBLE = pa.float64()
BOOL = pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("id", STR), ("title", STR), ("text", STR), ("published", STR),
        ("estimated_published", STR),
        ("published_date", pa.date32()), ("published_estimated", BOOL), ("source", STR),
        ("url", STR), ("language", STR), ("origin", STR), ("cluster_id", STR),
        ("fetched_at", STR), ("extracted", BOOL),
    ]),
    "fingerprints": pa.schema([("doc_id", STR), ("signature", pa.binary())]),
    "lsh_bands": pa.schema([("band_key", pa.int64()), ("doc_id", STR)]),
    "entities": pa.schema([
        ("id", STR), ("name", STR), ("type", STR), ("kb_id", STR), ("country", STR),
        ("code", STR), ("kind", STR), ("lat", DOUBLE), ("lon", DOUBLE),
    ]),
    "entity_aliases": pa.schema([
        ("entity_id", STR), ("alias", STR), ("doc_id", STR), ("discovered", BOOL),
    ]),
    "mentions": pa.schema([
        ("doc_id", STR), ("char_start", INT), ("char_end", INT), ("text", STR),
        ("entity_id", STR), ("label", STR), ("kind", STR), ("sentence_start", INT),
        ("sentence_end", INT),
    ]),
    "quotes": pa.schema([
        ("id", STR), ("doc_id", STR), ("char_start", INT), ("char_end", INT), ("text", STR),
        ("kind", STR), ("speaker", STR), ("speaker_id", STR), ("cue", STR), ("medium", STR),
        ("sentence_start", INT), ("sentence_end", INT), ("topics", pa.list_(STR)),
    ]),
    "events": pa.schema([
        ("id", STR), ("doc_id", STR), ("type", STR), ("trigger", STR), ("char_start", INT),
        ("char_end", INT), ("sentence", STR), ("sentence_start", INT), ("sentence_end", INT),
        ("source", STR), ("source_id", STR), ("source_code", STR), ("target", STR),
        ("target_id", STR), ("target_code", STR), ("location", STR), ("location_id", STR),
        ("lat", DOUBLE), ("lon", DOUBLE), ("date", STR), ("modality", STR), ("negated", BOOL),
        ("cameo", STR), ("goldstein", DOUBLE),
    ]),
    "stances": pa.schema([
        ("doc_id", STR), ("source", STR), ("source_id", STR), ("target", STR),
        ("target_id", STR), ("stance", DOUBLE), ("evidence", pa.list_(pa.list_(INT))),
        ("date", STR),
    ]),
    "times": pa.schema([
        ("doc_id", STR), ("char_start", INT), ("char_end", INT), ("text", STR), ("value", STR),
        ("precision", STR),
    ]),
}  # fmt: skip


def extraction_tables(
    items: Sequence[tuple[Extraction, Fingerprint | None]],
) -> dict[str, pa.Table]:
    """Arrow tables holding every record of the given extractions."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
    for extraction, fp in items:
        _add_extraction(rows, extraction, fp)
    return {name: pa.Table.from_pylist(rows[name], SCHEMAS[name]) for name in SCHEMAS}


def _add_extraction(
    rows: dict[str, list[dict[str, Any]]], ex: Extraction, fp: Fingerprint | None
) -> None:
    doc = ex.document
    rows["documents"].append(_document_row(ex))
    if fp is not None:
        rows["fingerprints"].append({"doc_id": doc.id, "signature": fp.signature})
        rows["lsh_bands"].extend({"band_key": key, "doc_id": doc.id} for key in fp.bands)
    for entity in ex.entities:
        rows["entities"].append(_fields(entity, SCHEMAS["entities"].names))
        rows["entity_aliases"].extend(
            {"entity_id": entity.id, "alias": alias, "doc_id": doc.id, "discovered": False}
            for alias in entity.aliases
        )
    rows["entity_aliases"].extend(
        {"entity_id": entity_id, "alias": alias, "doc_id": doc.id, "discovered": True}
        for entity_id, alias in ex.discovered_aliases
    )
    rows["mentions"].extend(_spanned(m, "mentions") for m in ex.mentions)
    rows["quotes"].extend(_spanned(q, "quotes") for q in ex.quotes)
    rows["events"].extend(_spanned(e, "events") for e in ex.events)
    rows["stances"].extend(
        {**_fields(s, SCHEMAS["stances"].names), "evidence": [list(p) for p in s.evidence]}
        for s in ex.stances
    )
    rows["times"].extend(_spanned(t, "times") for t in ex.times)


def _document_row(ex: Extraction) -> dict[str, Any]:
    doc = ex.document
    row = _fields(doc, SCHEMAS["documents"].names)
    row["published_date"] = document_date(doc.date)
    row["extracted"] = ex.extracted
    return row


def document_date(value: str | None) -> date | None:
    """The calendar date of an ISO date or timestamp string; None when there is none."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _spanned(record: Any, table: str) -> dict[str, Any]:
    row = _fields(record, SCHEMAS[table].names)
    row["char_start"], row["char_end"] = record.start, record.end
    return row


def _fields(record: Any, names: Sequence[str]) -> dict[str, Any]:
    return {name: getattr(record, name, None) for name in names}
