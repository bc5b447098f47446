"""Spans, counts and gold mentions: the pieces every component's matching rests on."""

from __future__ import annotations

import pytest
from eval.gold import GoldArticle, gold_mentions, norm_type, select, surface
from eval.metrics import PR, Accuracy, Error, Result, total
from eval.spans import (
    greedy_pairs,
    locate_in_order,
    nearest,
    occurrences,
    overlap,
    overlap_ratio,
    trim,
    whole_words,
)

# --- spans ---------------------------------------------------------------------------------


def test_occurrences_verbatim_then_folded_quotes_and_spaces():
    text = "He said it was \u201ccalm\u00a0and  under control.\u201d Then he left."
    assert occurrences(text, "left") == [(len(text) - 5, len(text) - 1)]
    (span,) = occurrences(text, 'was "calm and under control."')
    assert text[span[0] : span[1]] == "was \u201ccalm\u00a0and  under control.\u201d"


def test_occurrences_falls_back_to_any_case_and_finds_nothing_when_absent():
    text = "TAIPEI, Taiwan"
    assert occurrences(text, "Taipei") == [(0, 6)]
    assert occurrences(text, "Beijing") == []
    assert occurrences(text, "   ") == []


def test_nearest_prefers_the_next_occurrence_then_the_closest_before():
    spans = [(0, 4), (10, 14), (20, 24)]
    assert nearest(spans, 5) == (10, 14)
    assert nearest(spans, 25) == (20, 24)
    assert nearest([], 0) is None


def test_locate_in_order_takes_the_occurrence_after_the_previous_item():
    text = "tariffs imposed earlier this year; growth this year; trade this year"
    spans = locate_in_order(text, ["earlier this year", "this year", "missing"])
    assert text[spans[0][0] : spans[0][1]] == "earlier this year"
    assert spans[1] == (text.index("growth this year") + 7, text.index("growth this year") + 16)
    assert spans[2] is None


def test_locate_in_order_gives_a_text_listed_twice_the_same_span():
    text = "Egypt and Qatar said they would monitor compliance."
    first, second = locate_in_order(text, ["they would monitor compliance"] * 2)
    assert first == second == (21, 50)


def test_trim_strips_quote_marks_whitespace_and_punctuation():
    text = "\u201c Syria cannot continue, \u201d he said"
    start, end = trim(text, (0, 25))
    assert text[start:end] == "Syria cannot continue"
    assert trim("...", (0, 3)) == (3, 3)


def test_overlap_and_ratio_of_the_shorter():
    assert overlap((0, 10), (5, 20)) == 5
    assert overlap((0, 5), (5, 10)) == 0
    assert overlap_ratio((0, 10), (5, 20)) == 0.5
    assert overlap_ratio((0, 100), (10, 20)) == 1.0
    assert overlap_ratio((0, 0), (0, 10)) == 0.0


def test_whole_words_is_case_sensitive_and_skips_longer_words():
    text = "Russia, Russian, russia and Russia’s"
    assert whole_words(text, "Russia") == [(0, 6), (28, 34)]


def test_greedy_pairs_are_one_to_one_best_first_with_ties_in_gold_order():
    pairs = greedy_pairs([(0.6, 0, 0), (0.9, 1, 0), (0.7, 0, 1), (0.7, 1, 1)])
    assert pairs == [(0, 1), (1, 0)]
    assert greedy_pairs([((1.0, False), 0, 0), ((1.0, True), 1, 0)]) == [(1, 0)]


# --- counts --------------------------------------------------------------------------------


def test_pr_scores_and_undefined_sides():
    score = PR.one_to_one(3, 4, 6)
    assert (score.precision, score.recall) == (0.75, 0.5)
    assert score.f1 == pytest.approx(0.6)
    nothing_predicted = PR.one_to_one(0, 0, 5)
    assert nothing_predicted.precision is None
    assert nothing_predicted.recall == 0.0
    assert nothing_predicted.f1 == 0.0
    assert PR().f1 is None


def test_counts_add_up_over_articles():
    a = Result({"x": PR(1, 2, 1, 3), "acc": Accuracy(1, 2)}, [Error("miss", "a", "t")])
    b = Result({"x": PR(2, 2, 2, 2), "acc": Accuracy(0, 1), "y": Accuracy(1, 1)})
    summed = total([a, b])
    assert summed.metrics["x"] == PR(3, 4, 3, 5)
    assert summed.metrics["acc"] == Accuracy(1, 3)
    assert list(summed.metrics) == ["x", "acc", "y"]
    assert len(summed.errors) == 1
    with pytest.raises(TypeError):
        _ = Result({"x": PR()}) + Result({"x": Accuracy()})


def test_accuracy_of_outcomes():
    assert Accuracy.of([True, False, True]).value == pytest.approx(2 / 3)
    assert Accuracy.of([]).value is None


# --- gold mentions -------------------------------------------------------------------------

ENTITIES = [
    {"name": "Khmeimim Air Base", "type": "FACILITY", "aliases": ["Khmeimim Air Base", "Khmeimim"]},
    {"name": "Syria", "type": "GPE", "aliases": ["Syria", "Damascus (as the government)"]},
    {"name": "Damascus", "type": "GPE", "aliases": ["Damascus"]},
]


def test_longer_aliases_win_over_the_ones_inside_them():
    text = "Jets left Khmeimim Air Base; Khmeimim is quiet."
    mentions = gold_mentions(text, ENTITIES)
    assert [(m.text, m.start) for m in mentions] == [("Khmeimim Air Base", 10), ("Khmeimim", 29)]
    assert all(m.names == ("Khmeimim Air Base",) for m in mentions)


def test_government_suffix_is_stripped_and_a_shared_alias_accepts_either_entity():
    text = "Damascus said Syria would decide."
    damascus, syria = gold_mentions(text, ENTITIES)
    assert (damascus.text, damascus.names, damascus.types) == (
        "Damascus",
        ("Syria", "Damascus"),
        frozenset({"GPE"}),
    )
    assert syria.names == ("Syria",)
    assert surface("Tehran (as the government)") == "Tehran"
    assert surface("Moscow") == "Moscow"


def test_gold_mentions_are_whole_words_only():
    assert gold_mentions("Syrian and Syria's", ENTITIES)[0].start == 11
    assert len(gold_mentions("Syrian and Syria's", ENTITIES)) == 1


def test_fac_and_facility_are_one_type():
    assert norm_type("FAC") == norm_type("facility") == "FACILITY"
    assert norm_type(None) == ""


def test_select_by_glob_on_ids_or_paths():
    articles = [GoldArticle(i, "", {}) for i in ("mena-01-x", "mena-02-y", "eur-01-z")]
    assert [a.id for a in select(articles, "mena-*")] == ["mena-01-x", "mena-02-y"]
    assert [a.id for a in select(articles, "eval/articles/eur-*.txt")] == ["eur-01-z"]
    assert len(select(articles, None)) == 3
    assert select(articles, "apa-*") == []
