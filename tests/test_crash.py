"""`sitrep ingest` killed with SIGKILL at random points loses nothing and tears nothing.

A corpus of a few hundred short articles (JSONL.gz plus HTML pages) is ingested by a real
`sitrep ingest` process with four documents per batch.  The test watches the store file
and its write-ahead log, and kills the process after a random number of commits (drawn
over every commit still to come: batches, then story, corroboration and search-index
writes) plus a random fraction of a batch.  After each kill the store must open and hold
only whole batches: every document with its fingerprint and its mentions, no record
without its document, no key twice.  Re-running the same command finishes the job: every
document exactly once, every one in a story and sourced, every event in an occurrence,
the search index over every document, and one more run stores nothing.  When a run ends
before its kill, the store is checked whole and the campaign starts again on a new one.
"""

from __future__ import annotations

import math
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.store import Store
from tests.conftest import html_page, jsonl_gz
from tests.fuzz.corpus import check_store, expected_ids

# SITREP_CRASH_SEED picks other kill points; SITREP_FUZZ_SCALE=N runs N times the kills.
SEED = int(os.environ.get("SITREP_CRASH_SEED", "20250105"))
SCALE = max(int(os.environ.get("SITREP_FUZZ_SCALE", "1")), 1)
BATCH = 4
JSONL_ARTICLES = 200
HTML_PAGES = 20
CAMPAIGNS = 2
KILLS = 4 * SCALE  # per campaign
# Commits after the last batch (stories, sources, occurrences, search index) that a kill
# may also land among.
TAIL_COMMITS = 6
# The campaign stops starting new kill runs after this long, to stay within the budget.
BUDGET_SECONDS = 35 * SCALE
POLL_SECONDS = 0.005

ACTORS = ("Vladimir Putin", "Recep Tayyip Erdogan", "Sergei Lavrov", "Hakan Fidan",
          "Emmanuel Macron", "Olaf Scholz", "Volodymyr Zelensky", "Antonio Guterres")  # fmt: skip
PLACES = ("Ankara", "Moscow", "Kyiv", "Istanbul", "Geneva", "Paris", "Berlin", "Doha")
TOPICS = ("grain exports", "a prisoner exchange", "gas transit", "a ceasefire", "port access",
          "sanctions relief", "air defence", "shipping insurance")  # fmt: skip


def article(rng: random.Random, number: int) -> tuple[str, str]:
    """A short wire story with known actors and places; title and text are unique."""
    a, b = rng.sample(ACTORS, 2)
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    title = f"{a} and {b} discuss {topic} in {place} ({number})"
    text = (
        f"{a} met {b} in {place} on Tuesday to discuss {topic}, officials said. "
        f"The talks lasted {rng.randint(2, 9)} hours and a further round is planned for "
        f"{rng.choice(PLACES)} in {rng.randint(2, 12)} weeks, according to reference "
        f"number {number}-{rng.randint(1000, 9999)}.\n\n"
        f"“We made progress on {topic},” {b} told reporters. {a} said no agreement had "
        "been reached yet."
    )
    return title, text


def write_corpus(folder: Path) -> None:
    rng = random.Random(SEED)
    records = []
    for number in range(JSONL_ARTICLES):
        title, text = article(rng, number)
        records.append({"title": title, "text": text, "published": "2025-01-05",
                        "source": rng.choice(("Wire One", "Wire Two", "Daily Post"))})  # fmt: skip
    (folder / "pages").mkdir(parents=True)
    (folder / "wire.jsonl.gz").write_bytes(jsonl_gz(records))
    for number in range(JSONL_ARTICLES, JSONL_ARTICLES + HTML_PAGES):
        title, text = article(rng, number)
        page = html_page(title, text.split("\n\n"), published="2025-01-06T08:00:00Z")
        (folder / "pages" / f"story-{number}.html").write_text(page, encoding="utf-8")


# --- watching and killing -------------------------------------------------------------------


def store_state(db: Path) -> tuple[int, ...]:
    """Sizes and modification times of the store and its write-ahead log."""
    state: list[int] = []
    for path in (db, db.with_name(db.name + ".wal")):
        try:
            stat = path.stat()
            state += [stat.st_size, stat.st_mtime_ns]
        except FileNotFoundError:
            state += [-1, -1]
    return tuple(state)


