"""The events table as CSV, read back with the csv module."""

from __future__ import annotations

import csv

from sitrep.export.events import COLUMNS


def test_events_csv_has_a_header_and_every_event(run_export, tmp_path):
    out = tmp_path / "events.csv"
    result = run_export("--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == COLUMNS and COLUMNS[:3] == ("id", "doc_id", "type")
    assert sorted(r["type"] for r in rows) == [
        "AID", "ASSAULT", "CONSULT", "RETREAT", "SANCTION", "THREATEN",
    ]  # fmt: skip
    assault = next(r for r in rows if r["type"] == "ASSAULT")
    assert (assault["source_code"], assault["cameo"], assault["modality"]) == (
        "RUSMIL",
        "195",
        "reported",
    )
    assert float(assault["lat"]) == 49.9808 and assault["url"] == "https://news.test/talks"
    aid = next(r for r in rows if r["type"] == "AID")
    assert aid["negated"] == "True" and aid["lat"] == ""


def test_since_keeps_later_days(run_export, tmp_path):
    out = tmp_path / "feb.csv"
    assert run_export("--format", "csv", "--out", str(out), "--since", "2025-02-01").exit_code == 0
    with out.open(newline="", encoding="utf-8") as handle:
        types = sorted(r["type"] for r in csv.DictReader(handle))
    assert types == ["AID", "RETREAT", "SANCTION"]
