"""Relations: the stance of one actor toward another, week by week, and the graph of them all."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from statistics import fmean
from typing import Any

from sitrep.query.filters import RECORD_DAY, Where
from sitrep.store import Store

# Evidence spans kept per week of a relation: enough to read why, small enough to send.
EVIDENCE_PER_WEEK = 5
# Edges drawn by default: the most evidenced pairs; a browser graph past ~500 is unreadable.
GRAPH_EDGES = 300
DAY = RECORD_DAY.format(record="s")


def relations(
    store: Store, a: str, b: str | None = None, evidence_per_week: int = EVIDENCE_PER_WEEK
) -> list[dict[str, Any]]:
    """Stances between a and b (both directions), or all of a's: weekly means with evidence."""
    where = Where()
    if b is None:
        where.add("s.source_id = ? OR s.target_id = ?", a, a)
    else:
        where.add(
            "(s.source_id = ? AND s.target_id = ?) OR (s.source_id = ? AND s.target_id = ?)",
            a, b, b, a,
        )  # fmt: skip
    rows = store.query(
        f"""SELECT s.source_id, coalesce(es.name, s.source) AS source, s.target_id,
                   coalesce(et.name, s.target) AS target, s.stance, s.doc_id, {DAY} AS day,
                   list_transform(coalesce(s.evidence, []), lambda ev: {{
                       'start': ev[1], 'end': ev[2],
                       'text': substring(d.text, ev[1] + 1, ev[2] - ev[1])}}) AS evidence
            FROM stances s JOIN documents d ON d.id = s.doc_id
            LEFT JOIN entities es ON es.id = s.source_id
            LEFT JOIN entities et ON et.id = s.target_id
            WHERE {where.sql()} ORDER BY day NULLS FIRST, s.doc_id""",
        where.params,
    )
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        pairs[(row["source_id"], row["target_id"])].append(row)
    rolled = [_relation(records, evidence_per_week) for records in pairs.values()]
    return sorted(rolled, key=lambda r: (-r["records"], r["source"], r["target"]))


def _relation(records: list[dict[str, Any]], evidence_per_week: int) -> dict[str, Any]:
    weeks: dict[date | None, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        weeks[week_of(record["day"])].append(record)
    days = [r["day"] for r in records if r["day"] is not None]
    first = records[0]
    return {
        "source_id": first["source_id"], "source": first["source"],
        "target_id": first["target_id"], "target": first["target"],
        "stance": _mean(r["stance"] for r in records), "records": len(records),
        "first": min(days, default=None), "last": max(days, default=None),
        "weeks": [_week(week, rows, evidence_per_week) for week, rows in weeks.items()],
    }  # fmt: skip


def _week(week: date | None, rows: list[dict[str, Any]], cap: int) -> dict[str, Any]:
    evidence = [
        {**span, "doc_id": row["doc_id"], "day": row["day"]}
        for row in rows
        for span in row["evidence"]
    ]
    return {
        "week": week, "stance": _mean(r["stance"] for r in rows), "records": len(rows),
        "evidence": evidence[:cap],
    }  # fmt: skip


def week_of(day: date | None) -> date | None:
    """The Monday starting the week of a day (as DuckDB's date_trunc('week', ...))."""
    return day - timedelta(days=day.weekday()) if day is not None else None


def _mean(values: Iterable[float]) -> float:
    return round(fmean(values), 3)


def relation_graph(
    store: Store, actor: str | None = None, limit: int = GRAPH_EDGES
) -> dict[str, list[dict[str, Any]]]:
    """Actors as nodes and directed, signed, weighted stance edges (mean stance, record count)."""
    where = Where()
    if actor:
        where.add("source_id = ? OR target_id = ?", actor, actor)
    edges = store.query(
        f"""SELECT source_id AS source, target_id AS target, round(avg(stance), 3) AS stance,
                   count(*) AS weight
            FROM stances WHERE {where.sql()}
            GROUP BY ALL ORDER BY weight DESC, source, target LIMIT ?""",
        [*where.params, limit],
    )
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = store.query(
        """SELECT i.id, coalesce(e.name, i.id) AS name, e.type, e.country,
                  (SELECT count(*) FROM mentions m WHERE m.entity_id = i.id) AS mentions
           FROM (SELECT unnest(?::VARCHAR[]) AS id) i LEFT JOIN entities e ON e.id = i.id
           ORDER BY i.id""",
        [ids],
    )
    return {"nodes": nodes, "edges": edges}
