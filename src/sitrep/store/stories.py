"""Writing story state: stories, their members, centroid features and feature counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

STORY_SCHEMAS: dict[str, pa.Schema] = {
    "stories": pa.schema([
        ("id", pa.string()), ("label", pa.string()), ("first_date", pa.date32()),
        ("last_date", pa.date32()), ("articles", pa.int32()), ("documents", pa.int32()),
    ]),
    "story_documents": pa.schema([
        ("doc_id", pa.string()), ("story_id", pa.string()), ("counted", pa.bool_()),
        ("similarity", pa.float64()),
    ]),
    "story_features": pa.schema([
        ("story_id", pa.string()), ("feature", pa.string()), ("weight", pa.float64()),
    ]),
    "story_feature_counts": pa.schema([("feature", pa.string()), ("documents", pa.int32())]),
}  # fmt: skip

# Upserts per table: a story is replaced whole, a count grows by the new documents' count.
UPSERTS = {
    "stories": """INSERT OR REPLACE INTO stories
                  (id, label, first_date, last_date, articles, documents, updated_at)
                  SELECT *, current_timestamp FROM _incoming""",
    "story_documents": "INSERT OR IGNORE INTO story_documents SELECT * FROM _incoming",
    "story_features": "INSERT INTO story_features SELECT * FROM _incoming",
    "story_feature_counts": """INSERT INTO story_feature_counts SELECT * FROM _incoming
                               ON CONFLICT (feature)
                               DO UPDATE SET documents = documents + excluded.documents""",
}


def write_story_rows(
    connection: duckdb.DuckDBPyConnection, rows: Mapping[str, Sequence[Mapping[str, Any]]]
) -> None:
    """Write one clustering step inside the caller's transaction.

    Stories are replaced, members added, the features of every story given features here
    replaced (a centroid is written whole) and feature counts increased.
    """
    tables = {name: pa.Table.from_pylist(list(rows.get(name, ())), schema) for name, schema
              in STORY_SCHEMAS.items()}  # fmt: skip
    rewritten = sorted({str(row["story_id"]) for row in rows.get("story_features", ())})
    if rewritten:
        connection.execute(
            "DELETE FROM story_features WHERE story_id IN (SELECT unnest(?))", [rewritten]
        )
    for name, table in tables.items():
        if table.num_rows == 0:
            continue
        connection.register("_incoming", table)
        try:
            connection.execute(UPSERTS[name])
        finally:
            connection.unregister("_incoming")
