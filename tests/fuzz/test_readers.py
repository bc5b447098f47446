"""Every reader, then cleaning, on hostile bytes: only articles, documents and one-line skips.

Arbitrary bytes in every format, mutated valid inputs of each format (plain and gzipped
after mutation), and gzip streams corrupted after compression.  The number of examples
per test is kept small for `make test`; `make fuzz` runs the readers for minutes.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hypothesis import event, given, note
from hypothesis import strategies as st

from sitrep.config import Settings
from sitrep.ingest import FORMATS, read_inputs
from sitrep.schema import Article, Problem
from tests.fuzz.corpus import (
    built_seeds,
    check_message,
    clean_checked,
    read_checked,
    sample_seeds,
    seeds_of,
)
from tests.fuzz.strategies import (
    TEST_TIMEOUT,
    corrupted_gzip,
    fuzz_settings,
    mutated,
    raw_bytes,
)

SETTINGS = Settings()
SEEDS = built_seeds() + sample_seeds()
# Examples per test (455 in all); the whole file takes about 10 s.
RAW_EXAMPLES = 100
MUTATED_EXAMPLES = 50
GZIP_EXAMPLES = 40
FILES_EXAMPLES = 25


def read_and_clean(name: str, data: bytes, fmt: str | None = None) -> None:
    note(f"input {name!r} as {fmt or 'detected'}: {data!r}")
    articles, _ = read_checked(data, name, SETTINGS, fmt)
    clean_checked(articles, SETTINGS)


@pytest.mark.timeout(TEST_TIMEOUT)
@fuzz_settings(RAW_EXAMPLES)
@given(data=raw_bytes(), fmt=st.sampled_from((None, *FORMATS)))
def test_arbitrary_bytes_in_any_format(data: bytes, fmt: str | None) -> None:
    event(f"random bytes as {fmt or 'detected'}")
    read_and_clean("input.bin", data, fmt)


@pytest.mark.timeout(TEST_TIMEOUT)
@pytest.mark.parametrize("fmt", FORMATS)
@fuzz_settings(MUTATED_EXAMPLES)
@given(data=st.data(), forced=st.booleans())
def test_mutated_inputs_of_each_format(fmt: str, data: st.DataObject, forced: bool) -> None:
    name, raw = data.draw(mutated(seeds_of(fmt, SEEDS)), label="input")
    read_and_clean(name, raw, fmt if forced else None)


@pytest.mark.timeout(TEST_TIMEOUT)
@fuzz_settings(GZIP_EXAMPLES)
@given(case=mutated(built_seeds(), gzipped=True))
def test_mutated_inputs_gzipped(case: tuple[str, bytes]) -> None:
    read_and_clean(*case)


@pytest.mark.timeout(TEST_TIMEOUT)
@fuzz_settings(GZIP_EXAMPLES)
@given(case=corrupted_gzip(built_seeds()))
def test_corrupted_gzip_streams(case: tuple[str, bytes]) -> None:
    read_and_clean(*case)


@pytest.mark.timeout(TEST_TIMEOUT)
@fuzz_settings(FILES_EXAMPLES)
@given(
    cases=st.lists(st.one_of(mutated(built_seeds()), mutated(built_seeds(), gzipped=True)),
                   min_size=1, max_size=4),
)  # fmt: skip
def test_read_inputs_turns_every_failure_into_a_problem(
    workdir: Path, cases: list[tuple[str, bytes]]
) -> None:
    """Through files on disk, as the CLI reads them: no exception escapes read_inputs."""
    note(repr(cases))
    folder = workdir / uuid.uuid4().hex
    folder.mkdir()
    paths = []
    for number, (name, data) in enumerate(cases):
        path = folder / f"{number}-{name}"
        path.write_bytes(data)
        paths.append(str(path))
    for item in read_inputs(paths, SETTINGS):
        assert isinstance(item, Article | Problem)
        if isinstance(item, Problem):
            check_message(str(item))
            assert any(item.where.startswith(p) for p in paths), item.where
