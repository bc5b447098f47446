"""The stance graph, read back with networkx from GraphML and GEXF."""

from __future__ import annotations

import networkx as nx
import pytest

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_stance_graph_reads_back(run_export, tmp_path, fmt):
    out = tmp_path / f"stances.{fmt}"
    result = run_export("--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"wrote 3 edges to {out}" in result.stderr
    graph = READERS[fmt](out)
    assert graph.is_directed()
    assert set(graph.nodes) == {"vladimir-putin", "hakan-fidan", "UKR", "european-union", "RUS"}
    putin = graph.nodes["vladimir-putin"]
    assert (putin["name"], putin["type"], putin["country"], putin["code"]) == (
        "Vladimir Putin", "PERSON", "RUS", "RUSGOV",
    )  # fmt: skip
    assert graph.nodes["european-union"]["country"] == ""
    # two stance records, one in each document: mean 0.3, first and last dates
    edge = graph.edges["vladimir-putin", "hakan-fidan"]
    assert edge["mean_stance"] == pytest.approx(0.3)
    assert int(edge["count"]) == int(edge["reports"]) == int(edge["weight"]) == 2
    assert (edge["first_date"], edge["last_date"]) == ("2025-01-05", "2025-02-11")
    # the stance without a date of its own takes its document's publication day
    assert graph.edges["european-union", "RUS"]["first_date"] == "2025-02-10"
    assert graph.edges["vladimir-putin", "UKR"]["mean_stance"] == pytest.approx(-0.75)
    assert not graph.has_edge("hakan-fidan", "vladimir-putin")


def test_window_limits_the_graph(run_export, tmp_path):
    out = tmp_path / "jan.graphml"
    assert (
        run_export("--format", "graphml", "--out", str(out), "--until", "2025-01-31").exit_code == 0
    )
    graph = nx.read_graphml(out)
    assert set(graph.edges) == {("vladimir-putin", "hakan-fidan"), ("vladimir-putin", "UKR")}
    assert int(graph.edges["vladimir-putin", "hakan-fidan"]["count"]) == 1
