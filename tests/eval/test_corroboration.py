"""The corroboration scorer's counts on hand-made items where the right numbers are known."""

from __future__ import annotations

import pytest
from eval.corroboration import Item, align, bcubed_sums, pair_scores, select_families


def items() -> list[Item]:
    # gold: {a, b, c} one happening, {d} another; predicted: {a, b}, {c, d}
    return [
        Item("a", "g1", "p1", "doc1"), Item("b", "g1", "p1", "doc2"),
        Item("c", "g1", "p2", "doc3"), Item("d", "g2", "p2", "doc3"),
    ]  # fmt: skip


def test_pairwise_precision_and_recall():
    pairs = pair_scores(items())
    # predicted pairs: ab, cd; gold pairs: ab, ac, bc; both: ab
    assert (pairs.precision, pairs.recall) == (0.5, pytest.approx(1 / 3))
    cross = pair_scores(items(), cross_only=True)  # cd share a document: left out
    assert (cross.n_pred, cross.n_gold) == (1, 3)


def test_bcubed_sums():
    p, r = bcubed_sums(items())
    # precision per item: a 1, b 1, c 1/2, d 1/2; recall: a 2/3, b 2/3, c 1/3, d 1
    assert p == pytest.approx(3.0)
    assert r == pytest.approx(8 / 3)


def test_events_align_to_the_most_overlapping_gold_mention_of_their_type_and_article():
    mentions = [
        {"doc_id": "d", "type": "ASSAULT", "start": 0, "end": 10},
        {"doc_id": "d", "type": "ASSAULT", "start": 20, "end": 60},
        {"doc_id": "d", "type": "REQUEST", "start": 20, "end": 60},
    ]
    events = [
        {"id": "e1", "doc_id": "d", "type": "ASSAULT", "sentence_start": 5, "sentence_end": 40},
        {"id": "e2", "doc_id": "x", "type": "ASSAULT", "sentence_start": 0, "sentence_end": 40},
        {"id": "e3", "doc_id": "d", "type": "AID", "sentence_start": 0, "sentence_end": 40},
    ]
    assert align(mentions, events) == {"e1": 1}


def test_every_family_folder_is_found():
    assert len(select_families(None)) >= 15
    assert [p.name for p in select_families("kharkiv*")] == ["kharkiv-drone-strikes"]
