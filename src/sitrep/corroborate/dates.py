"""Valid time: when a mentioned event happened, as a span of days with a precision.

A report's own time (its publication) is kept apart; it only stands in for the valid time
when the sentence gives no date, and then as the few days up to the report's day.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sitrep.config import Settings

PRECISIONS = ("day", "week", "month")
WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
# A weekday named alone ("on Sunday", "early on Tuesday"): in a report it means the last such
# day up to and including the report's own day.
BARE_WEEKDAY = re.compile(
    r"^(?:(?:early|late)\s+)?(?:on\s+)?(?:(?:early|late)\s+)?"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|"
    r"evening|night))?$", re.I,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ValidTime:
    """The days an event may have happened on: [start, end], and how precise that is."""

    start: date
    end: date
    precision: str  # day, week, month, or undated (the days up to the report)
    middle: float = field(init=False, compare=False)  # day ordinal, half days allowed

    def __post_init__(self) -> None:
        object.__setattr__(self, "middle", (self.start.toordinal() + self.end.toordinal()) / 2)

    @property
    def label(self) -> str:
        """The ISO form of the span: 2025-03-02, 2025-W10 or 2025-03."""
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.strftime("%Y-%m")
        year, week, _ = self.start.isocalendar()
        return f"{year:04d}-W{week:02d}"


def valid_time(
    value: str | None, published: date | None, from_text: str | None, settings: Settings
) -> ValidTime | None:
    """The valid time of an event dated `value` in a report of `published`.

    `from_text` is the time expression the date came from (None when the extractor fell
    back on the publication day).  A year or coarser date says too little to corroborate:
    None.
    """
    if from_text is None or value is None:
        if published is None:
            return None
        start = published - timedelta(days=settings.corroborate_undated_days - 1)
        return ValidTime(start, published, "undated")
    parsed = parse_value(value)
    if parsed is None:
        return None
    if parsed.precision == "day" and published is not None:
        return _reanchored(parsed, published, from_text)
    return parsed


def parse_value(value: str) -> ValidTime | None:
    """A span from an ISO day, week (2025-W10) or month (2025-03); None for anything else."""
    try:
        if week := WEEK.match(value):
            monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return ValidTime(monday, monday + timedelta(days=6), "week")
        if month := MONTH.match(value):
            first = date(int(month[1]), int(month[2]), 1)
            last = first.replace(day=monthrange(first.year, first.month)[1])
            return ValidTime(first, last, "month")
        if day := DAY.match(value):
            found = date.fromisoformat(day[1])
            return ValidTime(found, found, "day")
    except ValueError:
        return None
    return None


def _reanchored(parsed: ValidTime, published: date, from_text: str) -> ValidTime:
    """A bare weekday read a week too early ('on Sunday' in a Sunday report) moves forward.

    Date parsers that prefer the past read the report's own weekday as the one a week
    before; news means the last such day up to and including the day of the report.
    """
    if not BARE_WEEKDAY.match(from_text.strip()):
        return parsed
    day = parsed.start
    while (published - day).days >= 7:
        day += timedelta(days=7)
    return ValidTime(day, day, "day")


def window(a: ValidTime, b: ValidTime, windows: Mapping[str, float]) -> float:
    """How many days apart the middles of two spans may be: the coarser precision's window."""
    return max(windows[a.precision], windows[b.precision])


def precision_windows(settings: Settings) -> dict[str, float]:
    """The window of each precision, from the settings."""
    return {
        "day": settings.corroborate_day_window,
        "week": settings.corroborate_week_window,
        "month": settings.corroborate_month_window,
        # the day's window around the middle of the days an undated report may speak of
        "undated": settings.corroborate_day_window + (settings.corroborate_undated_days - 1) / 2,
    }


def days_apart(a: ValidTime, b: ValidTime) -> float:
    """Days between the middles of two spans."""
    return abs(a.middle - b.middle)


def same_time(a: ValidTime, b: ValidTime, windows: Mapping[str, float]) -> bool:
    """True when two spans are close enough to be one happening (`precision_windows`)."""
    return days_apart(a, b) <= window(a, b, windows)
