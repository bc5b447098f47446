"""Clean stage: an Article becomes a Document (text, title, date, outlet, language, id)."""

from __future__ import annotations

from sitrep.clean.dates import find_date_line, to_iso
from sitrep.clean.dedup import fingerprint, similarity
from sitrep.clean.html import extract_page, fragment_text, is_full_page
from sitrep.clean.language import detect_language
from sitrep.clean.text import normalise_text, paragraphs_from_lines, split_headline
from sitrep.clean.trailers import strip_trailers
from sitrep.config import Settings
from sitrep.errors import InputError, TooLargeError
from sitrep.schema import Article, Document, content_id

__all__ = ["body_of", "fingerprint", "make_document", "similarity"]


def make_document(article: Article, settings: Settings) -> Document:
    """Clean one article into a Document.

    1. refuse an oversized article; main text and metadata (trafilatura for HTML);
    2. normalise Unicode, spaces and paragraphs;
    3. take the title (metadata, or a headline-like first line);
    4. remove trailers (comment forms, share bars, newsletters);
    5. find the publication date (metadata, else a date line);
    6. detect the language and derive the id from the text.
    """
    # 1. size, main text and metadata
    _refuse_oversized(article, settings.max_document_bytes)
    title, published, outlet, url = article.title, article.published, article.source, article.url
    if article.is_html and is_full_page(article.content):
        page = extract_page(
            article.content, article.where, settings.max_html_depth, settings.html_fallback
        )
        raw = paragraphs_from_lines(page.text)
        title, published = title or page.title, published or page.published
        outlet, url = outlet or page.sitename, url or page.url
    elif article.is_html:
        raw = paragraphs_from_lines(
            fragment_text(article.content, article.where, settings.max_html_depth)
        )
    else:
        raw = article.content
    # 2. normalise
    body = normalise_text(raw)
    # 3. title
    title = normalise_text(title) if title else None
    if title:
        body = _drop_leading_title(body, title)
    else:
        title, body = split_headline(body)
    # 4. trailers
    body = strip_trailers(body)
    if not body.strip():
        raise InputError("no article text left after cleaning", article.where)
    # 5. publication date
    published = to_iso(published) or find_date_line(body)
    # 6. language and id
    text = f"{title}\n\n{body}" if title else body
    return Document(
        id=content_id(text), text=text, title=title, published=published, source=outlet,
        url=url, language=detect_language(text), origin=article.where,
        fetched_at=to_iso(article.fetched_at),
    )  # fmt: skip


def _refuse_oversized(article: Article, limit: int) -> None:
    """Readers cap the bytes they read; feed entries and fetched pages are capped here.

    Characters are counted: never more than the bytes they were decoded from.
    """
    if len(article.content) > limit:
        raise TooLargeError(
            f"larger than {limit / 1_000_000:.1f} MB for one document (setting max_document_bytes)",
            article.where,
        )


def _drop_leading_title(body: str, title: str) -> str:
    """HTML extraction often repeats the headline as the first line; keep it once."""
    first, _, rest = body.partition("\n")
    if first.strip().casefold() == title.strip().casefold():
        return rest.strip("\n")
    return body


def body_of(document: Document) -> str:
    """The document's text without its title (what near-duplicate detection compares)."""
    if document.title and document.text.startswith(document.title):
        return document.text[len(document.title) :].lstrip("\n")
    return document.text
