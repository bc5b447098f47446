"""Main text and metadata of an HTML page, by trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from sitrep.errors import InputError, TooLargeError

# Cheap, precise date search only: the extensive search is slow and guesses.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
FULL_PAGE = re.compile(r"<(!doctype|html|head|body)[\s>]", re.IGNORECASE)
# Elements after which a fragment's text starts a new line.
BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "blockquote", "tr", "pre")
# Below this many words the "main text" is a menu or a caption, not an article.
MIN_WORDS = 5
# Characters lxml refuses in text it is given back (XML 1.0 forbids them); a fragment that
# carries one would fail when its line breaks are added.  (Vertical tabs and form feeds,
# line separators to normalise_text, become line breaks first.)
NOT_XML_TEXT = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


@dataclass(frozen=True, slots=True)
class PageContent:
    """What an HTML page holds: main text (one paragraph per line) and metadata."""

    text: str
    title: str | None
    published: str | None
    sitename: str | None
    url: str | None


def extract_page(html: str, where: str, max_depth: int, fallback: bool = False) -> PageContent:
    """Parse once, refuse nesting bombs, and return the page's main text and metadata."""
    tree = trafilatura.load_html(html)
    if tree is None:
        raise InputError("not a readable HTML page", where)
    _refuse_deep_nesting(tree, where, max_depth)
    # Precision over recall: navigation and share bars in the text would become
    # entities and events; a lost sentence costs less than an invented one.
    # Without `fallback`, trafilatura's own extractor alone (fast=True): its readability and
    # jusText fallbacks cost a third of the time and, with favor_precision, changed no text
    # of the sample or benchmark pages.
    result: Any = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, fast=not fallback, date_extraction_params=DATE_PARAMS,
    )  # fmt: skip
    text = getattr(result, "text", None) if result is not None else None
    if not text or len(text.split()) < MIN_WORDS:
        raise InputError("no article text found in the HTML page", where)
    return PageContent(
        text=text, title=_clean(result.title), published=_clean(result.date),
        sitename=_clean(result.sitename), url=_clean(result.url),
    )  # fmt: skip


def _refuse_deep_nesting(tree: Any, where: str, max_depth: int) -> None:
    if _max_depth(tree, max_depth) > max_depth:
        raise TooLargeError(
            f"HTML nested deeper than {max_depth} elements (setting max_html_depth)", where
        )


def _max_depth(tree: Any, cap: int) -> int:
    depth = deepest = 0
    for event, _element in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > deepest:
            deepest = depth
            if deepest > cap:
                break
    return deepest


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def is_full_page(html: str) -> bool:
    """True for a whole HTML page; False for a fragment such as a feed entry's content."""
    return bool(FULL_PAGE.search(html[:4096]))


def fragment_text(html: str, where: str, max_depth: int) -> str:
    """All the text of an HTML fragment (a feed entry, a JSONL field), one block per line."""
    html = NOT_XML_TEXT.sub("", html.translate(LINE_BREAKS))
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"unreadable HTML fragment ({exc})", where) from None
    _refuse_deep_nesting(root, where, max_depth)
    for element in root.xpath(".//script|.//style|.//noscript"):
        element.drop_tree()
    for element in root.iter(*BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return str(root.text_content())
