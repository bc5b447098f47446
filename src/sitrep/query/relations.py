"""Relations: the stance of one actor toward another, week by week, and the graph of them all."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sitrep.query.filters import RECORD_DAY, Where
from sitrep.store import Store

# Evidence spans kept per week of a relation: enough to read why, small enough to send.
EVIDENCE_PER_WEEK = 5
# Edges drawn by default: the most evidenced pairs; a browser graph past ~500 is unreadable.
GRAPH_EDGES = 300
DAY = RECORD_DAY.format(record="s")
WEEK = f"date_trunc('week', {DAY})"  # Monday of the week, as week_of() below


def relations(
    store: Store, a: str, b: str | None = None, evidence_per_week: int = EVIDENCE_PER_WEEK
) -> list[dict[str, Any]]:
    """Stances between a and b (both directions), or all of a's: weekly means with evidence.

    1. weekly sums and counts per directed pair, in SQL;
    2. the first few evidence spans of each week, cut from their documents;
    3. both joined into one record per pair, the most evidenced pairs first.
    """
    where = _pair(a, b)
    # 1. weeks
    weeks = store.query(
        f"""SELECT s.source_id, coalesce(es.name, any_value(s.source)) AS source, s.target_id,
                   coalesce(et.name, any_value(s.target)) AS target, {WEEK} AS week,
                   sum(s.stance) AS total, count(*) AS records, min({DAY}) AS first,
                   max({DAY}) AS last
            FROM stances s JOIN documents d ON d.id = s.doc_id
            LEFT JOIN entities es ON es.id = s.source_id
            LEFT JOIN entities et ON et.id = s.target_id
            WHERE {where.sql()}
            GROUP BY s.source_id, es.name, s.target_id, et.name, week
            ORDER BY week NULLS FIRST""",
        where.params,
    )
    # 2. evidence
    evidence: dict[tuple[str, str, date | None], list[dict[str, Any]]] = defaultdict(list)
    for span in _evidence(store, where, evidence_per_week):
        key = (span.pop("source_id"), span.pop("target_id"), span.pop("week"))
        if len(evidence[key]) < evidence_per_week:
            evidence[key].append(span)
    # 3. pairs
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for week in weeks:
        key = (week["source_id"], week["target_id"], week["week"])
        pairs[key[:2]].append({**week, "evidence": evidence.get(key, [])})
    rolled = [_relation(rows) for rows in pairs.values()]
    return sorted(rolled, key=lambda r: (-r["records"], r["source"], r["target"]))


def _pair(a: str, b: str | None) -> Where:
    where = Where()
    if b is None:
        where.add("s.source_id = ? OR s.target_id = ?", a, a)
    else:
        where.add(
            "(s.source_id = ? AND s.target_id = ?) OR (s.source_id = ? AND s.target_id = ?)",
            a, b, b, a,
        )  # fmt: skip
    return where


def _evidence(store: Store, where: Where, per_week: int) -> list[dict[str, Any]]:
    return store.query(
        f"""WITH ranked AS (
              SELECT s.source_id, s.target_id, s.doc_id, s.evidence, {DAY} AS day, {WEEK} AS week,
                     row_number() OVER (PARTITION BY s.source_id, s.target_id, {WEEK}
                                        ORDER BY {DAY}, s.doc_id) AS n
              FROM stances s JOIN documents d ON d.id = s.doc_id WHERE {where.sql()})
            SELECT r.source_id, r.target_id, r.week, r.doc_id, r.day, span[1] AS start,
                   span[2] AS "end", substring(d.text, span[1] + 1, span[2] - span[1]) AS text
            FROM ranked r, unnest(r.evidence) AS spans(span), documents d
            WHERE r.n <= ? AND d.id = r.doc_id ORDER BY r.day, r.doc_id, start""",
        [*where.params, per_week],
    )


def _relation(weeks: list[dict[str, Any]]) -> dict[str, Any]:
    total = sum(w["total"] for w in weeks)
    records = sum(w["records"] for w in weeks)
    firsts = [w["first"] for w in weeks if w["first"] is not None]
    lasts = [w["last"] for w in weeks if w["last"] is not None]
    head = weeks[0]
    return {
        "source_id": head["source_id"], "source": head["source"],
        "target_id": head["target_id"], "target": head["target"],
        "stance": round(total / records, 3), "records": records,
        "first": min(firsts, default=None), "last": max(lasts, default=None),
        "weeks": [
            {"week": w["week"], "stance": round(w["total"] / w["records"], 3),
             "records": w["records"], "evidence": w["evidence"]}
            for w in weeks
        ],
    }  # fmt: skip


def week_of(day: date | None) -> date | None:
    """The Monday starting the week of a day (as DuckDB's date_trunc('week', ...))."""
    return day - timedelta(days=day.weekday()) if day is not None else None


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
