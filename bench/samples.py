"""Ingest throughput on the bundled sample corpus (every input format), full and without NLP.

    python bench/samples.py

Models load before the clock starts; each run ingests into a fresh temporary store.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from pathlib import Path

from sitrep.analysis import Analyzer
from sitrep.config import Settings
from sitrep.pipeline import ingest
from sitrep.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "samples"


def measure(settings: Settings) -> tuple[int, float, float]:
    """(documents stored, wall seconds, CPU seconds) for one ingest of the samples."""
    analyzer = Analyzer(settings)
    analyzer.warm()
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "s.duckdb") as store:
        wall, cpu = time.perf_counter(), time.process_time()
        report = ingest([str(SAMPLES)], store, settings, analyzer=analyzer)
        return report.stored, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    """Print documents per second for the full pipeline and for ingest without NLP."""
    base = Settings()
    for label, settings in (("full pipeline", base), ("no NLP", replace(base, extract=False))):
        stored, wall, cpu = measure(settings)
        print(f"{label:14} {stored} documents in {wall:.1f} s: {stored / wall:.1f} documents/s "
              f"({stored / cpu:.1f} per CPU-second)")  # fmt: skip


if __name__ == "__main__":
    main()
