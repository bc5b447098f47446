"""The command line: exit codes, one-line errors, the extract contract, help with examples."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
from click.testing import CliRunner

from sitrep.cli import main
from tests.conftest import ARTICLE, ROOT, SEED, SEED_EXPECTED

SCHEMA = json.loads((ROOT / "tests" / "data" / "seed" / "extract.schema.json").read_text())


@pytest.fixture
def runner(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))  # no user settings file leaks in
    return CliRunner()


def run(runner, *args, input=None):
    return runner.invoke(main, list(args), input=input, catch_exceptions=False)


def test_ingest_then_docs_show_and_stats(runner, write_file, tmp_path):
    db = str(tmp_path / "s.duckdb")
    path = write_file("a.txt", ARTICLE)
    result = run(runner, "ingest", str(path), "--db", db)
    assert result.exit_code == 0, result.output
    assert "1 new documents stored" in result.stderr
    listing = run(runner, "docs", "--db", db)
    assert "Ministers agree to extend grain corridor" in listing.output
    doc_id = listing.output.split()[0]
    shown = run(runner, "show", doc_id, "--db", db)
    assert "Black Sea grain corridor" in shown.output
    assert "1 documents" in run(runner, "stats", "--db", db).output


def test_ingest_with_skips_exits_1_and_names_each_file(runner, write_file, tmp_path):
    db = str(tmp_path / "s.duckdb")
    good, empty = write_file("good.txt", ARTICLE), write_file("empty.txt", b"")
    result = run(runner, "ingest", str(good), str(empty), "--db", db)
    assert result.exit_code == 1
    assert f"sitrep: skipped {empty}: empty input, nothing to read" in result.stderr
    assert "Traceback" not in result.output


def test_ingest_reads_stdin(runner, tmp_path):
    db = str(tmp_path / "s.duckdb")
    result = run(runner, "ingest", "-", "--db", db, input=ARTICLE)
    assert result.exit_code == 0 and "1 new documents" in result.stderr


def test_strict_exits_2_with_one_line(runner, write_file, tmp_path):
    result = run(
        runner,
        "ingest",
        str(write_file("e.txt", b"")),
        "--strict",
        "--db",
        str(tmp_path / "s.duckdb"),
    )
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].startswith("sitrep: error: ")


def test_extract_seed_follows_the_contract(runner):
    result = run(runner, "extract", str(SEED), "--json")
    assert result.exit_code == 0, result.stderr
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    jsonschema.validate(record, SCHEMA)
    expected = json.loads(SEED_EXPECTED.read_text())["document"]
    assert record["document"]["title"] == expected["title"]
    assert record["document"]["published"] is None  # the article gives no date...
    assert record["document"]["estimated_published"] == "2024-12-29"  # ...sitrep estimates it
    assert record["document"]["published_estimated"] is True
    assert "\u00a0" not in record["document"]["text"]
    for trailer in expected["boilerplate_removed"]:
        assert trailer not in record["document"]["text"]


def test_extract_jsonl_gives_one_object_per_line_in_order(runner, write_file):
    lines = [
        json.dumps({"title": f"Story {i}", "text": f"Body of story number {i} about talks."})
        for i in range(3)
    ]
    result = run(runner, "extract", str(write_file("a.jsonl", "\n".join(lines))), "--json")
    titles = [json.loads(line)["document"]["title"] for line in result.output.splitlines()]
    assert titles == ["Story 0", "Story 1", "Story 2"]


def test_unknown_document_and_missing_store_are_one_line_errors(runner, tmp_path):
    result = run(runner, "show", "abcdef123", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"sitrep: error: no store at {tmp_path / 'none.duckdb'}; create one with 'sitrep ingest'\n"
    )


def test_bad_setting_in_environment_is_rejected(runner, monkeypatch, write_file):
    monkeypatch.setenv("SITREP_BATCH_SIZE", "many")
    result = run(runner, "extract", str(write_file("a.txt", ARTICLE)))
    assert (
        result.exit_code == 2 and "setting 'batch_size': 'many' is not a valid int" in result.stderr
    )


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(runner, command):
    result = run(runner, command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_version_and_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "sitrep", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("sitrep, version ")
