"""Occurrences: each real-world happening once, with its reports, sources and accounts.

Every count can be taken as of a day (`as_of`): only reports published by then count, and
an occurrence nobody had reported by then is left out, so a question about the past gets
the answer it would have got then.

For briefings: `list_occurrences(store, actor=..., since=..., until=..., as_of=...,
min_sources=2, with_accounts=True)` (or `documents=` a story's document ids) gives each
happening once with its independent sources, first report and disputed figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sitrep.errors import NotFoundError
from sitrep.query.filters import Where
from sitrep.store import Store

STATUSES = ("happened", "denied", "unrealised")
# Members reported by a day (all when the day is NULL), rolled up per occurrence.
MEMBERS = """
SELECT oe.occurrence_id, count(*) AS n_mentions, count(DISTINCT oe.doc_id) AS n_reports,
       count(DISTINCT oe.origin) AS n_independent_sources,
       min(oe.reported) AS first_reported, arg_min(oe.outlet, oe.reported) AS first_outlet,
       arg_min(oe.doc_id, oe.reported) AS first_doc_id,
       list(oe.outlet ORDER BY oe.reported) FILTER (WHERE oe.outlet IS NOT NULL) AS outlets,
       min(oe.date_start) FILTER (WHERE oe.precision <> 'undated') AS dated_from,
       min(oe.reported_date) AS first_reported_date
FROM occurrence_events oe
WHERE ?::DATE IS NULL OR oe.reported_date <= ?::DATE
GROUP BY oe.occurrence_id
"""
# The day an occurrence is filed under: its own day, else its members' first, else its report.
DAY = "coalesce(try_cast(o.date AS DATE), m.dated_from, m.first_reported_date)"
COLUMNS = f"""o.id, o.type, o.status, o.date, o.precision, {DAY} AS day, o.source, o.source_id,
    o.target, o.target_id, o.location, o.location_id, o.lat, o.lon, o.disputed,
    m.n_mentions, m.n_reports, m.n_independent_sources, m.first_reported, m.first_outlet,
    m.first_doc_id, m.outlets"""


def list_occurrences(
    store: Store,
    actor: str | None = None,
    other: str | None = None,
    type: str | None = None,
    since: date | None = None,
    until: date | None = None,
    as_of: date | None = None,
    status: str | None = "happened",
    min_sources: int = 1,
    with_accounts: bool = False,
    limit: int = 50,
    offset: int = 0,
    documents: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Occurrences newest first (by when they happened), with their counts as of a day.

    `actor` on either side (with `other` on the other); `since`/`until` bound when it
    happened; `as_of` keeps only what had been reported by that day and counts reports and
    independent sources then; `min_sources` keeps the better corroborated ones;
    `with_accounts` adds each occurrence's accounts (figures, blame) side by side;
    `documents` keeps the occurrences these documents report (a story's, for a briefing).
    """
    where = _where(actor, other, type, status, min_sources)
    where.dates(DAY, since, until)
    if documents is not None:
        where.add(
            "o.id IN (SELECT occurrence_id FROM occurrence_events WHERE doc_id IN "
            "(SELECT unnest(?::VARCHAR[])))",
            list(documents),
        )
    rows = store.query(
        f"""SELECT {COLUMNS} FROM occurrences o JOIN ({MEMBERS}) m ON m.occurrence_id = o.id
            WHERE {where.sql()} ORDER BY day DESC NULLS LAST, m.first_reported, o.id
            LIMIT ? OFFSET ?""",
        [as_of, as_of, *where.params, limit, offset],
    )
    found = [_tidy(row, as_of) for row in rows]
    if with_accounts:
        accounts = occurrence_accounts(store, [row["id"] for row in found], as_of)
        for row in found:
            row["accounts"] = accounts.get(row["id"], [])
    return found


def _where(
    actor: str | None, other: str | None, type: str | None, status: str | None, min_sources: int
) -> Where:
    where = Where()
    if actor and other:
        where.add(
            "(o.source_id = ? AND o.target_id = ?) OR (o.source_id = ? AND o.target_id = ?)",
            actor, other, other, actor,
        )  # fmt: skip
    elif actor or other:
        where.add("o.source_id = ? OR o.target_id = ?", actor or other, actor or other)
    if type:
        where.add("o.type = ?", type.upper())
    if status:
        where.add("o.status = ?", status)
    if min_sources > 1:
        where.add("m.n_independent_sources >= ?", min_sources)
    return where


