"""The DuckDB store: the only code that writes; one transaction per batch of whole documents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from sitrep.errors import SchemaVersionError, StoreBusyError, StoreError
from sitrep.schema import Corroboration, Extraction, Fingerprint
from sitrep.store.fts import INDEXES, load_fts, sort_postings
from sitrep.store.migrations import MIGRATIONS, SCHEMA_VERSION
from sitrep.store.occurrences import write_corroboration_rows
from sitrep.store.rows import SCHEMAS, extraction_tables
from sitrep.store.stories import write_story_rows

LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")
# Tables whose rows belong to one document, in the order they are written.
DOCUMENT_TABLES = ("documents", "fingerprints", "lsh_bands", "entity_aliases", "mentions",
                   "quotes", "events", "stances", "times")  # fmt: skip


class Store:
    """A sitrep store in one DuckDB file (or ':memory:')."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str, read_only: bool):
        self.connection = connection
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> Store:
        """Open (creating and migrating when writable) the store at `path`."""
        path = str(path)
        if read_only and path != ":memory:" and not Path(path).exists():
            raise StoreError(f"no store at {path}; create one with 'sitrep ingest'")
        connection = _connect(path, read_only)
        store = cls(connection, path, read_only)
        try:
            store._migrate()
        except BaseException:
            connection.close()
            raise
        return store

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- schema ---------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The highest migration applied to this store (0 for an empty file)."""
        exists = self.connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.connection.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{self.path} was written by a newer sitrep (schema {version}, this sitrep "
                f"knows {SCHEMA_VERSION}); upgrade sitrep to use it"
            )
        pending = [m for m in MIGRATIONS if m.version > version]
        if not pending:
            return
        if self.read_only:
            raise StoreError(f"{self.path} needs an upgrade; open it once with 'sitrep ingest'")
        # DuckDB 1.4 cannot replay an ALTER TABLE of a table with a current_timestamp default
        # from its write-ahead log ("GetDefaultDatabase with no default database set"), so a
        # crash before the next checkpoint left a store that no longer opened.  With the
        # checkpoint threshold at zero the commit writes the migrations straight into the
        # file (its header write is the atomic switch); the log never holds them.
        self.connection.execute("SET checkpoint_threshold = '0b'")
        try:
            with self.transaction():
                self.connection.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                    " name VARCHAR NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)"
                )
                for migration in pending:
                    self.connection.execute(migration.sql)
                    self.connection.execute(
                        "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                        [migration.version, migration.name],
                    )
        finally:
            self.connection.execute("RESET checkpoint_threshold")

    # --- writing ----------------------------------------------------------------------------

    def transaction(self) -> _Transaction:
        """A context manager: commit on success, roll back on any exception."""
        return _Transaction(self.connection)

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are already stored."""
        wanted = list(set(ids))
        if not wanted:
            return set()
        rows = self.connection.execute(
            "SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [wanted]
        ).fetchall()
        return {row[0] for row in rows}

    def discovered_aliases(self) -> list[tuple[str, str]]:
        """(entity id, alias) pairs that earlier documents declared ("X, also known as Y")."""
        rows = self.connection.execute(
            "SELECT DISTINCT entity_id, alias FROM entity_aliases WHERE discovered"
        ).fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]

    def cluster_candidates(self, band_keys: Iterable[int]) -> list[tuple[str, str, bytes]]:
        """Stored documents sharing an LSH band key: (doc id, cluster id, signature)."""
        keys = list(set(band_keys))
        if not keys:
            return []
        rows = self.connection.execute(
            """SELECT d.id, coalesce(d.cluster_id, d.id), f.signature
               FROM (SELECT DISTINCT doc_id FROM lsh_bands WHERE band_key IN (SELECT unnest(?))) b
               JOIN documents d ON d.id = b.doc_id JOIN fingerprints f ON f.doc_id = d.id""",
            [keys],
        ).fetchall()
        return [(str(r[0]), str(r[1]), bytes(r[2])) for r in rows]

    def write(self, items: Sequence[tuple[Extraction, Fingerprint | None]]) -> int:
        """Write whole documents and all their records in one transaction; return how many."""
        self._require_writable()
        seen = self.known_ids(ex.document.id for ex, _ in items)
        fresh = []
        for ex, fp in items:
            if ex.document.id not in seen:
                seen.add(ex.document.id)
                fresh.append((ex, fp))
        if not fresh:
            return 0
        self.write_tables(extraction_tables(fresh))
        return len(fresh)

    def write_tables(self, tables: Mapping[str, Any]) -> None:
        """Append Arrow tables of new documents' records (rows.SCHEMAS) in one transaction.

        The caller has left out documents already stored (`sitrep load` writes Parquet parts
        through this); entities are shared, so those already stored are kept.
        """
        self._require_writable()
        with self.transaction():
            for name in DOCUMENT_TABLES:
                self._append(name, tables[name])
            self._upsert_entities(tables["entities"])
            self._count_mentions(tables["mentions"])

    def _append(self, name: str, table: Any) -> None:
        if table.num_rows == 0:
            return
        columns = ", ".join(SCHEMAS[name].names)
        self.connection.register("_incoming", table)
        try:
            self.connection.execute(
                f"INSERT INTO {name} ({columns}) SELECT {columns} FROM _incoming"
            )
        finally:
            self.connection.unregister("_incoming")

    def _upsert_entities(self, table: Any) -> None:
        if table.num_rows == 0:
            return
        columns = ", ".join(SCHEMAS["entities"].names)
        self.connection.register("_incoming", table)
        try:
            self.connection.execute(
                f"INSERT INTO entities ({columns}) SELECT DISTINCT ON (id) {columns} "
                "FROM _incoming ON CONFLICT (id) DO NOTHING"
            )
        finally:
            self.connection.unregister("_incoming")

    def _count_mentions(self, mentions: Any) -> None:
        """Add a batch's mentions to `entity_mentions`, the per-actor counts that actor
        lists sort by (counting 1.7 million mention rows per query took 10-30 ms)."""
        if mentions.num_rows == 0:
            return
        self.connection.register("_incoming", mentions)
        try:
            self.connection.execute(
                """INSERT INTO entity_mentions
                   SELECT entity_id, count(*) FROM _incoming WHERE entity_id IS NOT NULL
                   GROUP BY entity_id
                   ON CONFLICT (entity_id) DO UPDATE
                   SET mentions = entity_mentions.mentions + excluded.mentions"""
            )
        finally:
            self.connection.unregister("_incoming")

    def write_stories(self, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
        """Write one story-clustering step (rows per story table) in one transaction."""
        self._require_writable()
        with self.transaction():
            write_story_rows(self.connection, rows)

    def write_corroboration(self, step: Corroboration) -> None:
        """Write one corroboration step (occurrences replaced whole) in one transaction."""
        self._require_writable()
        with self.transaction():
            write_corroboration_rows(self.connection, step)

    def clear_corroboration(self) -> None:
        """Forget every occurrence, account, provenance and attribution (to rebuild them)."""
        self._require_writable()
        with self.transaction():
            for name in ("occurrences", "occurrence_events", "accounts", "provenance",
                         "attributions"):  # fmt: skip
                self.connection.execute(f"DELETE FROM {name}")

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")

    # --- reading ----------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query and return rows as dicts."""
        cursor = self.connection.execute(sql, list(params or []))
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # --- search -----------------------------------------------------------------------------

    def build_search_index(self) -> None:
        """(Re)build the full-text indexes: documents (title, text) and quotes (text)."""
        self._require_writable()
        if not load_fts(self.connection):
            raise StoreError(
                f"DuckDB's full-text search extension is missing; install duckdb-ext-fts "
                f"for duckdb {duckdb.__version__}"
            )
        with self.transaction():
            self.connection.execute(
                "PRAGMA create_fts_index('documents', 'id', 'title', 'text', overwrite=1)"
            )
            self.connection.execute("PRAGMA create_fts_index('quotes', 'id', 'text', overwrite=1)")
            for index in INDEXES.values():
                sort_postings(self.connection, index)

    def search_index_current(self) -> bool:
        """True when the full-text indexes hold every document and every quote.

        Rows are only ever added, so equal counts mean the same rows.  A run killed after
        storing its last batch and before indexing leaves the index behind the tables.
        """
        for table, index in INDEXES.items():
            exists = self.connection.execute(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = ? AND table_name = 'docs'",
                [index],
            ).fetchone()
            if not exists or not exists[0]:
                return False
            same = self.connection.execute(
                f"SELECT (SELECT count(*) FROM {table}) = (SELECT count(*) FROM {index}.docs)"
            ).fetchone()
            if not same or not same[0]:
                return False
        return True


class _Transaction:
    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.execute("BEGIN TRANSACTION")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.connection.execute("COMMIT")
        else:
            self.connection.execute("ROLLBACK")


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            holder = LOCK_HOLDER.search(message)
            pid = f" (held by PID {holder.group(1)})" if holder else ""
            raise StoreBusyError(f"store is busy{pid}: {path}") from None
        raise StoreError(f"cannot open store {path}: {_first_line(message)}") from None
    except duckdb.Error as exc:
        raise StoreError(f"cannot open store {path}: {_first_line(str(exc))}") from None


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "unknown error"
