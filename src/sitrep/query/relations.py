"""Relations: the stance of one actor toward another, week by week, and the graph of them all."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sitrep.query.filters import RECORD_DAY, Where
from sitrep.query.occurrences import MEMBERS
from sitrep.store import Store

# Evidence spans kept per week of a relation: enough to read why, small enough to send.
EVIDENCE_PER_WEEK = 5
# Edges drawn by default: the most evidenced pairs; a browser graph past ~500 is unreadable.
GRAPH_EDGES = 300
DAY = RECORD_DAY.format(record="s")
WEEK = f"date_trunc('week', {DAY})"  # Monday of the week, as week_of() below


def relations(
    store: Store,
    a: str,
    b: str | None = None,
    evidence_per_week: int = EVIDENCE_PER_WEEK,
    as_of: date | None = None,
) -> list[dict[str, Any]]:
    """Stances between a and b (both directions), or all of a's: weekly means with evidence.

    A week's stance is the mean over independent sources (a wire story and its copies
    count once); `occurrences` counts the happenings (events merged across reports) from
    one to the other.  With `as_of`, only what had been published by that day.

    1. weekly means per directed pair and independent source, in SQL;
    2. the first few evidence spans of each week, cut from their documents;
    3. both joined into one record per pair, the most evidenced pairs first.
    """
    where = _pair(a, b)
    where.dates("d.published_date", None, as_of)
    # 1. weeks
    weeks = store.query(
        f"""WITH per_source AS (
              SELECT s.source_id, any_value(s.source) AS source, s.target_id,
                     any_value(s.target) AS target, {WEEK} AS week,
                     coalesce(p.origin, d.cluster_id, d.id) AS source_key, avg(s.stance) AS stance,
                     count(*) AS records, min({DAY}) AS first, max({DAY}) AS last
              FROM stances s JOIN documents d ON d.id = s.doc_id
              LEFT JOIN provenance p ON p.doc_id = s.doc_id
              WHERE {where.sql()}
              GROUP BY s.source_id, s.target_id, week, source_key)
            SELECT r.source_id, coalesce(es.name, any_value(r.source)) AS source, r.target_id,
                   coalesce(et.name, any_value(r.target)) AS target, r.week,
                   sum(r.stance) AS total, sum(r.records) AS records, min(r.first) AS first,
                   max(r.last) AS last, list(r.source_key) AS origins
            FROM per_source r
            LEFT JOIN entities es ON es.id = r.source_id
            LEFT JOIN entities et ON et.id = r.target_id
            GROUP BY r.source_id, es.name, r.target_id, et.name, r.week
            ORDER BY r.week NULLS FIRST""",
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
    happened = occurrence_pairs(store, a, b, as_of)
    rolled = [_relation(rows, happened) for rows in pairs.values()]
    return sorted(rolled, key=lambda r: (-r["records"], r["source"], r["target"]))


def occurrence_pairs(
    store: Store, a: str, b: str | None = None, as_of: date | None = None
) -> dict[tuple[str, str], int]:
    """How many happenings (occurrences, not reports) each directed pair has, as of a day."""
    where = _pair(a, b, "o")
    rows = store.query(
        f"""SELECT o.source_id, o.target_id, count(*) AS occurrences
            FROM occurrences o JOIN ({MEMBERS}) m ON m.occurrence_id = o.id
            WHERE o.status = 'happened' AND {where.sql()} GROUP BY ALL""",
        [as_of, as_of, *where.params],
    )
    return {(r["source_id"], r["target_id"]): int(r["occurrences"]) for r in rows}


def _pair(a: str, b: str | None, table: str = "s") -> Where:
    where = Where()
    if b is None:
        where.add(f"{table}.source_id = ? OR {table}.target_id = ?", a, a)
    else:
        where.add(
            f"({table}.source_id = ? AND {table}.target_id = ?) OR "
            f"({table}.source_id = ? AND {table}.target_id = ?)",
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


def _relation(weeks: list[dict[str, Any]], happened: dict[tuple[str, str], int]) -> dict[str, Any]:
    total = sum(w["total"] for w in weeks)
    sources = sum(len(w["origins"]) for w in weeks)
    records = sum(w["records"] for w in weeks)
    firsts = [w["first"] for w in weeks if w["first"] is not None]
    lasts = [w["last"] for w in weeks if w["last"] is not None]
    head = weeks[0]
    return {
        "source_id": head["source_id"], "source": head["source"],
        "target_id": head["target_id"], "target": head["target"],
        "stance": round(total / sources, 3), "records": records,
        "sources": len({o for w in weeks for o in w["origins"]}),
        "occurrences": happened.get((head["source_id"], head["target_id"]), 0),
        "first": min(firsts, default=None), "last": max(lasts, default=None),
        "weeks": [
            {"week": w["week"], "stance": round(w["total"] / len(w["origins"]), 3),
             "records": w["records"], "sources": len(w["origins"]), "evidence": w["evidence"]}
            for w in weeks
        ],
    }  # fmt: skip


def week_of(day: date | None) -> date | None:
    """The Monday starting the week of a day (as DuckDB's date_trunc('week', ...))."""
    return day - timedelta(days=day.weekday()) if day is not None else None


def relation_graph(
    store: Store, actor: str | None = None, limit: int = GRAPH_EDGES
) -> dict[str, list[dict[str, Any]]]:
    """Actors as nodes and directed, signed, weighted stance edges.

    An edge's stance is the mean of its records; its weight the reports they come from,
    near-duplicate copies (one `cluster_id`) counted once; `records` the rows themselves.
    """
    where = Where()
    if actor:
        where.add("s.source_id = ? OR s.target_id = ?", actor, actor)
    edges = store.query(
        f"""SELECT s.source_id AS source, s.target_id AS target,
                   round(avg(s.stance), 3) AS stance,
                   count(DISTINCT coalesce(d.cluster_id, d.id)) AS weight, count(*) AS records
            FROM stances s JOIN documents d ON d.id = s.doc_id WHERE {where.sql()}
            GROUP BY ALL ORDER BY weight DESC, records DESC, source, target LIMIT ?""",
        [*where.params, limit],
    )
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = store.query(
        """SELECT i.id, coalesce(e.name, i.id) AS name, e.type, e.country,
                  coalesce(m.mentions, 0) AS mentions
           FROM (SELECT unnest(?::VARCHAR[]) AS id) i LEFT JOIN entities e ON e.id = i.id
           LEFT JOIN entity_mentions m ON m.entity_id = i.id
           ORDER BY i.id""",
        [ids],
    )
    return {"nodes": nodes, "edges": edges}
