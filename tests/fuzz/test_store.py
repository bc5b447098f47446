"""Ingesting hostile inputs leaves only whole documents in the store, and nothing twice.

Each example ingests one to three mutated files (any format, some gzipped) into a fresh
store with the real analyzer and small batches, then checks: every document has its text
and its id is that text's hash; every mention, quote, event, stance, time, alias,
fingerprint and band row belongs to a stored document; no key is stored twice; the stored
ids are exactly those of the documents the inputs hold; a second ingest stores nothing.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from sitrep.analysis import Analyzer
from sitrep.config import Settings
from sitrep.pipeline import IngestReport, ingest
from sitrep.schema import Problem
from sitrep.store import Store
from tests.fuzz.corpus import built_seeds, check_message, check_store, expected_ids, table_counts
from tests.fuzz.strategies import EXTRACT_DEADLINE, TEST_TIMEOUT, fuzz_settings, mutated

SETTINGS = Settings(batch_size=2)
SEEDS = built_seeds()
STORE_EXAMPLES = 30  # a quarter to half a second each: two ingests, stories, corroboration


def write_cases(folder: Path, cases: list[tuple[str, bytes]]) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for number, (name, data) in enumerate(cases):
        path = folder / f"{number}-{name}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def ingest_checked(paths: list[Path], store: Store, analyzer: Analyzer) -> IngestReport:
    problems: list[Problem] = []
    report = ingest([str(p) for p in paths], store, SETTINGS, on_problem=problems.append,
                    analyzer=analyzer)  # fmt: skip
    for problem in problems:
        check_message(str(problem))
    assert report.stored + report.already_stored == report.read
    return report


@pytest.mark.timeout(TEST_TIMEOUT)
@fuzz_settings(STORE_EXAMPLES, EXTRACT_DEADLINE)
@given(
    cases=st.lists(st.one_of(mutated(SEEDS), mutated(SEEDS, gzipped=True)),
                   min_size=1, max_size=3),
)  # fmt: skip
def test_fuzzed_ingest_stores_whole_documents_once(
    workdir: Path, analyzer: Analyzer, cases: list[tuple[str, bytes]]
) -> None:
    note(repr(cases))
    paths = write_cases(workdir / uuid.uuid4().hex, cases)
    with Store.open(":memory:") as store:
        first = ingest_checked(paths, store, analyzer)
        check_store(store)
        ids = {row["id"] for row in store.query("SELECT id FROM documents")}
        assert ids == expected_ids(paths, SETTINGS)
        assert first.stored == len(ids)
        counts = table_counts(store)
        again = ingest_checked(paths, store, analyzer)
        assert (again.read, again.stored, again.already_stored) == (first.read, 0, first.read)
        assert table_counts(store) == counts
        check_store(store)
