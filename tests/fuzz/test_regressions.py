"""Inputs the fuzzers found that broke a reader, cleaning, extraction or the watcher, minimised.

Each crashed with an exception other than InputError before its fix; now each reads as
articles or as a one-line skip.
"""

from __future__ import annotations

import pytest

from sitrep.config import Settings
from sitrep.schema import Article
from tests.fuzz.corpus import clean_checked, read_checked

SETTINGS = Settings()
RSS_ITEM = b"<item><title>Talks</title><description>%s</description></item>"


def rss(body: bytes, head: bytes = b"", namespaces: bytes = b"") -> bytes:
    return head + b'<rss version="2.0"' + namespaces + b"><channel>" + body + b"</channel></rss>"


def read_and_clean(data: bytes, name: str) -> tuple[list[Article], list[str]]:
    articles, problems = read_checked(data, name, SETTINGS)
    documents = clean_checked(articles, SETTINGS)
    return articles, [str(p) for p in problems] + [d.text for d in documents]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        # lxml refused the fragment's text back when adding line breaks (ValueError)
        ("esc.jsonl", b'{"html": "<p>Talks went on</p>\\u001b and on into the night"}'),
        ("vt.jsonl", b'{"html": "<p>Talks went on</p>\\u000b and on into the night"}'),
        ("esc.rss", rss(RSS_ITEM % b"<![CDATA[<p>Talks went on</p>\x1b and on into the night]]>")),
    ],
)
def test_control_characters_in_html_fragments(name: str, data: bytes) -> None:
    articles, out = read_and_clean(data, name)
    assert len(articles) == 1
    assert out[-1].endswith("and on into the night")
    assert "\x1b" not in out[-1] and "\x0b" not in out[-1]


@pytest.mark.parametrize(
    "data",
    [
        # feedparser decoded the declared encoding's name as UTF-8 (UnicodeDecodeError)
        rss(RSS_ITEM % b"Body", head=b'<?xml version="1.0" encoding="\xb9"?>'),
        # ... and passed a name with a NUL to codecs (ValueError: embedded null character)
        rss(RSS_ITEM % b"Body", head=b'<?xml version="1.0" encoding="\x00utf-8"?>'),
        # its strict parser split a namespace URI holding a no-break space (ValueError)
        rss(b"<item><content:encoded>Body</content:encoded></item>",
            namespaces=b' xmlns:content="h\xc2\xa0ttp://x/"'),
    ],
)  # fmt: skip
def test_feeds_feedparser_raised_on_are_one_line_skips(data: bytes) -> None:
    articles, out = read_and_clean(data, "bad.rss")
    assert articles == []
    assert out == ["bad.rss: not a valid RSS or Atom feed (malformed XML declaration or namespace)"]


@pytest.mark.parametrize(
    "reference", [b"&#55296;", b"&#xD800;", b"&#xdfff", b"&#x110000;", b"&#9999999999999999999;"]
)
def test_feed_character_references_to_no_character_read_as_replacement(reference: bytes) -> None:
    # feedparser's lenient parser built a lone surrogate (UnicodeEncodeError) or called
    # chr() past U+10FFFF (ValueError)
    data = rss(RSS_ITEM % (b"Ministers met " + reference + b" in Ankara on Tuesday."))
    articles, out = read_and_clean(data, "refs.rss")
    assert len(articles) == 1
    assert out == ["Talks\n\nMinisters met \ufffd in Ankara on Tuesday."]


def test_valid_character_references_in_feeds_are_kept() -> None:
    data = rss(
        RSS_ITEM % b"Caf&#233; &#x41;nkara &#0000065;",
    )
    articles, _ = read_and_clean(data, "ok.rss")
    assert articles[0].content == "Café Ankara A"


def test_lone_surrogates_in_jsonl_become_replacement_characters() -> None:
    # json.loads keeps "\ud800" as a lone surrogate; the id hash could not encode it
    data = (
        b'{"text": "Ministers met \\ud800 in Ankara.", "title": "\\udfff Talks", "url": "\\ud800"}'
    )
    articles, out = read_and_clean(data, "s.jsonl")
    assert (articles[0].title, articles[0].url) == ("\ufffd Talks", "\ufffd")
    assert out == ["\ufffd Talks\n\nMinisters met \ufffd in Ankara."]


def test_warc_response_without_target_uri_is_a_malformed_record() -> None:
    # warcio called None.startswith (AttributeError)
    data = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n"
    articles, out = read_and_clean(data, "x.warc")
    assert articles == []
    assert out == ["x.warc: record 1: malformed WARC record (no WARC-Target-URI)"]


def test_a_watched_feed_with_a_surrogate_reference_and_a_link_only_entry() -> None:
    from sitrep.analysis import Analyzer
    from sitrep.net import Fetcher
    from sitrep.store import Store
    from sitrep.watch import poll_feeds
    from tests.local_server import LocalServer, Reply

    settings = Settings(allow_private=True, extract=False)
    with LocalServer().running() as server:
        feed = rss(
            b"<title>World &#55296;</title><item><title>Only a link</title><link>"
            + server.url("/gone").encode()
            + b"</link></item>"
            + RSS_ITEM % b"Ministers met in Ankara on Tuesday for talks."
        )
        server.routes["/feed"] = Reply(body=feed)
        with Store.open(":memory:") as store, Fetcher(settings) as fetcher:
            (result,) = poll_feeds(store, settings, [server.url("/feed")], fetcher,
                                   analyzer=Analyzer(settings))  # fmt: skip
    assert result.status == "updated" and result.stored == 1


def test_a_quotation_of_one_space_is_not_a_crash() -> None:
    from sitrep.analysis import Analyzer
    from sitrep.pipeline import extract_text

    text = "Talks today\n\nThe minister said \u201c \u201d yesterday."
    extraction = extract_text(text, SETTINGS, Analyzer(SETTINGS))
    assert extraction.extracted
