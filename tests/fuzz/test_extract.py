"""Extraction on hostile inputs: `extract_inputs` and `sitrep.extract` give contract-shaped
records whose spans lie inside the text, or one-line skips; nothing else escapes.

The NLP stages are slow, so these run fewer examples than the reader tests, over small
seeds, with one analyzer for the session.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, note
from hypothesis import strategies as st

import sitrep
from sitrep.analysis import Analyzer
from sitrep.config import Settings
from sitrep.contract import to_contract
from sitrep.errors import InputError
from sitrep.pipeline import extract_inputs, extract_text
from sitrep.schema import Extraction, Problem
from tests.conftest import ROOT
from tests.fuzz.corpus import PARAGRAPHS, built_seeds, check_message, mutate
from tests.fuzz.strategies import (
    EXTRACT_DEADLINE,
    TEST_TIMEOUT,
    fuzz_settings,
    mutated,
    mutations,
)

SETTINGS = Settings()
SCHEMA = json.loads((ROOT / "tests" / "data" / "seed" / "extract.schema.json").read_text())
FILE_EXAMPLES = 25
TEXT_EXAMPLES = 25
ARTICLE_TEXT = "Grain corridor extended\n\n" + "\n\n".join(PARAGRAPHS)
SOURCE = ARTICLE_TEXT.encode()
SEEDS = built_seeds()


def check_extraction(extraction: Extraction) -> None:
    """The contract's shape, and every span inside the document's text."""
    record: dict[str, Any] = to_contract(extraction)
    jsonschema.validate(record, SCHEMA)
    text = record["document"]["text"]
    spans = [(m["start"], m["end"], m["text"]) for e in record["entities"] for m in e["mentions"]]
    spans += [(q["start"], q["end"], None) for q in record["quotes"]]
    spans += [(e["start"], e["end"], None) for e in record["events"]]
    spans += [(t["start"], t["end"], t["text"]) for t in record["times"]]
    for start, end, said in spans:
        assert 0 <= start <= end <= len(text), (start, end, len(text))
        if said is not None:
            assert text[start:end] == said, (text[start:end], said)


@pytest.mark.timeout(TEST_TIMEOUT)
@fuzz_settings(FILE_EXAMPLES, EXTRACT_DEADLINE)
@given(case=st.one_of(mutated(SEEDS), mutated(SEEDS, gzipped=True)))
def test_extract_inputs_on_fuzzed_files(
    workdir: Path, analyzer: Analyzer, case: tuple[str, bytes]
) -> None:
    name, data = case
    note(f"{name!r}: {data!r}")
    path = workdir / f"{uuid.uuid4().hex}-{name}"
    path.write_bytes(data)
    problems: list[Problem] = []
    for extraction in extract_inputs([str(path)], SETTINGS, on_problem=problems.append,
                                     analyzer=analyzer):  # fmt: skip
        check_extraction(extraction)
    for problem in problems:
        check_message(str(problem))


@pytest.mark.timeout(TEST_TIMEOUT)
@fuzz_settings(TEXT_EXAMPLES, EXTRACT_DEADLINE)
@given(
    text=st.one_of(
        st.text(max_size=400),
        mutations(len(SOURCE)).map(lambda m: mutate(SOURCE, m).decode("utf-8", "replace")),
    ),
)  # fmt: skip
def test_extract_on_fuzzed_text(analyzer: Analyzer, text: str) -> None:
    """What sitrep.extract(text) runs (extract_text), with the session's analyzer."""
    note(repr(text))
    try:
        extraction = extract_text(text, SETTINGS, analyzer)
    except InputError as exc:  # nothing left to read after cleaning
        check_message(str(exc))
        return
    check_extraction(extraction)


def test_the_public_extract_function_refuses_blank_text_with_an_input_error() -> None:
    with pytest.raises(InputError, match="no article text left after cleaning"):
        sitrep.extract(" \n\u200b\n ")
