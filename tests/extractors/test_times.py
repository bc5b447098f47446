"""Temporal expressions against the publication date, and estimated publication dates."""

from __future__ import annotations

import pytest

from sitrep.extractors.times import normalise


@pytest.mark.parametrize(
    ("text", "value"),
    [("today", "2024-12-29"), ("just today", "2024-12-29"), ("Just this weekend", "2024-W52"),
     ("on Monday", "2024-12-23"), ("last week", "2024-W51"), ("last year", "2023"),
     ("March 3", "2024-03-03"), ("in January 2025", "2025-01"), ("yesterday", "2024-12-28"),
     ("early March", "2024-03"), ("December 8", "2024-12-08")],
)  # fmt: skip
def test_relative_and_absolute_expressions(text, value):
    assert normalise(text, "2024-12-29")[0] == value


@pytest.mark.parametrize("text", ["the 45th of March", "the 1970s", "two days earlier"])
def test_nonsense_and_unanchored_expressions_are_left_unnormalised(text):
    assert normalise(text, "2024-12-29") == (None, None)


def test_seed_publication_date_is_estimated_from_the_fall_of_assad(seed_extraction):
    document = seed_extraction.document
    assert document.published is None
    assert document.estimated_published == "2024-12-29" and document.published_estimated
    values = {t.text: t.value for t in seed_extraction.times}
    assert values["today"] == "2024-12-29" and values["Just this weekend"] == "2024-W52"


def test_a_dated_article_is_not_estimated(extract):
    result = extract(
        "Headline\n\nThree weeks after the fall of Bashar al-Assad, talks began.",
        published="2025-01-10",
    )
    assert result.document.published == "2025-01-10" and not result.document.published_estimated
