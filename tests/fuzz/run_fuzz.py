"""A longer, coverage-guided fuzz run over the readers and cleaning (`make fuzz`), with atheris.

    python -m tests.fuzz.run_fuzz                  # five minutes
    python -m tests.fuzz.run_fuzz --seconds 60 --jobs 2
    python -m tests.fuzz.run_fuzz -- -runs=1000    # anything after -- goes to libFuzzer

The first byte of each input picks the format (detected, or forced) and whether the rest
is gzipped before reading; the rest is the file.  The corpus starts from every seed of
tests/fuzz/corpus.py in every framing and grows in test-artifacts/fuzz/corpus; an input
that breaks a check (an exception other than InputError, a multi-line message, an
article without text, a document whose id is not its text's hash) is written to
test-artifacts/fuzz/ as crash-*, to be turned into a test in tests/fuzz/test_regressions.py.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["sitrep", "feedparser", "warcio"]):
    from sitrep.config import Settings
    from sitrep.ingest import FORMATS
    from tests.fuzz.corpus import DICTIONARY, built_seeds, clean_checked, read_checked, sample_seeds

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-artifacts" / "fuzz"
SETTINGS = Settings()
CHOICES = (None, *FORMATS)  # the first byte, modulo this, picks the format; bit 7 gzips
GZIP_BIT = 0x80
# Inputs up to 32 KB: every layout of the samples fits, and the run stays fast (the 96 KB
# sample WARC is left out; the built WARC seed has the same kinds of records).
MAX_LEN = 1 << 15
PER_INPUT_TIMEOUT = 10  # seconds; libFuzzer reports a slower input as a timeout


def one_input(data: bytes) -> None:
    """The fuzz target: read and clean one framed input, checking every promise."""
    if not data:
        return
    choice, body = data[0], data[1:]
    fmt = CHOICES[(choice & ~GZIP_BIT) % len(CHOICES)]
    if choice & GZIP_BIT:
        body = gzip.compress(body, mtime=0)
    articles, _ = read_checked(body, "fuzz-input", SETTINGS, fmt)
    clean_checked(articles, SETTINGS)


def frame(fmt: str | None, data: bytes, gzipped: bool = False) -> bytes:
    """An input for `one_input`: the format byte, then the file."""
    return bytes([CHOICES.index(fmt) | (GZIP_BIT if gzipped else 0)]) + data


def write_seeds(corpus: Path) -> int:
    """Put every seed into the corpus, detected and forced, plain and gzipped."""
    corpus.mkdir(parents=True, exist_ok=True)
    count = 0
    for seed in built_seeds() + sample_seeds():
        if len(seed.data) >= MAX_LEN:
            continue
        for fmt in (None, seed.fmt):
            for gzipped in (False, True):
                path = corpus / f"seed-{seed.name}-{fmt or 'auto'}{'-gz' if gzipped else ''}"
                path.write_bytes(frame(fmt, seed.data, gzipped))
                count += 1
    return count


def write_dictionary(path: Path) -> None:
    """The parser tokens as a libFuzzer dictionary (one quoted, escaped string per line)."""
    lines = ['"' + "".join(f"\\x{b:02x}" for b in token) + '"' for token in DICTIONARY]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


def main(argv: list[str]) -> None:
    """Seed the corpus, then hand over to libFuzzer for the given time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=300, help="total run time")
    parser.add_argument("--jobs", type=int, default=1, help="parallel fuzzing processes")
    parser.add_argument("--corpus", type=Path, default=OUT / "corpus")
    args, libfuzzer = parser.parse_known_args(argv[1:])
    libfuzzer = [a for a in libfuzzer if a != "--"]
    seeds = write_seeds(args.corpus)
    dictionary = OUT / "readers.dict"
    write_dictionary(dictionary)
    print(f"run_fuzz: {seeds} seeds in {args.corpus}, {args.seconds}s", file=sys.stderr)
    options = [
        f"-max_total_time={args.seconds}", f"-max_len={MAX_LEN}",
        f"-timeout={PER_INPUT_TIMEOUT}", "-rss_limit_mb=3072", f"-dict={dictionary}",
        f"-artifact_prefix={OUT}/", "-print_final_stats=1",
    ]  # fmt: skip
    if args.jobs > 1:
        options += [f"-fork={args.jobs}", "-ignore_crashes=1", "-ignore_timeouts=1"]
    atheris.Setup([argv[0], *options, *libfuzzer, str(args.corpus)], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
