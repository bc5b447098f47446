"""One analyzer for every fuzz test that runs the NLP stages (the model loads once)."""

from __future__ import annotations

import pytest

from sitrep.analysis import Analyzer
from sitrep.config import Settings


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """The real analyzer, warmed up on one short text."""
    from sitrep.pipeline import extract_text

    analyzer = Analyzer(Settings())
    extract_text("Ministers met in Ankara on Tuesday.", Settings(), analyzer)
    return analyzer
