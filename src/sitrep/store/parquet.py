"""Parquet output of `sitrep run`: one part per partition and table, by publication month.

An output directory holds:

    _sitrep.json                                  format and schema version
    _manifest/<partition id>.json                 one per completed partition
    <table>/month=YYYY-MM/part-<partition id>.parquet   (month=unknown: no date)

A part is written under a temporary name and renamed when complete, and a partition's
manifest entry is written last, so a task that is killed and run again leaves no partial
output behind, and only completed partitions are read.  The tables and their columns are
the store's (rows.SCHEMAS).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.errors import SchemaVersionError, StoreError
from sitrep.schema import Extraction, Fingerprint
from sitrep.store.db import Store
from sitrep.store.migrations import SCHEMA_VERSION
from sitrep.store.rows import SCHEMAS, document_date, extraction_tables

FORMAT = "sitrep-parquet"
META_FILE = "_sitrep.json"
MANIFEST_DIR = "_manifest"
TEMPORARY = ".tmp-"
UNKNOWN_MONTH = "unknown"
Items = Sequence[tuple[Extraction, Fingerprint | None]]


class PartsDirectory:
    """A `sitrep run` output directory: Parquet parts and the manifest of what is complete."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    # --- the directory ----------------------------------------------------------------------

    def prepare(self) -> None:
        """Create the directory (or check one written before) for this schema version."""
        if (self.root / META_FILE).exists():
            self.check()
            return
        if self.root.exists() and any(self.root.iterdir()):
            raise StoreError(f"{self.root} is not empty and holds no sitrep output")
        (self.root / MANIFEST_DIR).mkdir(parents=True, exist_ok=True)
        meta = {"format": FORMAT, "schema_version": SCHEMA_VERSION}
        _write_atomically(self.root / META_FILE, json.dumps(meta).encode())

    def check(self) -> None:
        """Refuse a directory that is not sitrep output, or was written by another schema."""
        path = self.root / META_FILE
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise StoreError(f"{self.root} holds no sitrep output (no {META_FILE})") from None
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path}: unreadable ({exc})") from None
        version = meta.get("schema_version") if isinstance(meta, dict) else None
        if (
            not isinstance(meta, dict)
            or meta.get("format") != FORMAT
            or not isinstance(version, int)
        ):
            raise StoreError(f"{path}: not a sitrep output directory")
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{self.root} was written by a newer sitrep (schema {version}, this sitrep "
                f"knows {SCHEMA_VERSION}); upgrade sitrep to use it"
            )
        if version < SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{self.root} was written by an older sitrep (schema {version}, this sitrep "
                f"writes {SCHEMA_VERSION}); write to a new directory"
            )

    # --- writing (on the workers) -----------------------------------------------------------

    def write_parts(self, partition_id: str, items: Items) -> list[str]:
        """Write a partition's records, one part per table and month; return their paths."""
        by_month: dict[str, list[tuple[Extraction, Fingerprint | None]]] = {}
        for item in items:
            by_month.setdefault(month_of(item[0]), []).append(item)
        files = []
        for month, month_items in sorted(by_month.items()):
            for name, table in extraction_tables(month_items).items():
                if table.num_rows:
                    relative = f"{name}/month={month}/part-{partition_id}.parquet"
                    _write_table(table, self.root / relative)
                    files.append(relative)
        return files

    def complete(self, partition_id: str, entry: Mapping[str, Any]) -> None:
        """Record a partition as complete (after all its parts are in place)."""
        data = json.dumps(dict(entry), ensure_ascii=False, indent=1).encode()
        _write_atomically(self.root / MANIFEST_DIR / f"{partition_id}.json", data)

    # --- reading ----------------------------------------------------------------------------

    def completed(self) -> dict[str, dict[str, Any]]:
        """Manifest entries of the completed partitions, by partition id."""
        entries = {}
        for path in sorted((self.root / MANIFEST_DIR).glob("*.json")):
            try:
                entries[path.stem] = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise StoreError(f"{path}: unreadable manifest entry ({exc})") from None
        return entries

    def read_tables(self, files: Iterable[str]) -> dict[str, pa.Table]:
        """The records in these parts, one Arrow table per store table."""
        parts: dict[str, list[pa.Table]] = {name: [] for name in SCHEMAS}
        for relative in files:
            name = relative.split("/", 1)[0]
            table = pq.ParquetFile(self.root / relative).read()
            parts[name].append(table.select(SCHEMAS[name].names).cast(SCHEMAS[name]))
        return {
            name: pa.concat_tables(tables) if tables else SCHEMAS[name].empty_table()
            for name, tables in parts.items()
        }

    def remove_temporary(self) -> int:
        """Delete parts that killed tasks left half-written; return how many."""
        stale = [p for p in self.root.rglob(f"*{TEMPORARY}*") if p.is_file()]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)


