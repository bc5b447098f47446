"""Building blocks for read queries: a WHERE clause with its parameters, dates, LIKE patterns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# The day a record belongs to: its own date when it has a full one, else its document's.
RECORD_DAY = "coalesce(try_cast(left({record}.date, 10) AS DATE), d.published_date)"


@dataclass
class Where:
    """SQL conditions joined by AND, with their positional parameters in order."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        """Add a condition and the values of its placeholders."""
        self.clauses.append(clause)
        self.params.extend(params)

    def dates(self, column: str, since: date | None, until: date | None) -> None:
        """Keep rows whose `column` falls within [since, until] (either end may be open)."""
        if since is not None:
            self.add(f"{column} >= ?", since)
        if until is not None:
            self.add(f"{column} <= ?", until)

    def sql(self) -> str:
        """The conditions as SQL ('true' when there are none)."""
        return " AND ".join(f"({clause})" for clause in self.clauses) or "true"


def contains_pattern(text: str) -> str:
    r"""An ILIKE pattern (with ESCAPE '\') matching any value that contains `text`."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
