"""The story scores: adjusted Rand index and B-cubed on labellings whose values are known."""

from __future__ import annotations

import pytest
from eval.gold import SEED_ID, GoldArticle
from eval.score import NAMES
from eval.stories import STORIES_COMPONENT, adjusted_rand, bcubed, gold_story


def test_identical_partitions_score_one_whatever_the_names():
    gold, predicted = ["a", "a", "b", "c"], ["x", "x", "y", "z"]
    assert adjusted_rand(gold, predicted) == 1.0
    assert bcubed(gold, predicted) == (1.0, 1.0, 1.0)


def test_a_known_adjusted_rand_index():
    # contingency 2,1 / 1,2: index 2, expected 6 * 3 / 15 = 1.2, maximum 4.5
    gold, predicted = [0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]
    assert adjusted_rand(list(map(str, gold)), list(map(str, predicted))) == pytest.approx(
        0.8 / 3.3
    )


def test_one_big_cluster_has_full_recall_and_chance_agreement():
    gold, predicted = ["a", "a", "b", "b"], ["x"] * 4
    precision, recall, f1 = bcubed(gold, predicted)
    assert (precision, recall) == (0.5, 1.0) and f1 == pytest.approx(2 / 3)
    assert adjusted_rand(gold, predicted) == 0.0


def test_singletons_have_full_precision():
    precision, recall, _ = bcubed(["a", "a", "b"], ["x", "y", "z"])
    assert precision == 1.0 and recall == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_the_seed_belongs_with_the_russia_syria_bases_story():
    assert gold_story(GoldArticle(SEED_ID, "", {})) == "russia-syria-bases"
    assert gold_story(GoldArticle("x", "", {"story": "gaza-ceasefire"})) == "gaza-ceasefire"


def test_the_scorer_offers_the_stories_component():
    assert STORIES_COMPONENT in NAMES
