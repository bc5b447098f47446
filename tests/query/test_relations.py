"""Relations: stance records rolled up by week with evidence, and the relations graph."""

from __future__ import annotations

from datetime import date

from sitrep.query.documents import get_document
from sitrep.query.relations import relation_graph, relations, week_of


def test_stance_between_two_actors_both_ways_by_week(store):
    found = relations(store, "SYR", "RUS")
    assert [(r["source_id"], r["target_id"], r["stance"], r["records"]) for r in found] == [
        ("SYR", "RUS", 0.75, 2),
        ("RUS", "SYR", 0.5, 1),
    ]
    syria = found[0]
    assert (syria["first"], syria["last"]) == (date(2024, 12, 29), date(2025, 1, 28))
    assert [(w["week"], w["stance"], w["records"]) for w in syria["weeks"]] == [
        (date(2024, 12, 23), 1.0, 1),
        (date(2025, 1, 27), 0.5, 1),
    ]


def test_evidence_is_the_span_of_the_document_it_rests_on(store):
    for relation in relations(store, "UKR"):
        for week in relation["weeks"]:
            for span in week["evidence"]:
                text = get_document(store, span["doc_id"])["text"]
                assert text[span["start"] : span["end"]] == span["text"]
    evidence = relations(store, "UKR", "RUS")[0]["weeks"][0]["evidence"]
    assert evidence[0]["text"] == "based on violence and torture"


def test_all_relations_of_one_actor(store):
    pairs = {(r["source_id"], r["target_id"]) for r in relations(store, "SYR")}
    assert pairs == {
        ("SYR", "RUS"), ("RUS", "SYR"), ("SYR", "IRN"), ("IRN", "SYR"), ("UKR", "SYR"),
    }  # fmt: skip
    assert relations(store, "al-jazeera") == []


def test_evidence_per_week_is_capped(store):
    week = relations(store, "SYR", "RUS", evidence_per_week=0)[0]["weeks"][0]
    assert week["evidence"] == [] and week["records"] == 1


def test_graph_has_signed_weighted_edges_between_known_nodes(store):
    graph = relation_graph(store)
    edges = {(e["source"], e["target"]): (e["stance"], e["weight"]) for e in graph["edges"]}
    assert edges[("UKR", "RUS")] == (-1.0, 2)
    assert edges[("SYR", "RUS")] == (0.75, 2)
    assert edges[("ahmed-al-sharaa", "IRN")] == (0.0, 1)
    assert len(edges) == 9
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    assert {s for pair in edges for s in pair} == set(names)
    assert names["hayat-tahrir-al-sham"] == "Hay'at Tahrir al-Sham"


def test_graph_around_one_actor_and_capped(store):
    around = relation_graph(store, "IRN")
    assert {n["id"] for n in around["nodes"]} == {"IRN", "SYR", "ahmed-al-sharaa"}
    assert len(relation_graph(store, limit=2)["edges"]) == 2


def test_weeks_start_on_monday():
    assert week_of(date(2024, 12, 29)) == date(2024, 12, 23)
    assert week_of(date(2024, 12, 23)) == date(2024, 12, 23)
    assert week_of(None) is None


def test_a_syndicated_copy_adds_records_but_not_weight():
    from sitrep.schema import Document, Extraction, Stance, content_id
    from sitrep.store import Store

    extractions = []
    for title, stance in (("Kyiv condemns strike", -1.0), ("Kyiv condemns the strike", -1.0),
                          ("Kyiv and Moscow trade blame", -0.5)):  # fmt: skip
        text = f"{title}\n\nUkraine condemned Russia on Friday."
        doc_id = content_id(text)
        copy = title == "Kyiv condemns the strike"  # a copy of the first, same cluster
        cluster = extractions[0].document.id if copy else doc_id
        doc = Document(doc_id, text, title, "2025-01-03", "Wire", None, "en", "t",
                       cluster_id=cluster)  # fmt: skip
        edge = Stance(doc_id, "Ukraine", "UKR", "Russia", "RUS", stance, date="2025-01-03")
        extractions.append(Extraction(doc, stances=(edge,)))
    with Store.open(":memory:") as store:
        store.write([(ex, None) for ex in extractions])
        (edge,) = relation_graph(store)["edges"]
    assert (edge["source"], edge["target"]) == ("UKR", "RUS")
    assert (edge["weight"], edge["records"]) == (2, 3)
