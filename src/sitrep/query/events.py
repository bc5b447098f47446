"""Events: who did what to whom, where and when, and how sure the text is that it happened."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.query.filters import RECORD_DAY, Where
from sitrep.query.occurrences import MEMBERS
from sitrep.store import Store

# Modalities of events the text does not say happened; left out unless asked for.
UNREALISED = ("hypothetical", "intended", "undecided", "denied", "negated")
DAY = RECORD_DAY.format(record="e")
EVENT_COLUMNS = f"""e.id, e.doc_id, e.type, e.trigger, e.source, e.source_id, e.source_code,
    e.target, e.target_id, e.target_code, e.location, e.location_id, e.lat, e.lon,
    e.modality, e.negated, e.sentence, e.char_start AS start, e.char_end AS "end",
    e.cameo, e.goldstein, {DAY} AS day, d.published, d.title, d.source AS outlet,
    oe.occurrence_id, m.n_reports, m.n_independent_sources"""
# Each event's occurrence and its counts as of a day (the two placeholders: that day).
OCCURRENCE_JOIN = f"""LEFT JOIN occurrence_events oe ON oe.event_id = e.id
    LEFT JOIN ({MEMBERS}) m ON m.occurrence_id = oe.occurrence_id"""


def list_events(
    store: Store,
    actor: str | None = None,
    other: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    since: date | None = None,
    until: date | None = None,
    include_hypothetical: bool = False,
    limit: int = 50,
    offset: int = 0,
    as_of: date | None = None,
) -> list[dict[str, Any]]:
    """Events newest first: an actor as source or target (with `other` on the other side).

    Hypothetical, intended, undecided, denied and negated events are left out unless
    `include_hypothetical` is set or their modality is asked for.  With `as_of`, only
    events reported (published) by that day, and their occurrences' counts then.
    """
    where = Where()
    _between(where, actor, other)
    if type:
        where.add("e.type = ?", type.upper())
    if modality:
        where.add("e.modality = ?", modality.lower())
    elif not include_hypothetical:
        where.add("NOT e.negated AND NOT list_contains(?, e.modality)", list(UNREALISED))
    where.dates(DAY, since, until)
    where.dates("d.published_date", None, as_of)
    return store.query(
        f"""SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc_id
            {OCCURRENCE_JOIN}
            WHERE {where.sql()} ORDER BY day DESC NULLS LAST, e.doc_id, e.char_start
            LIMIT ? OFFSET ?""",
        [as_of, as_of, *where.params, limit, offset],
    )


def _between(where: Where, actor: str | None, other: str | None) -> None:
    if actor and other:
        where.add(
            "(e.source_id = ? AND e.target_id = ?) OR (e.source_id = ? AND e.target_id = ?)",
            actor, other, other, actor,
        )  # fmt: skip
    elif actor or other:
        where.add("e.source_id = ? OR e.target_id = ?", actor or other, actor or other)
