"""Hypothesis strategies: mutated seeds, raw bytes, and the settings every fuzz test runs under."""

from __future__ import annotations

import gzip
import os
from collections.abc import Sequence
from datetime import timedelta

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st

from tests.fuzz.corpus import DICTIONARY, KINDS, Mutation, Seed, mutate

# Each example is bounded: a reader call that takes this long fails the test (Hypothesis
# re-runs it to make sure); a real hang is cut by the test's pytest-timeout.
READ_DEADLINE = timedelta(seconds=5)
# The NLP pipeline is slower and its first call may warm caches.
EXTRACT_DEADLINE = timedelta(seconds=20)
# SITREP_FUZZ_SCALE=20 runs twenty times the examples, from a random seed each time (a
# longer local search; not a setting).  At scale 1, in `make test`, the examples are the
# same on every run: the suite is a fixed, reproducible set and never fails at random.
SCALE = max(int(os.environ.get("SITREP_FUZZ_SCALE", "1")), 1)
# pytest-timeout for a whole fuzz test: a hang anywhere fails it instead of stalling the suite.
TEST_TIMEOUT = 120 * SCALE


def fuzz_settings(examples: int, deadline: timedelta = READ_DEADLINE) -> settings:
    """Bounded runs, no example database in the working tree, fixed examples at scale 1."""
    return settings(
        max_examples=examples * SCALE, deadline=deadline, database=None, print_blob=True,
        derandomize=SCALE == 1,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )  # fmt: skip


def mutations(length: int, max_size: int = 6) -> st.SearchStrategy[list[Mutation]]:
    """Byte flips, truncations, insertions (random or parser tokens), deletions, duplicates,
    at positions spread over an input of `length` bytes."""
    payload = st.one_of(st.sampled_from(DICTIONARY), st.binary(min_size=1, max_size=24))
    one = st.tuples(st.sampled_from(KINDS), st.integers(0, max(length, 1)), st.integers(1, 512),
                    payload)  # fmt: skip
    return st.lists(one, min_size=1, max_size=max_size)


@st.composite
def mutated(draw: st.DrawFn, seeds: Sequence[Seed], gzipped: bool = False) -> tuple[str, bytes]:
    """A file name and a mutated seed (gzipped after mutation when asked)."""
    seed = draw(st.sampled_from(seeds))
    data = mutate(seed.data, draw(mutations(len(seed.data))))
    event(f"mutated {seed.fmt}{' gzipped' if gzipped else ''}")  # counted in the statistics
    if gzipped:
        return seed.name + ".gz", gzip.compress(data, mtime=0)
    return seed.name, data


@st.composite
def corrupted_gzip(draw: st.DrawFn, seeds: Sequence[Seed]) -> tuple[str, bytes]:
    """A seed gzipped, then mutated: broken headers, CRCs, lengths and deflate streams."""
    seed = draw(st.sampled_from(seeds))
    packed = gzip.compress(seed.data, mtime=0)
    event(f"corrupted gzip of {seed.fmt}")
    return seed.name + ".gz", mutate(packed, draw(mutations(len(packed), 3)))


def raw_bytes(max_size: int = 4096) -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, sometimes starting with a format's signature."""
    prefix = st.sampled_from((b"", b"WARC/1.0\r\n", b"<rss>", b"<feed>", b"{", b"<html>",
                              b"\x1f\x8b", b"\xef\xbb\xbf", b"\xff\xfe"))  # fmt: skip
    return st.builds(lambda p, b: p + b, prefix, st.binary(max_size=max_size))