def month_of(extraction: Extraction) -> str:
    """The month directory of a document: YYYY-MM of its date, or 'unknown'."""
    day = document_date(extraction.document.date)
    return f"{day:%Y-%m}" if day else UNKNOWN_MONTH


def open_parquet(root: str | Path) -> Store:
    """A read-only store whose tables are DuckDB views over a run's completed parts.

    A document that several partitions hold (an exact duplicate) is taken from one of them,
    with its records.  Near-duplicate clusters are those found inside each partition;
    `sitrep load` assigns them across partitions.
    """
    parts = PartsDirectory(root)
    parts.check()
    files: dict[str, list[str]] = {name: [] for name in SCHEMAS}
    for entry in parts.completed().values():
        for relative in entry.get("files", []):
            files[relative.split("/", 1)[0]].append(str(parts.root / relative))
    connection = duckdb.connect(":memory:")
    try:
        _create_views(connection, files)
    except duckdb.Error as exc:
        connection.close()
        raise StoreError(f"cannot read the Parquet parts in {root}: {exc}") from None
    return Store(connection, str(root), read_only=True)


# The partition a row came from, read from its part's file name.
PART_OF = r"regexp_extract(filename, 'part-([0-9a-f]+)\.parquet$', 1)"


def _create_views(connection: duckdb.DuckDBPyConnection, files: Mapping[str, list[str]]) -> None:
    for name, schema in SCHEMAS.items():
        source = f"_{name}_parts"
        if files[name]:
            listed = ", ".join(_quote(path) for path in files[name])
            connection.execute(
                f"CREATE VIEW {source} AS SELECT *, {PART_OF} AS _part FROM read_parquet("
                f"[{listed}], filename = true, hive_partitioning = false)"
            )
        else:
            connection.register("_empty", schema.empty_table())
            connection.execute(
                f"CREATE TABLE {source} AS SELECT *, '' AS filename, '' AS _part FROM _empty"
            )
            connection.unregister("_empty")
    connection.execute(
        "CREATE VIEW _chosen AS SELECT id, min(_part) AS _part FROM _documents_parts GROUP BY id"
    )
    connection.execute(
        "CREATE VIEW documents AS SELECT d.* EXCLUDE (filename, _part), "
        "CAST(NULL AS TIMESTAMP) AS ingested_at FROM _documents_parts d "
        "JOIN _chosen c ON c.id = d.id AND c._part = d._part"
    )
    connection.execute(
        "CREATE VIEW entities AS SELECT DISTINCT ON (id) * EXCLUDE (filename, _part) "
        "FROM _entities_parts ORDER BY id"
    )
    for name in SCHEMAS:
        if name not in ("documents", "entities"):
            connection.execute(
                f"CREATE VIEW {name} AS SELECT t.* EXCLUDE (filename, _part) FROM _{name}_parts t "
                "JOIN _chosen c ON c.id = t.doc_id AND c._part = t._part"
            )
    # derived in a store (kept up to date by its writes), counted here
    connection.execute(
        "CREATE VIEW entity_mentions AS SELECT entity_id, count(*) AS mentions FROM mentions "
        "WHERE entity_id IS NOT NULL GROUP BY entity_id"
    )


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _write_table(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}{TEMPORARY}{uuid.uuid4().hex}")
    try:
        pq.write_table(table, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}{TEMPORARY}{uuid.uuid4().hex}")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
