"""The stance graph: actors as nodes, directed source -> target edges with their mean stance.

An edge's `count` is its stance records; its `weight` is `reports`, the documents they come
from with near-duplicate copies counted once, so a syndicated story does not weigh more.

Written with networkx as GraphML or GEXF.  The graph is built from stances aggregated in
DuckDB (one row per actor pair), so memory grows with the pairs, not with the records.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from sitrep.export.base import ExportReport, Window, record_day, stream_rows
from sitrep.store import Store

QUERY = """
SELECT s.source_id, s.target_id, any_value(s.source) AS source_text,
       any_value(s.target) AS target_text, avg(s.stance) AS mean_stance, count(*) AS count,
       count(DISTINCT coalesce(d.cluster_id, d.id)) AS reports,
       min({day}) AS first_date, max({day}) AS last_date,
       any_value(a.name) AS a_name, any_value(a.type) AS a_type,
       any_value(a.country) AS a_country, any_value(a.code) AS a_code,
       any_value(b.name) AS b_name, any_value(b.type) AS b_type,
       any_value(b.country) AS b_country, any_value(b.code) AS b_code
FROM stances s
JOIN documents d ON d.id = s.doc_id
LEFT JOIN entities a ON a.id = s.source_id
LEFT JOIN entities b ON b.id = s.target_id
WHERE {window}
GROUP BY s.source_id, s.target_id
ORDER BY s.source_id, s.target_id
"""
WRITERS: dict[str, Callable[[Any, Path], None]] = {
    "graphml": nx.write_graphml,
    "gexf": nx.write_gexf,
}


def stance_graph(store: Store, window: Window) -> nx.DiGraph:
    """Actors (name, type, country, code) and their stance edges in the window."""
    day = record_day("s")
    condition, params = window.sql(day)
    graph = nx.DiGraph(name="sitrep stance graph")
    for row in stream_rows(store, QUERY.format(day=day, window=condition), params):
        _add_actor(graph, row["source_id"], row, "a", row["source_text"])
        _add_actor(graph, row["target_id"], row, "b", row["target_text"])
        graph.add_edge(
            row["source_id"], row["target_id"], mean_stance=float(row["mean_stance"]),
            count=int(row["count"]), reports=int(row["reports"]), weight=int(row["reports"]),
            first_date=row["first_date"].isoformat(), last_date=row["last_date"].isoformat(),
        )  # fmt: skip
    return graph


def write_graph(store: Store, window: Window, path: Path, fmt: str) -> ExportReport:
    """Write the stance graph as GraphML or GEXF; the count is of edges."""
    graph = stance_graph(store, window)
    WRITERS[fmt](graph, path)
    return ExportReport(str(path), graph.number_of_edges())


def _add_actor(graph: nx.DiGraph, node: str, row: dict[str, Any], prefix: str, text: str) -> None:
    if node in graph:
        return
    name = row[f"{prefix}_name"] or text
    graph.add_node(
        node, label=name, name=name, type=row[f"{prefix}_type"] or "",
        country=row[f"{prefix}_country"] or "", code=row[f"{prefix}_code"] or "",
    )  # fmt: skip