def _tidy(row: dict[str, Any], as_of: date | None) -> dict[str, Any]:
    """Outlets once each, in the order they first reported; the first report as one record."""
    row["outlets"] = list(dict.fromkeys(row["outlets"] or []))
    row["first_report"] = {
        "doc_id": row.pop("first_doc_id"), "outlet": row.pop("first_outlet"),
        "reported": row.pop("first_reported"),
    }  # fmt: skip
    row["as_of"] = as_of
    return row


def get_occurrence(store: Store, occurrence_id: str, as_of: date | None = None) -> dict[str, Any]:
    """One occurrence with its reports (one per article, its events' sentences) and accounts."""
    rows = store.query(
        f"""SELECT {COLUMNS} FROM occurrences o JOIN ({MEMBERS}) m ON m.occurrence_id = o.id
            WHERE o.id = ?""",
        [as_of, as_of, occurrence_id],
    )
    if not rows:
        when = f" as of {as_of}" if as_of else ""
        raise NotFoundError(f"no occurrence {occurrence_id!r}{when}")
    found = _tidy(rows[0], as_of)
    found["reports"] = occurrence_reports(store, occurrence_id, as_of)
    found["accounts"] = occurrence_accounts(store, [occurrence_id], as_of).get(occurrence_id, [])
    return found


def occurrence_reports(
    store: Store, occurrence_id: str, as_of: date | None = None
) -> list[dict[str, Any]]:
    """The articles reporting an occurrence, first first: outlet, time, origin, sentences."""
    rows = store.query(
        """SELECT oe.doc_id, d.title, d.url, oe.outlet, oe.reported, oe.origin, p.via,
                  list(DISTINCT e.sentence) AS sentences, list(oe.event_id) AS event_ids
           FROM occurrence_events oe JOIN documents d ON d.id = oe.doc_id
           JOIN events e ON e.id = oe.event_id
           LEFT JOIN provenance p ON p.doc_id = oe.doc_id
           WHERE oe.occurrence_id = ? AND (?::DATE IS NULL OR oe.reported_date <= ?::DATE)
           GROUP BY ALL ORDER BY oe.reported NULLS LAST, oe.doc_id""",
        [occurrence_id, as_of, as_of],
    )
    cited = _citations(store, [r["doc_id"] for r in rows])
    for row in rows:
        row["attributions"] = cited.get(row["doc_id"], [])
    return rows


def _citations(store: Store, doc_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    rows = store.query(
        """SELECT doc_id, outlet, outlet_key, kind, cue FROM attributions
           WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id, char_start""",
        [doc_ids],
    )
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        found[row.pop("doc_id")].append(row)
    return found


def occurrence_accounts(
    store: Store, occurrence_ids: list[str], as_of: date | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Per occurrence, its accounts side by side: one entry per kind and value, with the
    reports and independent sources that give it, and whether the kind is disputed."""
    rows = store.query(
        """SELECT occurrence_id, kind, lower(value) AS key, any_value(value) AS value,
                  any_value(number) AS number, any_value(qualifier) AS qualifier,
                  any_value(actor_id) AS actor_id, count(DISTINCT doc_id) AS reports,
                  count(DISTINCT origin) AS sources,
                  list(DISTINCT outlet) FILTER (WHERE outlet IS NOT NULL) AS outlets,
                  min(reported) AS first_reported
           FROM accounts
           WHERE occurrence_id IN (SELECT unnest(?))
                 AND (?::DATE IS NULL OR reported_date <= ?::DATE)
           GROUP BY occurrence_id, kind, key ORDER BY occurrence_id, kind, first_reported""",
        [occurrence_ids, as_of, as_of],
    )
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    values: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        values[(row["occurrence_id"], row["kind"])] += 1
    for row in rows:
        row.pop("key")
        row["disputed"] = values[(row["occurrence_id"], row["kind"])] > 1
        found[row.pop("occurrence_id")].append(row)
    return found


def occurrence_counts(
    store: Store, event_ids: list[str], as_of: date | None = None
) -> dict[str, dict[str, Any]]:
    """For events, their occurrence and its reports and independent sources as of a day."""
    rows = store.query(
        f"""SELECT oe.event_id, m.occurrence_id, m.n_reports, m.n_independent_sources,
                   m.first_reported
            FROM occurrence_events oe JOIN ({MEMBERS}) m ON m.occurrence_id = oe.occurrence_id
            WHERE oe.event_id IN (SELECT unnest(?))""",
        [as_of, as_of, event_ids],
    )
    return {row.pop("event_id"): row for row in rows}