@dataclass
class Campaign:
    """What the kill runs did: kills by stage, and stores finished along the way."""

    kills_mid_batches: int = 0
    kills_in_tail: int = 0
    completed_runs: int = 0
    documents_after_kills: list[int] = field(default_factory=list)


def ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "sitrep", "ingest", str(corpus), "--db", str(db), "-q"]


def run_and_kill(command: list[str], env: dict[str, str], db: Path, commits: int,
                 rng: random.Random) -> bool:  # fmt: skip
    """Start the command, kill it after `commits` store writes and a little more; True if
    killed, False if it finished first."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)  # fmt: skip
    seen, last = 0, store_state(db)
    try:
        while process.poll() is None:
            state = store_state(db)
            if state != last:
                seen, last = seen + 1, state
                if seen >= commits:
                    time.sleep(rng.uniform(0, 0.15))  # somewhere inside the next batch
                    break
            time.sleep(POLL_SECONDS)
        if process.poll() is not None:
            _, stderr = process.communicate()
            assert process.returncode == 0, stderr.decode()
            return False
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        assert process.returncode == -signal.SIGKILL
        return True
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


# --- what a store must hold -----------------------------------------------------------------


def check_whole_batches(store: Store) -> int:
    """Every document has its fingerprint and mentions; batches (one ingested_at each) are
    at most BATCH documents.  Returns the number of documents."""
    rows = store.query(
        """SELECT d.id, d.ingested_at,
                  (SELECT count(*) FROM fingerprints f WHERE f.doc_id = d.id) AS prints,
                  (SELECT count(*) FROM mentions m WHERE m.doc_id = d.id) AS mentions
           FROM documents d"""
    )
    torn = [r["id"] for r in rows if r["prints"] != 1 or r["mentions"] == 0]
    assert torn == [], f"{len(torn)} documents without all their records"
    batches: dict[object, int] = {}
    for row in rows:
        batches[row["ingested_at"]] = batches.get(row["ingested_at"], 0) + 1
    assert max(batches.values(), default=0) <= BATCH, batches
    for table, key in (("story_documents", "doc_id"), ("provenance", "doc_id"),
                       ("occurrence_events", "doc_id")):  # fmt: skip
        orphans = store.query(
            f"SELECT count(*) AS n FROM {table} t ANTI JOIN documents d ON d.id = t.{key}"
        )[0]["n"]
        assert orphans == 0, f"{orphans} rows of {table} point to no document"
    return len(rows)


def check_finished(store: Store, expected: set[str]) -> None:
    """The job is done: every document once, in a story, sourced, events placed, indexed."""
    ids = [r["id"] for r in store.query("SELECT id FROM documents")]
    assert len(ids) == len(set(ids)) and set(ids) == expected
    pending = {
        "documents without a story": "SELECT count(*) AS n FROM documents d ANTI JOIN "
        "story_documents s ON s.doc_id = d.id WHERE d.extracted",
        "documents without provenance": "SELECT count(*) AS n FROM documents d ANTI JOIN "
        "provenance p ON p.doc_id = d.id",
        "events without an occurrence": "SELECT count(*) AS n FROM events e ANTI JOIN "
        "occurrence_events o ON o.event_id = e.id",
        "documents missing from the search index": "SELECT count(*) AS n FROM documents d "
        "ANTI JOIN fts_main_documents.docs i ON i.name = d.id",
    }
    for what, sql in pending.items():
        assert store.query(sql)[0]["n"] == 0, what


def table_counts(store: Store) -> dict[str, int]:
    names = [r["table_name"] for r in store.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")]  # fmt: skip
    return {n: store.query(f'SELECT count(*) AS n FROM "{n}"')[0]["n"] for n in names}


# --- the test -------------------------------------------------------------------------------


def kill_campaign(corpus: Path, folder: Path, expected: set[str], seed: int) -> Campaign:
    """Kill runs on one store until KILLS kills or the budget; then finish the job twice."""
    folder.mkdir()
    env = {**os.environ, "HOME": str(folder), "SITREP_BATCH_SIZE": str(BATCH)}
    env.pop("SITREP_CONFIG", None)
    rng = random.Random(seed)
    campaign = Campaign()
    started = time.monotonic()
    db, stored = folder / "store-0.duckdb", 0
    while campaign.kills_mid_batches + campaign.kills_in_tail < KILLS:
        if time.monotonic() - started > BUDGET_SECONDS:
            break
        to_come = math.ceil((len(expected) - stored) / BATCH) + TAIL_COMMITS
        commits = rng.randint(1, to_come)
        in_tail = stored == len(expected) or commits > to_come - TAIL_COMMITS
        killed = run_and_kill(ingest_command(corpus, db), env, db, commits, rng)
        with Store.open(db) as store:
            check_store(store)
            now = check_whole_batches(store)
            assert {r["id"] for r in store.query("SELECT id FROM documents")} <= expected
            if not killed:
                check_finished(store, expected)
        assert now >= stored
        if killed:
            campaign.kills_in_tail += in_tail
            campaign.kills_mid_batches += not in_tail
            campaign.documents_after_kills.append(now)
            stored = now
        else:
            campaign.completed_runs += 1
            db, stored = folder / f"store-{campaign.completed_runs}.duckdb", 0
    finish(corpus, db, env, expected)
    return campaign


def finish(corpus: Path, db: Path, env: dict[str, str], expected: set[str]) -> None:
    """Re-run the same command: the job is done; once more: nothing changes."""
    counts: list[dict[str, int]] = []
    for _ in range(2):
        run = subprocess.run(ingest_command(corpus, db)[:-1], env=env, capture_output=True,
                             text=True, timeout=120)  # fmt: skip
        assert run.returncode == 0, run.stderr
        with Store.open(db) as store:
            check_store(store)
            check_whole_batches(store)
            check_finished(store, expected)
            counts.append(table_counts(store))
    assert run.stderr.startswith("0 new documents stored"), run.stderr
    assert counts[0] == counts[1]


@pytest.mark.slow
@pytest.mark.timeout(240 * SCALE)
def test_sigkill_at_random_points_loses_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    expected = expected_ids(sorted(p for p in corpus.rglob("*") if p.is_file()), Settings())
    assert len(expected) == JSONL_ARTICLES + HTML_PAGES
    # two campaigns side by side (one per core), each with its own stores and seed
    folders = [tmp_path / f"campaign-{n}" for n in range(CAMPAIGNS)]
    with ThreadPoolExecutor(CAMPAIGNS) as pool:
        runs = [pool.submit(kill_campaign, corpus, folder, expected, SEED + n)
                for n, folder in enumerate(folders)]  # fmt: skip
        campaigns = [run.result() for run in runs]
    mid = sum(c.kills_mid_batches for c in campaigns)
    tail = sum(c.kills_in_tail for c in campaigns)
    print(f"\ncrash campaigns: {mid + tail} kills survived ({mid} among batches, {tail} "
          f"after them), {sum(c.completed_runs for c in campaigns)} runs finished before "
          f"their kill; documents after each kill: "
          f"{[c.documents_after_kills for c in campaigns]} of {len(expected)}")  # fmt: skip
    assert mid + tail >= 2 * CAMPAIGNS


# --- the two ways a crash broke a store before (fast regressions) ---------------------------


def test_a_store_killed_right_after_creation_opens(tmp_path: Path) -> None:
    """DuckDB could not replay the migrations' ALTER TABLE from its log: the store was lost."""
    db = tmp_path / "new.duckdb"
    code = (
        "import os, sys; from sitrep.store import Store; s = Store.open(sys.argv[1]); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60)
    with Store.open(db) as store:
        assert store.query("SELECT count(*) AS n FROM documents") == [{"n": 0}]


def test_ingest_rebuilds_a_search_index_left_behind_by_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run killed after its last batch, before indexing: the re-run stores nothing, and
    used to leave full-text search without those documents."""
    from click.testing import CliRunner

    from sitrep.cli import main
    from sitrep.pipeline import ingest

    monkeypatch.setenv("HOME", str(tmp_path))
    article = tmp_path / "a.txt"
    article.write_text("Talks in Ankara\n\nVladimir Putin met Recep Tayyip Erdogan in Ankara.")
    db = tmp_path / "s.duckdb"
    with Store.open(db) as store:  # what the killed run left: stored, never indexed
        ingest([str(article)], store, Settings(extract=False))
        assert not store.search_index_current()
    result = CliRunner().invoke(main, ["ingest", str(article), "--db", str(db), "--no-extract"])
    assert result.exit_code == 0 and result.stderr.startswith("0 new documents stored")
    with Store.open(db) as store:
        assert store.search_index_current()
