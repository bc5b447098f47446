"""Quotation marks: curly and straight, nested, across paragraphs, apostrophes, caps."""

from __future__ import annotations

import time

from sitrep.extractors.quotemarks import find_quote_spans


def quoted(text: str) -> list[str]:
    return [span.text(text) for span in find_quote_spans(text)]


def test_curly_and_straight_marks_with_punctuation_inside():
    text = '“We will win,” he said. She replied: "Not this year."'
    assert quoted(text) == ["We will win,", "Not this year."]


def test_apostrophes_in_words_are_not_quote_marks():
    text = "O'Brien met Hay’at Tahrir al-Sham’s envoy and said “rock ’n’ roll is back” in Côte d'Ivoire."
    assert quoted(text) == ["rock ’n’ roll is back"]


def test_nested_quotes_stay_inside_the_outer_one():
    text = "“They called it ‘a grave mistake’ and left,” the minister said."
    assert quoted(text) == ["They called it ‘a grave mistake’ and left,"]


def test_a_quote_continues_over_a_paragraph_that_opens_with_a_mark():
    text = "“The first part runs on\n\n“and closes here,” she said.\n\nA new paragraph."
    assert quoted(text) == ["The first part runs on\n\n“and closes here,"]


def test_an_unclosed_quote_stops_at_its_paragraph():
    text = "He said: “this never closes\n\nThe next paragraph is the writer's own."
    assert quoted(text) == ["this never closes"]


def test_a_stray_mark_inside_a_sentence_is_ignored():
    text = 'The room was 12" wide.\n\nNothing else here.'
    assert quoted(text) == []


def test_single_quotes_at_top_level_need_a_real_phrase():
    text = "He called it ‘a reckless gamble’ on Monday; the ’90s are over."
    assert quoted(text) == ["a reckless gamble"]


def test_thousands_of_unbalanced_marks_are_fast_and_bounded():
    text = ("“ " * 5000 + "word\n\n") * 20 + '"' * 3001
    start = time.perf_counter()
    spans = find_quote_spans(text)
    assert time.perf_counter() - start < 2.0
    longest_paragraph = max(len(p) for p in text.split("\n\n"))
    assert all(len(s.text(text)) <= 6 * (longest_paragraph + 2) for s in spans)
    assert not any(s.text(text).endswith('"' * 10) for s in spans)
