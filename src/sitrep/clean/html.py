"""Main text and metadata of an HTML page, by trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml import etree

from sitrep.errors import InputError, TooLargeError

# Cheap, precise date search only: the extensive search is slow and guesses.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, slots=True)
class PageContent:
    """What an HTML page holds: main text (one paragraph per line) and metadata."""

    text: str
    title: str | None
    published: str | None
    sitename: str | None
    url: str | None


def extract_page(html: str, where: str, max_depth: int) -> PageContent:
    """Parse once, refuse nesting bombs, and return the page's main text and metadata."""
    tree = trafilatura.load_html(html)
    if tree is None:
        raise InputError("not a readable HTML page", where)
    depth = _max_depth(tree, max_depth)
    if depth > max_depth:
        raise TooLargeError(
            f"HTML nested deeper than {max_depth} elements (setting max_html_depth)", where
        )
    result: Any = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=DATE_PARAMS,
    )  # fmt: skip
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page", where)
    return PageContent(
        text=text, title=_clean(result.title), published=_clean(result.date),
        sitename=_clean(result.sitename), url=_clean(result.url),
    )  # fmt: skip


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
