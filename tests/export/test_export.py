"""The export command: one-line errors, atomic output, windows, and its help."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from click.testing import CliRunner

import sitrep.export.gdelt
from sitrep.cli import main
from sitrep.errors import StoreError
from sitrep.export.base import FETCH_ROWS, stream_rows
from sitrep.export.documents import DocumentRows


def one_line_error(result, text: str) -> None:
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [f"sitrep: error: {text}"], result.stderr


def test_unknown_format_lists_the_valid_ones(run_export, tmp_path):
    one_line_error(
        run_export("--format", "xml", "--out", str(tmp_path / "x")),
        "unknown export format 'xml'; valid formats: gdelt, jsonl, graphml, gexf, geojson, csv",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2025-13-01"], "--since: '2025-13-01' is not a date (use YYYY-MM-DD)"),
        (["--until", "last week"], "--until: 'last week' is not a date (use YYYY-MM-DD)"),
        (["--since", "2025-03-01", "--until", "2025-01-01"],
         "--until 2025-01-01 is before --since 2025-03-01"),
    ],
)  # fmt: skip
def test_bad_dates_are_one_line_errors(run_export, tmp_path, args, message):
    one_line_error(run_export("--format", "csv", "--out", str(tmp_path / "x"), *args), message)


def test_missing_store_and_unwritable_output(run_export, tmp_path):
    missing = str(tmp_path / "none.duckdb")
    result = run_export("--format", "csv", "--out", str(tmp_path / "x.csv"), db=missing)
    one_line_error(result, f"no store at {missing}; create one with 'sitrep ingest'")
    out = tmp_path / "no" / "such" / "dir.csv"
    result = run_export("--format", "csv", "--out", str(out))
    one_line_error(result, f"cannot write {out}: No such file or directory")


def test_a_failed_export_leaves_the_old_file_and_no_temporary(run_export, tmp_path, monkeypatch):
    out = tmp_path / "events.tsv"
    out.write_text("previous export\n")
    calls = []

    def failing_row(row):
        calls.append(row)
        if len(calls) == 2:
            raise StoreError("the store went away")
        return real_row(row)

    real_row = sitrep.export.gdelt.gdelt_row
    monkeypatch.setattr(sitrep.export.gdelt, "gdelt_row", failing_row)
    one_line_error(run_export("--format", "gdelt", "--out", str(out)), "the store went away")
    assert out.read_text() == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.tsv", "s.duckdb"]


def test_success_replaces_the_file_with_a_normal_mode(run_export, tmp_path):
    out = tmp_path / "events.csv"
    out.write_text("previous export\n")
    assert run_export("--format", "csv", "--out", str(out)).exit_code == 0
    assert out.read_text().startswith("id,doc_id,type")
    assert out.stat().st_mode & 0o644 == 0o644


def test_document_rows_hand_out_each_documents_rows_once():
    rows = iter([{"doc_id": d, "n": i} for i, d in enumerate("aabdd")])
    stream = DocumentRows(rows)
    assert [r["n"] for r in stream.take("a")] == [0, 1]
    assert stream.take("c") == []  # b belongs to a document outside the export
    assert [r["n"] for r in stream.take("d")] == [3, 4]
    assert stream.take("e") == []


def test_rows_are_fetched_lazily_in_batches():
    import duckdb

    class Recording:
        """A DuckDB cursor that records how many rows each fetch returned."""

        def __init__(self):
            self.real = duckdb.connect()
            self.sizes = []
            self.closed = False

        def execute(self, sql, params):
            self.real.execute(sql, params)
            self.description = self.real.description

        def fetchmany(self, size):
            batch = self.real.fetchmany(size)
            self.sizes.append(len(batch))
            return batch

        def close(self):
            self.closed = True

    cursor = Recording()
    store = SimpleNamespace(connection=SimpleNamespace(cursor=lambda: cursor))
    rows = stream_rows(store, "SELECT range AS n FROM range(?)", [FETCH_ROWS * 2 + 5])
    assert next(rows) == {"n": 0}
    assert cursor.sizes == [FETCH_ROWS]  # one batch in memory, not the table
    assert sum(1 for _ in rows) == FETCH_ROWS * 2 + 4
    assert cursor.sizes == [FETCH_ROWS, FETCH_ROWS, 5, 0] and cursor.closed


def test_help_has_an_example():
    result = CliRunner().invoke(main, ["export", "--help"])
    assert "Example:" in result.output and "sitrep export --format gdelt" in result.output
    assert "hypothetical, negated and denied" in result.output
