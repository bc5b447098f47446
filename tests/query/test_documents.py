"""One document with every extracted span, each pointing at its own text."""

from __future__ import annotations

import pytest

from sitrep.errors import NotFoundError
from sitrep.query.documents import document_records, list_documents
from tests.api.fixtures import SEED_DOC_ID


def test_every_span_is_the_text_it_claims(store):
    found = document_records(store, SEED_DOC_ID[:8])
    text = found["document"]["text"]
    assert found["document"]["id"] == SEED_DOC_ID
    for kind in ("mentions", "quotes", "times"):
        assert found[kind], kind
        for span in found[kind]:
            assert text[span["start"] : span["end"]] == span["text"], kind
    for event in found["events"]:
        assert text[event["start"] : event["end"]] == event["trigger"]
    starts = [m["start"] for m in found["mentions"]]
    assert starts == sorted(starts)
    jolani = [m for m in found["mentions"] if m["text"] == "Jolani"]
    assert jolani[0]["entity"] == "Ahmed al-Sharaa"


def test_a_document_not_extracted_has_no_spans(store):
    french = next(d for d in list_documents(store) if d["language"] == "fr")
    found = document_records(store, french["id"])
    assert not found["document"]["extracted"]
    assert found["mentions"] == found["quotes"] == found["events"] == found["times"] == []


def test_unknown_document(store):
    with pytest.raises(NotFoundError):
        document_records(store, "ffffffffffff")
