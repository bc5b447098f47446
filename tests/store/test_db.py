"""The store: migrations, versions, whole-document writes, idempotency, busy and bad files."""

from __future__ import annotations

import multiprocessing
import time

import duckdb
import pytest

from sitrep.errors import SchemaVersionError, StoreBusyError, StoreError
from sitrep.schema import Document, Entity, Extraction, Mention, Quote
from sitrep.store import SCHEMA_VERSION, Store


def extraction(doc_id: str = "d1", text: str = "Putin spoke.") -> Extraction:
    doc = Document(
        id=doc_id,
        text=text,
        title=None,
        published="2025-01-05",
        source="Wire",
        url=None,
        language="en",
        origin="t.txt",
        cluster_id=doc_id,
    )
    entity = Entity(
        id="vladimir-putin",
        name="Vladimir Putin",
        type="PERSON",
        kb_id="vladimir-putin",
        aliases=("Putin",),
    )
    return Extraction(
        document=doc, entities=(entity,),
        mentions=(Mention(doc_id, 0, 5, "Putin", "vladimir-putin", "PERSON"),),
        quotes=(Quote(doc_id, 0, 12, text, "direct", speaker="Vladimir Putin"),),
    )  # fmt: skip


def count(store: Store, table: str) -> int:
    return store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"]


def test_new_store_is_migrated_to_the_current_version(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert count(store, "documents") == 0


def test_write_is_whole_and_idempotent(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as store:
        assert store.write([(extraction(), None)]) == 1
        assert store.write([(extraction(), None)]) == 0
        assert store.write([(extraction("d2"), None), (extraction("d2"), None)]) == 1
        assert count(store, "documents") == 2 and count(store, "mentions") == 2
        assert count(store, "entities") == 1  # one canonical actor, shared


def test_failed_write_leaves_nothing_behind(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as store:
        bad = extraction("d3")
        broken = Extraction(
            document=bad.document,
            mentions=bad.mentions,
            quotes=(Quote("d3", 0, 1, None, "direct"),),
        )  # type: ignore[arg-type]
        with pytest.raises(duckdb.Error):
            store.write([(broken, None)])
        assert count(store, "documents") == 0 and count(store, "mentions") == 0


def test_store_from_a_newer_sitrep_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    Store.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')")
    con.close()
    with pytest.raises(SchemaVersionError, match="newer sitrep"):
        Store.open(path)


def test_missing_store_for_reading_says_how_to_make_one(tmp_path):
    with pytest.raises(StoreError, match="sitrep ingest"):
        Store.open(tmp_path / "none.duckdb", read_only=True)


def test_a_file_that_is_not_a_store_is_one_clear_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello, not a database")
    with pytest.raises(StoreError, match="cannot open store"):
        Store.open(path)


def _hold(path: str, ready, release) -> None:
    store = Store.open(path)
    ready.set()
    release.wait(30)
    store.close()


def test_second_writer_gets_store_is_busy(tmp_path):
    path = str(tmp_path / "s.duckdb")
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold, args=(path, ready, release))
    holder.start()
    try:
        assert ready.wait(60)
        with pytest.raises(StoreBusyError, match=rf"store is busy \(held by PID {holder.pid}\)"):
            Store.open(path)
    finally:
        release.set()
        holder.join(30)
    time.sleep(0.1)
    Store.open(path).close()  # free again once the holder is gone


def mention_counts(store: Store, table: str) -> dict[str, int]:
    if table == "mentions":
        sql = "SELECT entity_id, count(*) AS n FROM mentions WHERE entity_id IS NOT NULL GROUP BY 1"
    else:
        sql = "SELECT entity_id, mentions AS n FROM entity_mentions"
    return {r["entity_id"]: r["n"] for r in store.query(sql)}


def test_mentions_per_actor_are_kept_with_every_write(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write([(extraction("d1"), None), (extraction("d2"), None)])
        store.write([(extraction("d2"), None), (extraction("d3"), None)])  # d2 again: no change
        unresolved = Mention("d4", 0, 5, "Putin", None, "PERSON")
        store.write([(Extraction(extraction("d4").document, mentions=(unresolved,)), None)])
        assert mention_counts(store, "entity_mentions") == {"vladimir-putin": 3}
        assert mention_counts(store, "entity_mentions") == mention_counts(store, "mentions")


def test_an_older_store_gets_its_mention_counts_when_migrated(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        store.write([(extraction("d1"), None), (extraction("d2"), None)])
        # as a store written before migration 6 was
        store.connection.execute("DROP TABLE entity_mentions")
        store.connection.execute("DELETE FROM schema_migrations WHERE version = 6")
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert mention_counts(store, "entity_mentions") == {"vladimir-putin": 2}
