"""Cleaning: normalisation, titles, trailers, dates, language and stable ids."""

from __future__ import annotations

import json

import pytest

from sitrep.clean import body_of, make_document
from sitrep.clean.dates import find_date_line, to_iso
from sitrep.clean.text import normalise_text, split_headline
from sitrep.clean.trailers import strip_trailers
from sitrep.errors import InputError, TooLargeError
from sitrep.schema import Article
from tests.conftest import ARTICLE, SEED_EXPECTED, html_page


def text_article(content: str, **extra) -> Article:
    return Article(origin="t.txt", content=content, is_html=False, format="text", **extra)


def test_seed_title_text_and_trailers(seed_text, settings):
    expected = json.loads(SEED_EXPECTED.read_text())["document"]
    doc = make_document(text_article(seed_text), settings)
    assert doc.title == expected["title"]
    assert doc.published is None
    assert "\u00a0" not in doc.text
    for line in expected["boilerplate_removed"]:
        assert line not in doc.text
    assert doc.text.startswith(doc.title + "\n\n")
    assert doc.text.endswith("forced out of Syria.")
    assert doc.language == "en"


def test_normalise_spaces_lines_and_nfc():
    raw = "Cafe\u0301\u00a0talks\r\nin\u2009Gen\u00e8ve\u200b.\n\n\n\nNext  para.  "
    assert normalise_text(raw) == "Café talks\nin Genève.\n\nNext para."


def test_headline_detection():
    assert split_headline("A short headline here\n\nBody.")[0] == "A short headline here"
    assert split_headline("This is a sentence of body text.\nMore text.")[0] is None
    assert split_headline("Only one line")[0] is None


@pytest.mark.parametrize(
    "trailer",
    ["Leave a Reply\nYour email address will not be published. Required fields are marked *",
     "Share this:\nFacebook\nX", "Related posts\nAnother story", "Sign up for our newsletter today",
     "Comments (12)\nGreat article"],
)  # fmt: skip
def test_trailers_are_cut(trailer):
    text = "Headline\n\nFirst paragraph.\n\nSecond paragraph.\n\n" + trailer
    assert strip_trailers(text) == "Headline\n\nFirst paragraph.\n\nSecond paragraph."


def test_prose_starting_like_a_trailer_is_kept():
    text = "Headline\n\nComments by the minister angered Moscow, officials said on Monday."
    assert strip_trailers(text) == text


def test_share_bar_lines_are_dropped_in_the_middle():
    text = "Headline\n\nShare on Facebook\nShare on X\n\nBody paragraph."
    assert strip_trailers(text) == "Headline\n\n\nBody paragraph."


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2025-01-05", "2025-01-05"), ("2025-01-05T10:00:00Z", "2025-01-05T10:00:00Z"),
     ("2025-01-05T00:00:00+00:00", "2025-01-05"), ("Sun, 05 Jan 2025 10:00:00 GMT", "2025-01-05T10:00:00Z"),
     ("March 3, 2025", "2025-03-03"), ("3 March 2025", "2025-03-03"), ("", None),
     ("the 45th of March", None), ("yesterday-ish", None)],
)  # fmt: skip
def test_dates_are_normalised_or_left_unknown(value, iso):
    assert to_iso(value) == iso


def test_date_line_under_the_title():
    assert find_date_line("Published: March 3, 2025\n\nBody text here.") == "2025-03-03"
    assert find_date_line("By Jane Doe | 4 February 2025\n\nBody.") == "2025-02-04"
    assert find_date_line("The war began in 2022 and has since spread to the north.") is None


def test_html_page_gives_text_title_date_outlet_without_trailers(settings):
    page = html_page(
        "Talks resume in Doha",
        ["Negotiators met on Sunday in Doha.", "A second paragraph follows here."],
    )
    doc = make_document(Article("p.html", page, True, "html"), settings)
    assert doc.title == "Talks resume in Doha"
    assert (
        doc.text
        == "Talks resume in Doha\n\nNegotiators met on Sunday in Doha.\n\nA second paragraph follows here."
    )
    assert doc.published == "2025-01-05"  # trafilatura gives the day
    assert doc.source == "Example Daily"
    assert "Leave a Reply" not in doc.text and "Home" not in doc.text


def test_html_nesting_bomb_is_refused(settings):
    page = "<html><body>" + "<div>" * 5000 + "deep" + "</div>" * 5000 + "</body></html>"
    with pytest.raises(TooLargeError, match="nested deeper than 200"):
        make_document(Article("bomb.html", page, True, "html"), settings)


def test_html_without_text_is_an_input_error(settings):
    with pytest.raises(InputError, match="no article text"):
        make_document(
            Article("e.html", "<html><body><nav>Home</nav></body></html>", True, "html"), settings
        )


def test_metadata_title_is_not_repeated_in_the_text(settings):
    doc = make_document(
        text_article("Body text about Kyiv and talks.", title="Kyiv talks"), settings
    )
    assert doc.text == "Kyiv talks\n\nBody text about Kyiv and talks."


def test_non_english_is_detected(settings):
    doc = make_document(
        text_article(
            "Las conversaciones de paz\n\nLos ministros de Exteriores se reunieron el martes en Madrid "
            "para hablar de la guerra y de la ayuda humanitaria."
        ),
        settings,
    )
    assert doc.language == "es" and not doc.is_english


def test_id_is_stable_and_follows_the_normalised_text(settings):
    a = make_document(text_article(ARTICLE), settings)
    b = make_document(text_article(ARTICLE.replace(" ", "\u00a0", 3) + "\n\n\n"), settings)
    c = make_document(text_article(ARTICLE + " More."), settings)
    assert a.id == b.id != c.id


def test_body_excludes_the_title(settings):
    doc = make_document(text_article(ARTICLE), settings)
    assert body_of(doc).startswith("Foreign ministers")
