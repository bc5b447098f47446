"""One JSON object per document, in the extract contract, rebuilt from the store."""

from __future__ import annotations

import json

import jsonschema

from sitrep.contract import to_contract
from tests.conftest import ROOT
from tests.export.records import sample_extractions

SCHEMA = json.loads((ROOT / "tests" / "data" / "seed" / "extract.schema.json").read_text())


def read_lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_document_with_everything_extracted(run_export, tmp_path):
    out = tmp_path / "docs.jsonl"
    result = run_export("--format", "jsonl", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"wrote 3 documents to {out}" in result.stderr
    records = {r["document"]["id"]: r for r in read_lines(out)}
    for extraction in sample_extractions():
        record = records[extraction.document.id]
        jsonschema.validate(record, SCHEMA)
        expected = to_contract(extraction)
        assert record["document"] == expected["document"]
        for key in ("quotes", "events", "times"):
            assert record[key] == expected[key], key
        assert sorted(record["stances"], key=json.dumps) == sorted(
            expected["stances"], key=json.dumps
        )
        by_id = {e["id"]: e for e in expected["entities"]}
        assert {e["id"]: e for e in record["entities"]} == by_id


def test_documents_outside_the_window_and_their_records_stay_out(run_export, tmp_path):
    out = tmp_path / "feb.jsonl"
    result = run_export("--format", "jsonl", "--out", str(out), "--since", "2025-02-01",
                        "--until", "2025-02-28")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (record,) = read_lines(out)
    assert record["document"]["title"] == "EU widens sanctions on Russia"
    assert {e["type"] for e in record["events"]} == {"SANCTION", "RETREAT", "AID"}
    assert {e["id"] for e in record["entities"]} == {"european-union", "RUS", "geonames:2800866",
                                                     "vladimir-putin", "hakan-fidan"}  # fmt: skip
