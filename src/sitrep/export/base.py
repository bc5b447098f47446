"""What every export shares: the date window, streamed rows, and atomic output files."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError, SitrepError
from sitrep.store import Store

# Rows fetched from DuckDB at a time: large enough to amortise the call, small in memory.
FETCH_ROWS = 2048
# The day a record is about: its own date, else its document's publication date, else
# the day the document was ingested, so every record has one and a window can place it.
DOC_DAY = "coalesce(d.published_date, CAST(d.ingested_at AS DATE))"


def record_day(alias: str) -> str:
    """SQL for the day of a record with a `date` column (alias) joined to documents (d)."""
    return f"coalesce(try_cast(left({alias}.date, 10) AS DATE), {DOC_DAY})"


@dataclass(frozen=True, slots=True)
class Window:
    """The days to export, both ends included (None: unbounded)."""

    since: date | None = None
    until: date | None = None

    def sql(self, day: str) -> tuple[str, list[Any]]:
        """A WHERE condition on the SQL expression `day`, and its parameters."""
        parts, params = ["true"], []
        if self.since:
            parts.append(f"{day} >= ?")
            params.append(self.since)
        if self.until:
            parts.append(f"{day} <= ?")
            params.append(self.until)
        return " AND ".join(parts), params


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export wrote: records written, and records left out with the reason."""

    path: str
    written: int
    skipped: int = 0
    skip_reason: str = ""


def parse_day(text: str | None, option: str) -> date | None:
    """An ISO date from a command-line option (ConfigError naming the option when it is not)."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError(f"{option}: {text!r} is not a date (use YYYY-MM-DD)") from None


def stream_rows(store: Store, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
    """Rows of a query as dicts, fetched in small batches on a cursor of their own."""
    cursor = store.connection.cursor()
    try:
        cursor.execute(sql, list(params))
        names = [d[0] for d in cursor.description or ()]
        while batch := cursor.fetchmany(FETCH_ROWS):
            for row in batch:
                yield dict(zip(names, row, strict=True))
    finally:
        cursor.close()


@contextmanager
def atomic_path(out: str | Path) -> Iterator[Path]:
    """A temporary path beside `out`, renamed to `out` only when the block succeeds."""
    target = Path(out)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    except OSError as exc:
        raise SitrepError(f"cannot write {out}: {exc.strerror or exc}") from None
    os.close(handle)
    temporary = Path(name)
    temporary.chmod(0o666 & ~_umask())  # mkstemp makes it private; give it a normal file's mode
    try:
        yield temporary
        os.replace(temporary, target)
    except OSError as exc:
        raise SitrepError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        temporary.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
