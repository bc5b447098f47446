"""Search: BM25 over the fts index when the writer built it, ILIKE when it did not."""

from __future__ import annotations

import pytest

from sitrep.errors import StoreError
from sitrep.query.search import has_search_index, search, snippet
from sitrep.store import Store
from sitrep.store.fts import fts_extension
from tests.api.fixtures import ARMS_QUOTE, SEED_DOC_ID, build_store, extractions


@pytest.fixture(scope="module")
def unindexed(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("plain") / "s.duckdb", search_index=False)


def test_the_fts_extension_ships_with_the_package():
    path = fts_extension("linux_amd64")
    assert path is not None and path.name == "fts.duckdb_extension"
    assert fts_extension("no_such_platform") is None


def test_ranked_search_finds_documents_and_quotes(store, kb):
    found = search(store, "Russian origin", kb)
    assert found["full_text"] is True
    assert found["documents"][0]["id"] == SEED_DOC_ID
    assert found["quotes"][0]["text"] == ARMS_QUOTE
    assert found["quotes"][0]["speaker"] == "Ahmed al-Sharaa"
    scores = [d["score"] for d in found["documents"]]
    assert scores == sorted(scores, reverse=True)
    assert "Russian origin" in found["documents"][0]["snippet"]


def test_ranked_search_stems_words(store, kb):
    titles = {d["title"] for d in search(store, "withdrawal", kb)["documents"]}
    assert (
        "Syria: Leader Abu Mohammad Al Jolani express desire to keep Russian military presence"
        in titles
    )
    assert len(titles) == 2  # "withdrawals" and "withdrawal"


def test_search_names_the_actor_an_alias_stands_for(store, kb):
    found = search(store, "Jolani", kb)
    assert found["actor"] == "ahmed-al-sharaa"
    assert [a["id"] for a in found["actors"]] == ["ahmed-al-sharaa"]
    assert search(store, "power plants", kb)["actor"] is None


def test_unindexed_store_falls_back_to_every_word(unindexed, kb):
    with Store.open(unindexed, read_only=True) as store:
        assert not has_search_index(store)
        found = search(store, "russian ORIGIN", kb)
        assert found["full_text"] is False
        assert [d["id"] for d in found["documents"]] == [SEED_DOC_ID]
        assert [q["text"] for q in found["quotes"]] == [ARMS_QUOTE]
        assert search(store, "100%", kb)["documents"] == []  # % is not a wildcard


@pytest.mark.parametrize("q", ["'; DROP TABLE documents; --", '"unbalanced', "()", "ü", "*"])
def test_odd_queries_are_just_text(store, kb, q):
    found = search(store, q, kb)
    assert found["query"] == q and isinstance(found["documents"], list)


def test_index_is_built_by_the_writer_only_and_rebuilt_with_new_documents(tmp_path):
    first, *rest = extractions()
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        store.write([(first, None)])
        store.build_search_index()
        assert has_search_index(store)
        assert search(store, "Araghchi")["documents"] == []
        store.write([(ex, None) for ex in rest])
        store.build_search_index()
        assert len(search(store, "Araghchi")["documents"]) == 1
    with Store.open(path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.build_search_index()


def test_an_empty_store_can_be_indexed(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as store:
        store.build_search_index()
        assert search(store, "anything")["documents"] == []


def test_snippet_centres_on_the_phrase_or_its_longest_word():
    text = "a" * 300 + " Russian origin " + "b" * 300
    assert snippet(text, "russian origin", 20).startswith("…")
    assert "Russian origin" in snippet(text, "russian origin", 20)
    assert "origin" in snippet(text, "origin of things", 10)
    assert snippet("short text", "absent") == "short text"


def test_postings_are_stored_in_term_order_and_rank_as_before(tmp_path):
    # Term order lets DuckDB skip row groups without the query's terms; the scores must
    # stay those of DuckDB's own index (BM25 over the same postings, in any order).
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        store.write([(ex, None) for ex in extractions()])
        store.build_search_index()
        before = {d["id"]: d["score"] for d in search(store, "Russian military bases")["documents"]}
        for index in ("fts_main_documents", "fts_main_quotes"):
            termids = [r["termid"] for r in store.query(f"SELECT termid FROM {index}.terms")]
            assert len(termids) > 20 and termids == sorted(termids)
        store.connection.execute(
            "CREATE OR REPLACE TABLE fts_main_documents.terms AS "
            "SELECT * FROM fts_main_documents.terms ORDER BY docid DESC"
        )
        after = {d["id"]: d["score"] for d in search(store, "Russian military bases")["documents"]}
    assert len(before) >= 2 and before.keys() == after.keys()
    assert all(abs(before[k] - after[k]) < 1e-9 for k in before)


@pytest.mark.parametrize("q", ["Russian military bases", "Syria", "withdrawal of forces", "zzz"])
def test_scores_are_duckdbs_own_bm25(store, kb, q):
    assert has_search_index(store)  # loads the extension into this connection
    own = store.query(
        """SELECT id, score FROM (SELECT id, fts_main_documents.match_bm25(id, ?) AS score
           FROM documents) WHERE score IS NOT NULL""",
        [q],
    )
    found = search(store, q, kb, limit=100)["documents"]
    assert len(own) >= (0 if q == "zzz" else 1)
    assert {d["id"]: round(d["score"], 9) for d in found} == {
        r["id"]: round(r["score"], 9) for r in own
    }
