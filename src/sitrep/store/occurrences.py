"""Writing corroboration state: occurrences with their members and accounts, provenance."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from sitrep.schema import Corroboration

STR = pa.string()
INT = pa.int32()
DOUBLE = pa.float64()
DAY = pa.date32()

OCCURRENCE_SCHEMAS: dict[str, pa.Schema] = {
    "occurrences": pa.schema([
        ("id", STR), ("type", STR), ("status", STR), ("date", STR), ("precision", STR),
        ("source", STR), ("source_id", STR), ("target", STR), ("target_id", STR),
        ("location", STR), ("location_id", STR), ("lat", DOUBLE), ("lon", DOUBLE),
        ("disputed", pa.bool_()), ("first_event_id", STR), ("first_doc_id", STR),
        ("first_reported", STR), ("first_outlet", STR), ("n_mentions", INT),
        ("n_reports", INT), ("n_independent_sources", INT), ("outlets", pa.list_(STR)),
    ]),
    "occurrence_events": pa.schema([
        ("event_id", STR), ("occurrence_id", STR), ("doc_id", STR), ("reported", STR),
        ("reported_date", DAY), ("outlet", STR), ("origin", STR), ("date_start", DAY),
        ("date_end", DAY), ("precision", STR),
    ]),
    "accounts": pa.schema([
        ("occurrence_id", STR), ("event_id", STR), ("doc_id", STR), ("kind", STR),
        ("value", STR), ("number", DOUBLE), ("qualifier", STR), ("actor_id", STR),
        ("outlet", STR), ("origin", STR), ("reported", STR), ("reported_date", DAY),
        ("char_start", INT), ("char_end", INT),
    ]),
    "provenance": pa.schema([
        ("doc_id", STR), ("outlet", STR), ("outlet_key", STR), ("origin", STR), ("via", STR),
        ("reported", STR),
    ]),
    "attributions": pa.schema([
        ("doc_id", STR), ("outlet", STR), ("outlet_key", STR), ("kind", STR), ("cue", STR),
        ("char_start", INT), ("char_end", INT),
    ]),
}  # fmt: skip
# Which rows a step replaces: by occurrence for the first three, by document for the rest.
KEYS = {"occurrences": "id", "occurrence_events": "occurrence_id", "accounts": "occurrence_id",
        "provenance": "doc_id", "attributions": "doc_id"}  # fmt: skip


def write_corroboration_rows(connection: duckdb.DuckDBPyConnection, step: Corroboration) -> None:
    """Write one corroboration step inside the caller's transaction.

    Each occurrence written here replaces its earlier rows whole (members and accounts
    too); removed occurrences (merged into others) go; an event that moved leaves its old
    occurrence; provenance and attributions of the documents written here replace theirs.
    """
    tables = _tables(step)
    for name, key in (("occurrences", "id"), ("occurrence_events", "occurrence_id"),
                      ("accounts", "occurrence_id")):  # fmt: skip
        if step.removed:
            connection.execute(
                f"DELETE FROM {name} WHERE {key} IN (SELECT unnest(?))", [list(step.removed)]
            )
    moved = [m.event_id for m in step.members]
    if moved:
        connection.execute(
            "DELETE FROM occurrence_events WHERE event_id IN (SELECT unnest(?))", [moved]
        )
    for name, table in tables.items():
        keys = sorted({str(key) for key in table.column(KEYS[name]).to_pylist()})
        if keys:
            connection.execute(
                f"DELETE FROM {name} WHERE {KEYS[name]} IN (SELECT unnest(?))", [keys]
            )
    for name, table in tables.items():
        if table.num_rows:
            _insert(connection, name, table)


def _insert(connection: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    columns = ", ".join(table.schema.names)
    connection.register("_incoming", table)
    try:
        connection.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM _incoming")
    finally:
        connection.unregister("_incoming")


def _tables(step: Corroboration) -> dict[str, pa.Table]:
    rows: dict[str, Iterable[Any]] = {
        "occurrences": step.occurrences, "occurrence_events": step.members,
        "accounts": step.accounts, "provenance": step.provenance,
        "attributions": step.attributions,
    }  # fmt: skip
    return {
        name: pa.Table.from_pylist([_row(r, schema.names) for r in rows[name]], schema)
        for name, schema in OCCURRENCE_SCHEMAS.items()
    }


def _row(record: Any, names: Sequence[str]) -> dict[str, Any]:
    row = {name: getattr(record, name, None) for name in names}
    if "char_start" in row:
        row["char_start"], row["char_end"] = record.start, record.end
    if "reported_date" in row:
        row["reported_date"] = _day(record.reported)
    for name in ("date_start", "date_end"):
        if name in row:
            row[name] = _day(row[name])
    if "outlets" in row:
        row["outlets"] = list(record.outlets)
    return row


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
