"""Session fixtures (Hypothesis runs many examples per test): one analyzer, one folder."""

from __future__ import annotations

from pathlib import Path

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


@pytest.fixture(scope="session")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the files examples write (each example makes its own subfolder)."""
    return tmp_path_factory.mktemp("fuzz")
