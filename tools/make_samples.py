#!/usr/bin/env python3
"""Build the bundled sample corpus (src/sitrep/data/samples) from the team's articles.

`make demo` ingests the folder, so it holds every input format sitrep reads: plain
text, HTML pages, an RSS 2.0 and an Atom feed, gzipped JSON Lines and a gzipped
WARC in the style of Common Crawl's CC-NEWS. Every article of eval/articles is used
exactly once, plus the seed article and one syndicated copy of a JSONL article (so
near-duplicate detection has something to find).

Assignment rule (fixed, so the output never changes for the same inputs):
1. feeds/world.rss is the feed of one outlet (Global Dispatch) and feeds/region.atom
   the Europe desk of another (Continental Press Service): their articles in name
   order, six each, skipping an article that would put a whole story in one feed;
2. the other articles, in name order, are dealt out by smooth weighted round-robin
   to html (6), jsonl (10), txt (10) and warc (10);
3. every story with two or more articles must then span at least two formats.

The output is byte-identical on every run: no clocks, no random ids (WARC record ids
are UUIDv5 of the URL and record type, dates come from the articles' metadata), and
every gzip member carries mtime 0.

Usage: python tools/make_samples.py [--out DIR]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import io
import json
import re
import sys
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "eval" / "articles"
GOLD = ROOT / "eval" / "gold"
SEED = ROOT / "tests" / "data" / "seed" / "syria-russia-bases.txt"
DEFAULT_OUT = ROOT / "src" / "sitrep" / "data" / "samples"

# Folders the builder owns: stale files in them are removed on a rebuild.
MANAGED_DIRS = ("txt", "html", "feeds")
RSS_OUTLET = "Global Dispatch"
ATOM_OUTLET, ATOM_DESK = "Continental Press Service", "/europe/"
FEED_SIZE = 6
QUOTAS = {"html": 6, "jsonl": 10, "txt": 10, "warc": 10}
JSONL_HTML_EVERY = 3  # lines 2, 5 and 8 of the JSONL file carry an HTML fragment
REQUIRED = ("mena-01-", "mena-02-", "mena-03-")  # the seed's story must be in the demo

# The syndicated copy: one JSONL article under another outlet's headline, a couple of
# words changed and a wire trailer, as partner sites republish agency copy.
SYNDICATED_FROM = "mena-05-first-hostage-exchange"
SYNDICATED = {
    "title": "Hostages and prisoners freed on first day of Gaza ceasefire",
    "source": "Harbour Gazette",
    "url": "https://harbourgazette.test/world/2025/01/20/gaza-truce-first-releases",
    "changes": (
        ("on Sunday afternoon", "on Sunday"),
        ("began walking north", "started walking north"),
    ),
    "trailer": (
        "Reporting by Nadia Kareem in Jerusalem and Samir Aziz in Cairo; Editing by Tomas Berg"
    ),
}
SYNDICATED_DELAY = timedelta(hours=2, minutes=15)  # the partner republishes a little later

SECTIONS = {"apa": "Asia-Pacific", "eur": "Europe", "mena": "Middle East"}
REPORTERS = (
    "Nadia Kareem", "Tomas Berg", "Elena Varga", "Samir Aziz", "Grace Okafor", "Li Wen",
    "Daniel Mercer", "Ines Duarte", "Ravi Menon", "Hana Sato", "Joanna Pike", "Yusuf Demir",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
ABBREVIATIONS = frozenset(
    ("u.s", "u.k", "u.n", "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "st", "no",
     "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec")
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Item:
    """One article of the team's set with its metadata."""

    name: str
    story: str
    title: str
    paragraphs: tuple[str, ...]
    published: datetime  # the metadata's date at a fixed, name-derived time of day (UTC)
    source: str
    url: str

    def digest(self, salt: str = "") -> int:
        return stable_hash(self.name, salt)

    @property
    def reporter(self) -> str:
        return REPORTERS[self.digest("reporter") % len(REPORTERS)]

    @property
    def section(self) -> str:
        """The site section: the URL's last section folder, else the desk of the set."""
        folders = urlsplit(self.url).path.strip("/").split("/")[:-1]
        named = [f for f in folders if f not in ("en", "news") and not f[:1].isdigit()]
        if named:
            return named[-1].replace("-", " ").title().replace("Mideast", "Middle East")
        return SECTIONS[self.name.split("-", 1)[0]]

    @property
    def iso(self) -> str:
        return self.published.strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def long_date(self) -> str:
        return long_date(self.published)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def stable_hash(name: str, salt: str = "") -> int:
    """A number derived from an article's name (Python's hash() changes between runs)."""
    return int.from_bytes(hashlib.sha256(f"{name}{salt}".encode()).digest()[:8], "big")


def long_date(moment: datetime) -> str:
    return f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year}"


def load_items() -> list[Item]:
    items = []
    for path in sorted(ARTICLES.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        headline, blank, body = raw.partition("\n\n")
        paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
        gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
        doc = gold["document"]
        if not blank or "\n" in headline or headline.strip() != doc["title"]:
            raise SystemExit(f"{path}: line 1 must be the headline in the gold metadata")
        if any("\n" in p for p in paragraphs):
            raise SystemExit(f"{path}: paragraphs must be separated by blank lines")
        minutes = 6 * 60 + stable_hash(path.stem, "time") % (14 * 60)  # 06:00 to 19:59
        published = datetime.fromisoformat(doc["published"]) + timedelta(minutes=minutes)
        items.append(
            Item(
                name=path.stem,
                story=gold["story"],
                title=doc["title"],
                paragraphs=paragraphs,
                published=published,
                source=doc["source"],
                url=doc["url"],
            )
        )
    return items


# -- assignment --------------------------------------------------------------------------


def assign(items: list[Item]) -> dict[str, list[Item]]:
    """Deal the articles out to the formats by the fixed rule in the module docstring."""
    story_size: dict[str, int] = {}
    for item in items:
        story_size[item.story] = story_size.get(item.story, 0) + 1
    rss = _feed_pick(items, lambda i: i.source == RSS_OUTLET, story_size)
    atom = _feed_pick(items, lambda i: i.source == ATOM_OUTLET and ATOM_DESK in i.url, story_size)
    rest = [item for item in items if item not in rss and item not in atom]
    if len(rest) != sum(QUOTAS.values()):
        raise SystemExit(f"{len(rest)} articles left for {sum(QUOTAS.values())} places")
    plan: dict[str, list[Item]] = {"rss": rss, "atom": atom, **{fmt: [] for fmt in QUOTAS}}
    current = dict.fromkeys(QUOTAS, 0)
    total = sum(QUOTAS.values())
    for item in rest:  # smooth weighted round-robin: spreads each format evenly
        for fmt, weight in QUOTAS.items():
            current[fmt] += weight
        chosen = max(QUOTAS, key=lambda fmt: current[fmt])
        current[chosen] -= total
        plan[chosen].append(item)
    _check_plan(items, plan)
    return plan


def _feed_pick(
    items: list[Item], wanted: Callable[[Item], bool], story_size: dict[str, int]
) -> list[Item]:
    picked: list[Item] = []
    for item in items:
        if len(picked) == FEED_SIZE:
            break
        in_feed = sum(1 for p in picked if p.story == item.story) + 1
        if wanted(item) and (story_size[item.story] == 1 or in_feed < story_size[item.story]):
            picked.append(item)
    if len(picked) != FEED_SIZE:
        raise SystemExit(f"only {len(picked)} articles for a feed of {FEED_SIZE}")
    return picked


def _check_plan(items: list[Item], plan: dict[str, list[Item]]) -> None:
    used = [item.name for group in plan.values() for item in group]
    if sorted(used) != [item.name for item in items]:
        raise SystemExit("every article must be used exactly once")
    formats: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for fmt, group in plan.items():
        for item in group:
            formats.setdefault(item.story, set()).add(fmt)
            counts[item.story] = counts.get(item.story, 0) + 1
    for story, fmts in formats.items():
        if counts[story] > 1 and len(fmts) < 2:
            raise SystemExit(f"story {story} is in one format only ({fmts.pop()})")
    for prefix in REQUIRED:
        if not any(name.startswith(prefix) for name in used):
            raise SystemExit(f"no article {prefix}* in the samples")
    if SYNDICATED_FROM not in [item.name for item in plan["jsonl"]]:
        raise SystemExit(f"{SYNDICATED_FROM} must be a JSONL article to be syndicated")


# -- plain text ------------------------------------------------------------------------


def build_txt(items: list[Item]) -> dict[str, bytes]:
    files = {f"txt/{SEED.name}": SEED.read_bytes()}
    for item in items:
        text = f"{item.title}\nPublished: {item.long_date} | {item.source}\n\n{item.text}\n"
        files[f"txt/{item.name}.txt"] = text.encode("utf-8")
    return files


# -- HTML pages ------------------------------------------------------------------------


def esc(text: str) -> str:
    """Escape text for an element: &, < and > only, so quotes keep their curly marks."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def paragraphs_html(item: Item) -> str:
    return "\n".join(f"<p>{esc(p)}</p>" for p in item.paragraphs)


def site_root(item: Item) -> str:
    parts = urlsplit(item.url)
    return f"{parts.scheme}://{parts.netloc}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def summary(item: Item) -> str:
    """The lead paragraph's first sentence (abbreviations such as 'Dec.' do not end one)."""
    lead = item.paragraphs[0]
    for match in re.finditer(r"[.!?][”’\"']?(?=\s+[“\"A-Z0-9])", lead):
        before = lead[: match.start()].rsplit(None, 1)[-1].lower().strip('“"(')
        if before in ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        return lead[: match.end()]
    return lead


def head_meta(item: Item, title_sep: str = " | ") -> str:
    """The <head> metadata every page carries (the order varies little between CMSs)."""
    return f"""<title>{esc(item.title)}{title_sep}{esc(item.source)}</title>
<meta name="description" content="{attr(summary(item))}">
<link rel="canonical" href="{attr(item.url)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{attr(item.title)}">
<meta property="og:description" content="{attr(summary(item))}">
<meta property="og:url" content="{attr(item.url)}">
<meta property="og:site_name" content="{attr(item.source)}">
<meta property="article:published_time" content="{item.iso}">
<meta property="article:section" content="{attr(item.section)}">
<meta name="twitter:card" content="summary_large_image">"""


def share_links(item: Item) -> list[tuple[str, str]]:
    quoted = item.url.replace(":", "%3A").replace("/", "%2F")
    return [
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={quoted}"),
        ("X", f"https://x.com/intent/post?url={quoted}"),
        ("WhatsApp", f"https://wa.me/?text={quoted}"),
        ("Email", f"mailto:?subject={slug(item.title)}&amp;body={quoted}"),
    ]


def related(item: Item, others: list[Item], count: int = 3) -> list[Item]:
    """The next articles in name order (wrapping round), as a CMS's related-posts widget."""
    start = others.index(item)
    return [others[(start + k) % len(others)] for k in range(1, count + 1)]


def comment_form(action: str, heading: str = "h3") -> str:
    return f"""<div id="respond" class="comment-respond">
<{heading} id="reply-title" class="comment-reply-title">Leave a Reply</{heading}>
<form action="{action}" method="post" id="commentform" class="comment-form" novalidate>
<p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> <span class="required-field-message">Required fields are marked <span class="required">*</span></span></p>
<p class="comment-form-comment"><label for="comment">Comment <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>
<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> <input id="author" name="author" type="text" size="30" maxlength="245" required></p>
<p class="comment-form-email"><label for="email">Email <span class="required">*</span></label> <input id="email" name="email" type="email" size="30" maxlength="100" required></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p>
</form>
</div>"""  # noqa: E501


def page_wordpress(item: Item, others: list[Item]) -> str:
    """A WordPress news theme: Jetpack share bar and related posts inside the entry."""
    root = site_root(item)
    shares = "".join(
        f'<li class="share-{slug(n)}"><a rel="nofollow noopener noreferrer" class="share-{slug(n)}'
        f' sd-button" href="{h}" target="_blank"><span>{n}</span></a></li>'
        for n, h in share_links(item)
    )
    rel = "\n".join(
        f'<li class="jp-relatedposts-post"><a href="{attr(o.url)}">{esc(o.title)}</a>'
        f' <span class="jp-relatedposts-post-date">{o.long_date}</span></li>'
        for o in related(item, others)
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{head_meta(item, " &#8211; ")}
<link rel="stylesheet" id="newsroom-style-css" href="{root}/wp-content/themes/newsroom/style.css?ver=2.4.1" media="all">
<script src="{root}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
</head>
<body class="post-template-default single single-post postid-{item.digest() % 90000 + 10000} single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Skip to content</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="{root}/" rel="home">{esc(item.source)}</a></p>
<p class="site-description">Independent news and analysis</p></div>
<nav id="site-navigation" class="main-navigation" aria-label="Primary menu">
<button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>
<ul id="primary-menu" class="menu">
<li class="menu-item"><a href="{root}/">Home</a></li>
<li class="menu-item"><a href="{root}/news/">News</a></li>
<li class="menu-item current-post-ancestor"><a href="{root}/news/{slug(item.section)}/">{esc(item.section)}</a></li>
<li class="menu-item"><a href="{root}/analysis/">Analysis</a></li>
<li class="menu-item"><a href="{root}/opinion/">Opinion</a></li>
<li class="menu-item"><a href="{root}/about/">About us</a></li>
</ul>
</nav>
</header>
<div id="content" class="site-content">
<nav class="breadcrumbs" aria-label="Breadcrumbs"><span><a href="{root}/">Home</a></span> &raquo; <span><a href="{root}/news/">News</a></span> &raquo; <span><a href="{root}/news/{slug(item.section)}/">{esc(item.section)}</a></span> &raquo; <span class="breadcrumb_last" aria-current="page">{esc(item.title)}</span></nav>
<div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-{item.digest() % 90000 + 10000}" class="post type-post status-publish format-standard hentry category-news">
<header class="entry-header">
<h1 class="entry-title">{esc(item.title)}</h1>
<div class="entry-meta"><span class="byline"> by <span class="author vcard"><a class="url fn n" href="{root}/author/{slug(item.reporter)}/">{esc(item.reporter)}</a></span></span> <span class="posted-on">on <time class="entry-date published" datetime="{item.iso}">{item.long_date}</time></span></div>
</header>
<div class="entry-content">
{paragraphs_html(item)}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing">
<h3 class="sd-title">Share this:</h3>
<div class="sd-content"><ul>{shares}</ul></div></div></div>
<div id="jp-relatedposts" class="jp-relatedposts">
<h3 class="jp-relatedposts-headline"><em>Related posts</em></h3>
<ul class="jp-relatedposts-items">
{rel}
</ul>
</div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="{root}/news/{slug(item.section)}/" rel="category tag">{esc(item.section)}</a></span></footer>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links"><div class="nav-previous"><a href="{attr(related(item, others, 1)[0].url)}" rel="prev">Previous post</a></div></div></nav>
<div id="comments" class="comments-area">
{comment_form(f"{root}/wp-comments-post.php")}
</div>
</main>
</div>
<aside id="secondary" class="widget-area">
<section id="newsletter-2" class="widget widget_newsletter">
<h2 class="widget-title">Newsletter</h2>
<p>The {esc(item.source)} morning briefing: the day's top stories in your inbox before 7am.</p>
<form class="newsletter-form" action="{root}/newsletter/subscribe" method="post"><input type="email" name="email" placeholder="Your email address" required> <button type="submit">Subscribe</button></form>
</section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>
<ul>{"".join(f'<li><a href="{attr(o.url)}">{esc(o.title)}</a></li>' for o in related(item, others, 5)[3:])}</ul></section>
</aside>
</div>
<footer id="colophon" class="site-footer">
<div class="site-info">&copy; {item.published.year} {esc(item.source)}. All rights reserved. <span class="sep"> | </span> <a href="{root}/privacy-policy/">Privacy Policy</a> <span class="sep"> | </span> Proudly powered by WordPress</div>
</footer>
</div>
<script src="{root}/wp-content/themes/newsroom/js/navigation.js?ver=2.4.1" id="newsroom-navigation-js"></script>
</body>
</html>
"""  # noqa: E501


def page_modern(item: Item, others: list[Item]) -> str:
    """A modern newsroom front end: a cookie banner, utility class names, JSON-LD."""
    root = site_root(item)
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": item.title,
            "datePublished": item.iso,
            "author": [{"@type": "Person", "name": item.reporter}],
            "publisher": {"@type": "NewsMediaOrganization", "name": item.source},
            "mainEntityOfPage": item.url,
        },
        ensure_ascii=False,
    )
    shares = " ".join(
        f'<a class="share-tools__link" data-network="{slug(n)}" href="{h}" '
        f'aria-label="Share on {n}">{n}</a>'
        for n, h in share_links(item)
    )
    rel = "\n".join(
        f'<li class="card card--compact"><a class="card__link" href="{attr(o.url)}">'
        f'<span class="card__kicker">{esc(o.section)}</span> '
        f'<span class="card__title">{esc(o.title)}</span>'
        "</a></li>"
        for o in related(item, others)
    )
    return f"""<!doctype html>
<html lang="en" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
{head_meta(item)}
<link rel="preload" href="/_next/static/media/sans.woff2" as="font" type="font/woff2" crossorigin>
<link rel="stylesheet" href="/_next/static/css/4c1f2a.css">
<script type="application/ld+json">{ld}</script>
</head>
<body>
<div id="__next">
<div class="cookie-banner" id="cookie-consent" role="dialog" aria-live="polite" aria-label="Cookie consent">
<p class="cookie-banner__text">We use cookies and similar technologies to keep this site running, to measure how it is used and to personalise advertising. You can accept all cookies or choose which ones we may use.</p>
<div class="cookie-banner__actions"><button type="button" class="btn btn--primary" data-consent="all">Accept all</button> <button type="button" class="btn btn--ghost" data-consent="necessary">Reject non-essential</button> <a class="btn btn--link" href="{root}/cookies">Manage preferences</a></div>
</div>
<header class="masthead" role="banner">
<a class="masthead__logo" href="{root}/" aria-label="{attr(item.source)} home">{esc(item.source)}</a>
<nav class="masthead__nav" aria-label="Sections">
<ul class="nav-list">
<li class="nav-list__item"><a href="{root}/world">World</a></li>
<li class="nav-list__item nav-list__item--active"><a href="{root}/{slug(item.section)}">{esc(item.section)}</a></li>
<li class="nav-list__item"><a href="{root}/business">Business</a></li>
<li class="nav-list__item"><a href="{root}/politics">Politics</a></li>
<li class="nav-list__item"><a href="{root}/climate">Climate</a></li>
<li class="nav-list__item"><a href="{root}/video">Video</a></li>
</ul>
</nav>
<a class="masthead__subscribe" href="{root}/subscribe">Subscribe</a>
</header>
<main id="main-content" class="layout layout--article">
<nav class="breadcrumb" aria-label="Breadcrumb"><ol class="breadcrumb__list"><li class="breadcrumb__item"><a href="{root}/">Home</a></li><li class="breadcrumb__item"><a href="{root}/world">World</a></li><li class="breadcrumb__item"><a href="{root}/{slug(item.section)}">{esc(item.section)}</a></li></ol></nav>
<article class="article" data-article-id="{item.digest() % 10**8:08d}">
<header class="article__header">
<h1 class="article__headline">{esc(item.title)}</h1>
<div class="article__byline byline"><span class="byline__by">By</span> <a class="byline__author" rel="author" href="{root}/authors/{slug(item.reporter)}">{esc(item.reporter)}</a> <span class="byline__sep">&middot;</span> <time class="byline__time" datetime="{item.iso}">{item.long_date}</time></div>
</header>
<div class="article__body" data-component="text-block">
{paragraphs_html(item)}
</div>
<footer class="article__footer">
<div class="share-tools" data-component="share"><span class="share-tools__label">Share this:</span> {shares} <button type="button" class="share-tools__copy">Copy link</button></div>
</footer>
</article>
<aside class="related" aria-labelledby="related-heading">
<h2 id="related-heading" class="related__heading">Related posts</h2>
<ul class="related__list">
{rel}
</ul>
</aside>
<section class="newsletter-signup" aria-labelledby="newsletter-heading">
<h2 id="newsletter-heading" class="newsletter-signup__heading">Sign up for The Briefing</h2>
<p class="newsletter-signup__text">Our editors' pick of the day's most important stories, in your inbox every weekday morning.</p>
<form class="newsletter-signup__form" action="{root}/api/newsletter" method="post"><label class="visually-hidden" for="nl-email">Email address</label><input id="nl-email" type="email" name="email" placeholder="you@example.com" required><button type="submit">Sign up</button></form>
<p class="newsletter-signup__legal">By signing up you agree to our privacy policy. You can unsubscribe at any time.</p>
</section>
<section class="comments" id="comments" aria-label="Comments">
{comment_form(f"{root}/api/comments", "h2")}
</section>
</main>
<footer class="site-footer" role="contentinfo">
<ul class="site-footer__links"><li><a href="{root}/about">About us</a></li><li><a href="{root}/contact">Contact</a></li><li><a href="{root}/terms">Terms of use</a></li><li><a href="{root}/privacy">Privacy</a></li><li><a href="{root}/cookies">Cookie settings</a></li></ul>
<p class="site-footer__copyright">&copy; {item.published.year} {esc(item.source)}. All rights reserved.</p>
</footer>
</div>
<script src="/_next/static/chunks/main-8a1c.js" defer></script>
</body>
</html>
"""  # noqa: E501


def page_legacy(item: Item, others: list[Item]) -> str:
    """An old regional-paper CMS, served in windows-1252 (the page is encoded so)."""
    root = site_root(item)
    rel = "\n".join(
        "<li>"
        f'<a href="{attr(o.url)}">{esc(o.title)}</a> <span class="date">({o.long_date})</span>'
        "</li>"
        for o in related(item, others)
    )
    shares = " | ".join(f'<a href="{h}" target="_blank">{n}</a>' for n, h in share_links(item))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
<head>
<meta charset="windows-1252" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
{head_meta(item, " :: ")}
<link rel="stylesheet" type="text/css" href="{root}/css/site.css" />
<script type="text/javascript" src="{root}/js/common.js"></script>
</head>
<body id="story-page">
<div id="wrapper">
<div id="header">
<a href="{root}/"><img src="{root}/images/logo.gif" alt="{attr(item.source)}" width="310" height="48" border="0" /></a>
<div id="date-today">{item.published.strftime("%A")}, {item.long_date}</div>
</div>
<div id="topnav">
<ul>
<li><a href="{root}/index.php">Front Page</a></li>
<li><a href="{root}/index.php?section=world">World</a></li>
<li><a href="{root}/index.php?section={slug(item.section)}">{esc(item.section)}</a></li>
<li><a href="{root}/index.php?section=business">Business</a></li>
<li><a href="{root}/index.php?section=sport">Sport</a></li>
<li><a href="{root}/index.php?section=letters">Letters</a></li>
<li><a href="{root}/archive.php">Archive</a></li>
</ul>
</div>
<div id="container">
<div id="leftcol">
<div class="crumbs">You are here: <a href="{root}/index.php">Front Page</a> &gt; <a href="{root}/index.php?section=world">World</a> &gt; <a href="{root}/index.php?section={slug(item.section)}">{esc(item.section)}</a></div>
<article class="story">
<h1 class="headline">{esc(item.title)}</h1>
<div class="storybyline">By <b>{esc(item.reporter)}</b>, Foreign Desk &ndash; {item.published.strftime("%d/%m/%Y %H:%M")}</div>
<div class="storytext">
{paragraphs_html(item)}
</div>
</article>
<div class="sharebar">Share this: {shares} | <a href="javascript:window.print()">Print</a></div>
<div class="relatedbox">
<h4>Related posts</h4>
<ul>
{rel}
</ul>
</div>
<div class="comments">
<a name="comments"></a>
{comment_form(f"{root}/comment.php?story={item.digest() % 100000}", "h4")}
</div>
</div>
<div id="rightcol">
<div class="newsbox">
<h4>Free e-mail newsletter</h4>
<p>Get our headlines delivered to your inbox every morning. Sign up now &ndash; it&#39;s free!</p>
<form action="{root}/newsletter.php" method="post"><input type="text" name="email" value="" size="18" /> <input type="submit" value="Join" /></form>
</div>
<div class="adbox"><p>Advertisement</p><a href="{root}/ads/click.php?id=118"><img src="{root}/ads/banner118.gif" width="160" height="600" alt="" /></a></div>
</div>
</div>
<div id="footer">
<p><a href="{root}/contact.php">Contact us</a> | <a href="{root}/advertise.php">Advertise</a> | <a href="{root}/terms.php">Terms</a></p>
<p>Copyright &copy; 2003-{item.published.year} {esc(item.source)}. All rights reserved.</p>
</div>
</div>
</body>
</html>
"""  # noqa: E501


def page_wire(item: Item, others: list[Item]) -> str:
    """A wire agency's site: dateline-style header, tags, a share rail under the story."""
    root = site_root(item)
    rel = "\n".join(
        f'<li class="related-item"><a href="{attr(o.url)}">'
        f'<h3 class="related-item__title">{esc(o.title)}</h3></a>'
        f'<time datetime="{o.iso}">{o.long_date}</time></li>'
        for o in related(item, others)
    )
    shares = "".join(
        f'<li><a class="social-share__button" href="{h}" rel="noopener" target="_blank">{n}</a>'
        "</li>"
        for n, h in share_links(item)
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
{head_meta(item, " - ")}
<meta name="author" content="{attr(item.reporter)}">
<meta name="robots" content="index, follow, max-image-preview:large">
<link rel="stylesheet" href="{root}/assets/wire.min.css">
</head>
<body class="page-story">
<header class="global-header">
<div class="global-header__top"><a class="logo" href="{root}/">{esc(item.source)}</a> <a class="global-header__login" href="{root}/login">Sign in</a></div>
<nav class="global-nav" role="navigation">
<ul>
<li><a href="{root}/world">World</a></li><li><a href="{root}/{slug(item.section)}">{esc(item.section)}</a></li><li><a href="{root}/us">U.S.</a></li><li><a href="{root}/business">Business</a></li><li><a href="{root}/markets">Markets</a></li><li><a href="{root}/technology">Technology</a></li><li><a href="{root}/investigations">Investigations</a></li>
</ul>
</nav>
</header>
<div class="page-container">
<ul class="breadcrumb" itemscope itemtype="https://schema.org/BreadcrumbList">
<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="{root}/"><span itemprop="name">Home</span></a></li>
<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="{root}/world"><span itemprop="name">World</span></a></li>
<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="{root}/{slug(item.section)}"><span itemprop="name">{esc(item.section)}</span></a></li>
</ul>
<main class="story-main">
<article class="story" itemscope itemtype="https://schema.org/NewsArticle">
<div class="story-header">
<h1 class="story-title" itemprop="headline">{esc(item.title)}</h1>
<div class="story-meta">
<p class="author-name">By <span itemprop="author">{esc(item.reporter)}</span></p>
<p class="date-line"><time itemprop="datePublished" datetime="{item.iso}">{item.published.strftime("%B %d, %Y %I:%M %p")} UTC</time></p>
</div>
</div>
<div class="story-body" itemprop="articleBody">
{paragraphs_html(item)}
</div>
<div class="story-tags">Topics: <a href="{root}/tags/{slug(item.section)}">{esc(item.section)}</a>, <a href="{root}/tags/diplomacy">Diplomacy</a></div>
</article>
<div class="social-share">
<span class="social-share__label">Share this:</span>
<ul class="social-share__list">{shares}</ul>
</div>
<section class="related-stories">
<h2 class="related-stories__title">Related posts</h2>
<ul>
{rel}
</ul>
</section>
<section class="discussion" id="comments">
{comment_form(f"{root}/comments/post")}
</section>
</main>
<aside class="rail">
<div class="newsletter-promo">
<h3>Daily Briefing newsletter</h3>
<p>Sign up to get the stories our reporters are following, every morning.</p>
<a class="newsletter-promo__button" href="{root}/newsletters">Sign up</a>
</div>
<div class="most-read"><h3>Most read</h3><ol>{"".join(f'<li><a href="{attr(o.url)}">{esc(o.title)}</a></li>' for o in related(item, others, 6)[3:])}</ol></div>
</aside>
</div>
<footer class="global-footer">
<p>All quotes delayed a minimum of 15 minutes.</p>
<p>&copy; {item.published.year} {esc(item.source)}. All rights reserved.</p>
</footer>
</body>
</html>
"""  # noqa: E501


def page_magazine(item: Item, others: list[Item]) -> str:
    """A magazine layout: hero header, body in sections, author box, comments via a form."""
    root = site_root(item)
    rel = "\n".join(
        f'<div class="rp-card"><a href="{attr(o.url)}" class="rp-card__link">'
        f'<div class="rp-card__img" style="background-image:url({root}/img/{o.name}.jpg)">'
        f'</div><div class="rp-card__title">{esc(o.title)}</div></a></div>'
        for o in related(item, others)
    )
    shares = "".join(
        f'<a class="ss-btn ss-{slug(n)}" href="{h}" title="Share on {n}">'
        f'<i class="icon-{slug(n)}"></i><span>{n}</span></a>'
        for n, h in share_links(item)
    )
    return f"""<!DOCTYPE html>
<html lang="en-US" prefix="og: https://ogp.me/ns#">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{head_meta(item, " | ")}
<link rel="stylesheet" href="{root}/static/css/magazine.css">
<style>.hero{{min-height:420px}}.ss-btn{{display:inline-block}}</style>
</head>
<body class="single layout-wide">
<div class="topbar"><div class="topbar__date">{item.published.strftime("%A, %B")} {item.published.day}, {item.published.year}</div><div class="topbar__social"><a href="{root}/rss">RSS</a></div></div>
<header class="site-header">
<div class="logo"><a href="{root}/">{esc(item.source)}</a></div>
<nav class="primary-nav">
<a href="{root}/">Home</a>
<a href="{root}/category/{slug(item.section)}/">{esc(item.section)}</a>
<a href="{root}/category/features/">Features</a>
<a href="{root}/category/long-reads/">Long reads</a>
<a href="{root}/category/podcasts/">Podcasts</a>
<a href="{root}/events/">Events</a>
</nav>
</header>
<div class="hero">
<div class="hero__inner">
<div class="breadcrumb"><a href="{root}/">Home</a> / <a href="{root}/category/{slug(item.section)}/">{esc(item.section)}</a> / <span>Article</span></div>
</div>
</div>
<div class="wrap">
<main class="content">
<article class="post-single">
<header class="post-header">
<h1 class="post-title">{esc(item.title)}</h1>
<div class="post-meta"><span class="post-author">Written by <a href="{root}/author/{slug(item.reporter)}/">{esc(item.reporter)}</a></span> <span class="post-date">Published <time datetime="{item.iso}">{item.long_date}</time></span> <span class="reading-time">{max(1, len(item.text.split()) // 230)} min read</span></div>
</header>
<section class="post-content">
{paragraphs_html(item)}
</section>
</article>
<div class="social-share-bar"><h4 class="ss-title">Share this:</h4>{shares}</div>
<div class="author-box"><div class="author-box__name">{esc(item.reporter)}</div><div class="author-box__bio">Correspondent covering {esc(item.section)} for {esc(item.source)}.</div></div>
<div class="related-posts">
<h3 class="related-posts__title">Related posts</h3>
<div class="rp-grid">
{rel}
</div>
</div>
<div class="newsletter-box">
<h3 class="newsletter-box__title">Subscribe to our newsletter</h3>
<p>Weekly long reads and analysis from our correspondents. No spam, unsubscribe any time.</p>
<form action="{root}/subscribe" method="post"><input type="email" name="EMAIL" placeholder="Email address"><input type="submit" value="Subscribe"></form>
</div>
<div id="comments" class="comments-area">
<h3 class="comments-title">0 Comments</h3>
{comment_form(f"{root}/wp-comments-post.php")}
</div>
</main>
</div>
<footer class="site-footer">
<div class="footer-widgets"><div class="footer-about">{esc(item.source)} publishes reporting and analysis from correspondents around the world.</div></div>
<div class="copyright">Copyright &copy; {item.published.year} {esc(item.source)}</div>
</footer>
</body>
</html>
"""  # noqa: E501


def page_regional(item: Item, others: list[Item]) -> str:
    """A bootstrap-based regional news portal with a sticky share bar and sidebar."""
    root = site_root(item)
    rel = "\n".join(
        f'<li class="list-group-item"><a href="{attr(o.url)}">{esc(o.title)}</a></li>'
        for o in related(item, others)
    )
    shares = "\n".join(
        f'<a class="btn btn-sm btn-outline-secondary" href="{h}">{n}</a>'
        for n, h in share_links(item)
    )
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
{head_meta(item, " | ")}
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@4.6.2/dist/css/bootstrap.min.css">
<link rel="alternate" type="application/rss+xml" title="{attr(item.source)}" href="{root}/rss.xml">
</head>
<body>
<nav class="navbar navbar-expand-lg navbar-dark bg-dark">
<a class="navbar-brand" href="{root}/">{esc(item.source)}</a>
<button class="navbar-toggler" type="button" data-toggle="collapse" data-target="#mainNav"><span class="navbar-toggler-icon"></span></button>
<div class="collapse navbar-collapse" id="mainNav">
<ul class="navbar-nav mr-auto">
<li class="nav-item"><a class="nav-link" href="{root}/">Home</a></li>
<li class="nav-item active"><a class="nav-link" href="{root}/region/{slug(item.section)}">{esc(item.section)}</a></li>
<li class="nav-item"><a class="nav-link" href="{root}/region/gulf">Gulf</a></li>
<li class="nav-item"><a class="nav-link" href="{root}/region/north-africa">North Africa</a></li>
<li class="nav-item"><a class="nav-link" href="{root}/economy">Economy</a></li>
<li class="nav-item"><a class="nav-link" href="{root}/multimedia">Multimedia</a></li>
</ul>
<form class="form-inline" action="{root}/search"><input class="form-control mr-sm-2" type="search" name="q" placeholder="Search"></form>
</div>
</nav>
<div class="container mt-3">
<nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="{root}/">Home</a></li><li class="breadcrumb-item"><a href="{root}/region/{slug(item.section)}">{esc(item.section)}</a></li><li class="breadcrumb-item active" aria-current="page">News</li></ol></nav>
<div class="row">
<div class="col-lg-8">
<article class="news-article">
<h1 class="news-article__title">{esc(item.title)}</h1>
<div class="news-article__meta text-muted small">
<span class="author">{esc(item.reporter)}</span> &bull; <span class="date"><time datetime="{item.iso}">{item.published.strftime("%d %B %Y")}</time></span>
</div>
<div class="news-article__text">
{paragraphs_html(item)}
</div>
</article>
<div class="share-bar d-flex align-items-center my-4">
<strong class="mr-2">Share this:</strong>
{shares}
</div>
<div class="card mb-4">
<div class="card-header">Related posts</div>
<ul class="list-group list-group-flush">
{rel}
</ul>
</div>
<div class="comments-section" id="comments">
{comment_form(f"{root}/comment/reply", "h4")}
</div>
</div>
<div class="col-lg-4">
<div class="card bg-light mb-4 newsletter">
<div class="card-body">
<h5 class="card-title">Newsletter sign-up</h5>
<p class="card-text">The region's news, every evening. Enter your email to subscribe.</p>
<form action="{root}/newsletter" method="post"><input class="form-control mb-2" type="email" name="email" placeholder="name@example.com"><button class="btn btn-primary btn-block" type="submit">Subscribe</button></form>
</div>
</div>
<div class="card"><div class="card-header">Latest</div><ul class="list-group list-group-flush">{"".join(f'<li class="list-group-item"><a href="{attr(o.url)}">{esc(o.title)}</a></li>' for o in related(item, others, 7)[4:])}</ul></div>
</div>
</div>
</div>
<footer class="footer bg-dark text-light mt-5 py-4">
<div class="container"><p class="mb-0">&copy; {item.published.year} {esc(item.source)}. All rights reserved. <a class="text-light" href="{root}/privacy">Privacy</a> &middot; <a class="text-light" href="{root}/contact">Contact</a></p></div>
</footer>
<script src="https://cdn.jsdelivr.net/npm/jquery@3.5.1/dist/jquery.slim.min.js"></script>
</body>
</html>
"""  # noqa: E501


LAYOUTS: tuple[Callable[[Item, list[Item]], str], ...] = (
    page_wordpress, page_modern, page_legacy, page_wire, page_magazine, page_regional,
)  # fmt: skip


def build_html(items: list[Item], everyone: list[Item]) -> dict[str, bytes]:
    """One page per article, each in its own layout; the legacy page in windows-1252."""
    if len(items) != len(LAYOUTS):
        raise SystemExit(f"{len(items)} HTML articles for {len(LAYOUTS)} layouts")
    # the legacy page needs an article whose characters windows-1252 has and ASCII lacks
    legacy = next((i for i in items if _needs_cp1252(i.title + i.text)), None)
    if legacy is None:
        raise SystemExit("no HTML article needs (and fits) windows-1252")
    others = [i for i in items if i is not legacy]
    layouts = [layout for layout in LAYOUTS if layout is not page_legacy]
    files = {f"html/{legacy.name}.html": page_legacy(legacy, everyone).encode("cp1252")}
    for item, layout in zip(others, layouts, strict=True):
        files[f"html/{item.name}.html"] = layout(item, everyone).encode("utf-8")
    return files


def _needs_cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return any(ord(ch) > 127 for ch in text)


# -- feeds -----------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """Escape text for an XML element (quotes need no escaping there)."""
    return html.escape(text, quote=False)


RSS_NAMESPACES = (
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"'
)


def build_rss(items: list[Item]) -> bytes:
    """RSS 2.0 of one outlet, full text in content:encoded."""
    first = items[0]
    root = site_root(first)
    latest = max(item.published for item in items)
    entries = []
    for item in sorted(items, key=lambda i: i.published, reverse=True):
        body = "".join(f"<p>{esc(p)}</p>" for p in item.paragraphs)
        entries.append(
            f"""<item>
<title>{xml_text(item.title)}</title>
<link>{xml_text(item.url)}</link>
<guid isPermaLink="true">{xml_text(item.url)}</guid>
<pubDate>{format_datetime(item.published.replace(tzinfo=UTC), usegmt=True)}</pubDate>
<dc:creator>{xml_text(item.reporter)}</dc:creator>
<category>{xml_text(item.section)}</category>
<description>{xml_text(summary(item))}</description>
<content:encoded><![CDATA[{body}]]></content:encoded>
</item>"""
        )
    items_xml = "\n".join(entries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" {RSS_NAMESPACES}>
<channel>
<title>{xml_text(first.source)}</title>
<link>{root}/world</link>
<atom:link href="{root}/world/rss.xml" rel="self" type="application/rss+xml"/>
<description>World news from {xml_text(first.source)}</description>
<language>en</language>
<lastBuildDate>{format_datetime(latest.replace(tzinfo=UTC), usegmt=True)}</lastBuildDate>
<ttl>15</ttl>
{items_xml}
</channel>
</rss>
""".encode()


def build_atom(items: list[Item]) -> bytes:
    """Atom of one outlet's regional desk, full text as escaped HTML in <content>."""
    first = items[0]
    root = site_root(first)
    latest = max(item.published for item in items)
    entries = []
    for item in sorted(items, key=lambda i: i.published, reverse=True):
        body = "".join(f"<p>{esc(p)}</p>" for p in item.paragraphs)
        entries.append(
            f"""<entry>
<title>{xml_text(item.title)}</title>
<link rel="alternate" type="text/html" href="{attr(item.url)}"/>
<id>{xml_text(item.url)}</id>
<published>{item.iso}</published>
<updated>{item.iso}</updated>
<author><name>{xml_text(item.reporter)}</name></author>
<summary>{xml_text(summary(item))}</summary>
<content type="html">{xml_text(body)}</content>
</entry>"""
        )
    entries_xml = "\n".join(entries)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>{xml_text(first.source)}</title>
<subtitle>Europe desk</subtitle>
<link rel="alternate" type="text/html" href="{root}/europe"/>
<link rel="self" type="application/atom+xml" href="{root}/europe/atom.xml"/>
<id>{root}/europe</id>
<updated>{latest.strftime("%Y-%m-%dT%H:%M:%SZ")}</updated>
{entries_xml}
</feed>
""".encode()


# -- JSON Lines ------------------------------------------------------------------------


def build_jsonl(items: list[Item]) -> bytes:
    """One object per line; every third carries an HTML fragment; the syndicated copy last."""
    lines = []
    for number, item in enumerate(items, start=1):
        record: dict[str, str] = {"title": item.title}
        if number % JSONL_HTML_EVERY == 2:
            record["html"] = "\n".join(f"<p>{esc(p)}</p>" for p in item.paragraphs)
        else:
            record["text"] = item.text
        record.update(url=item.url, published=item.iso, source=item.source)
        lines.append(record)
    lines.append(syndicated_copy(next(i for i in items if i.name == SYNDICATED_FROM)))
    data = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode()
    return gzip.compress(data, compresslevel=9, mtime=0)


def syndicated_copy(item: Item) -> dict[str, str]:
    text = item.text
    for old, new in SYNDICATED["changes"]:
        if text.count(old) != 1:
            raise SystemExit(f"{item.name}: {old!r} must occur once for the syndicated copy")
        text = text.replace(old, new, 1)
    return {
        "title": str(SYNDICATED["title"]),
        "text": f"{text}\n\n{SYNDICATED['trailer']}",
        "url": str(SYNDICATED["url"]),
        "published": (item.published + SYNDICATED_DELAY).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "source": str(SYNDICATED["source"]),
    }


# -- WARC ------------------------------------------------------------------------------


def crawl_page(item: Item) -> str:
    """The simpler page of a crawled site: navigation, the story, a share bar, comments."""
    root = site_root(item)
    shares = " ".join(f'<a href="{h}">{n}</a>' for n, h in share_links(item)[:3])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{head_meta(item)}
</head>
<body>
<header class="header"><a class="brand" href="{root}/">{esc(item.source)}</a>
<nav class="menu"><a href="{root}/">Home</a> <a href="{root}/world">World</a> <a href="{root}/{slug(item.section)}">{esc(item.section)}</a> <a href="{root}/business">Business</a> <a href="{root}/opinion">Opinion</a></nav></header>
<main>
<div class="breadcrumbs"><a href="{root}/">Home</a> › <a href="{root}/{slug(item.section)}">{esc(item.section)}</a></div>
<article>
<h1>{esc(item.title)}</h1>
<p class="byline">By {esc(item.reporter)} | <time datetime="{item.iso}">{item.long_date}</time></p>
{paragraphs_html(item)}
</article>
<div class="share">Share this: {shares}</div>
<section class="comments">
{comment_form(f"{root}/comments")}
</section>
</main>
<footer><p>&copy; {item.published.year} {esc(item.source)}</p></footer>
</body>
</html>
"""  # noqa: E501


def record_id(key: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}>"


def warc_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def ip_for(url: str) -> str:
    host = urlsplit(url).netloc
    return f"192.0.2.{int(hashlib.sha256(host.encode()).hexdigest(), 16) % 250 + 2}"


class Crawl:
    """Writes CC-NEWS-style records with fixed dates and ids into one gzipped WARC."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.writer = WARCWriter(self.buffer, gzip=True, warc_version="1.1")

    def warcinfo(self, filename: str, when: datetime, info: dict[str, str]) -> None:
        record = self.writer.create_warcinfo_record(filename, info)
        record.rec_headers.replace_header("WARC-Record-ID", record_id(f"warcinfo:{filename}"))
        record.rec_headers.replace_header("WARC-Date", warc_date(when))
        self.writer.write_record(record)

    def exchange(
        self,
        url: str,
        when: datetime,
        status: str,
        headers: list[tuple[str, str]],
        body: bytes,
        accept: str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    ) -> str:
        """A request record and its response record; returns the response's record id."""
        parts = urlsplit(url)
        response_id = record_id(f"response:{url}")
        request = StatusAndHeaders(
            f"GET {parts.path or '/'} HTTP/1.1",
            [
                ("User-Agent", "sitrep-sample-crawler/1.0 (+https://sitrep.test/crawler)"),
                ("Accept", accept),
                ("Accept-Language", "en-US,en;q=0.5"),
                ("Accept-Encoding", "br,gzip"),
                ("Host", parts.netloc),
                ("Connection", "Keep-Alive"),
            ],
            is_http_request=True,
        )
        common = {"WARC-Date": warc_date(when), "WARC-IP-Address": ip_for(url)}
        self.writer.write_record(
            self.writer.create_warc_record(
                url,
                "request",
                http_headers=request,
                warc_headers_dict={
                    "WARC-Record-ID": record_id(f"request:{url}"),
                    **common,
                    "WARC-Concurrent-To": response_id,
                },
            )
        )
        http_date = format_datetime(when.replace(tzinfo=UTC), usegmt=True)
        response = StatusAndHeaders(
            status,
            [("Date", http_date), ("Server", "nginx"), *headers,
             ("Content-Length", str(len(body)))],
            protocol="HTTP/1.1",
        )  # fmt: skip
        self.writer.write_record(
            self.writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=response,
                warc_headers_dict={"WARC-Record-ID": response_id, **common},
            )
        )
        return response_id

    def metadata(self, url: str, when: datetime, refers_to: str, fields: dict[str, str]) -> None:
        body = "".join(f"{k}: {v}\r\n" for k, v in fields.items()).encode()
        self.writer.write_record(
            self.writer.create_warc_record(
                url,
                "metadata",
                payload=io.BytesIO(body),
                length=len(body),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": record_id(f"metadata:{url}"),
                    "WARC-Date": warc_date(when),
                    "WARC-Concurrent-To": refers_to,
                },
            )
        )


HTML_UTF8 = ("Content-Type", "text/html; charset=utf-8")
FETCH_DELAY = timedelta(minutes=47)  # the crawler finds a page this long after publication
WARC_1_1_SPEC = "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
NOT_FOUND_PAGE = (
    b"<!DOCTYPE html><html><head><title>Page not found</title></head><body>"
    b"<h1>404</h1><p>Sorry, the page you were looking for could not be found.</p>"
    b"</body></html>"
)
# A tiny, valid 1x1 baseline JPEG (a photo the crawler fetched along with the pages).
JPEG_1X1 = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c"
    "1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0"
    "000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bff"
    "c400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a10823"
    "42b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a5354555657"
    "58595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aa"
    "b2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8"
    "f9faffda0008010100003f00fbd3ffd9"
)


def build_warc(items: list[Item]) -> bytes:
    """warcinfo, then request/response pairs per article in crawl order, with noise records."""
    crawl = Crawl()
    pages = sorted(((item.published + FETCH_DELAY, item) for item in items), key=lambda p: p[0])
    crawl.warcinfo(
        "crawl.warc.gz",
        pages[0][0] - timedelta(minutes=1),
        {
            "software": "sitrep tools/make_samples.py (warcio)",
            "isPartOf": "sitrep-samples-news",
            "description": "News pages crawled for the sitrep demo, in the style of CC-NEWS",
            "format": "WARC File Format 1.1",
            "conformsTo": WARC_1_1_SPEC,
            "robots": "checked",
        },
    )
    for number, (when, item) in enumerate(pages):
        root = site_root(item)
        if number == 2:  # the page's old http:// address redirects to it
            old = "http://" + item.url.split("://", 1)[1]
            moved = f'<html><body><a href="{item.url}">Moved Permanently</a></body></html>'
            crawl.exchange(
                old,
                when - timedelta(seconds=1),
                "301 Moved Permanently",
                [HTML_UTF8, ("Location", item.url)],
                moved.encode(),
            )
        page = crawl_page(item).encode("utf-8")
        response_id = crawl.exchange(item.url, when, "200 OK", [HTML_UTF8], page)
        if number == 0:  # CC-NEWS-style metadata about the fetch
            crawl.metadata(item.url, when, response_id, {"fetchTimeMs": "412"})
        elif number == 5:  # the lead photo of the story just fetched
            crawl.exchange(
                f"{root}/media/{item.name}-lead.jpg",
                when + timedelta(seconds=12),
                "200 OK",
                [("Content-Type", "image/jpeg")],
                JPEG_1X1,
                accept="image/avif,image/webp,image/*,*/*;q=0.8",
            )
        elif number == 8:  # a link from the page that no longer exists
            crawl.exchange(
                f"{root}/live/blog-updates-archive",
                when + timedelta(seconds=20),
                "404 Not Found",
                [HTML_UTF8],
                NOT_FOUND_PAGE,
            )
    data = crawl.buffer.getvalue()
    _check_gzip_members(data)
    return data


def _check_gzip_members(data: bytes) -> None:
    """warcio gzips each record through zlib, whose header has mtime 0; make sure of it."""
    rest = data
    while rest:
        if rest[:2] != b"\x1f\x8b" or rest[4:8] != b"\0\0\0\0":
            raise SystemExit("crawl.warc.gz: a gzip member has a modification time")
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        inflater.decompress(rest)
        rest = inflater.unused_data


# -- README and driver -----------------------------------------------------------------


def build_readme(plan: dict[str, list[Item]]) -> bytes:
    n = {fmt: len(group) for fmt, group in plan.items()}
    total = sum(n.values())
    return f"""# Sample corpus

These {total} articles, plus the seed article, were written by the sitrep team for testing and
demos: fictionalised wire-style copy about real-world settings, not reporting by the outlets
named (all outlets and addresses are invented, on `.test` domains). `make demo` ingests this
folder, which holds every input format sitrep reads: `txt/` has the seed article
(`syria-russia-bases.txt`, undated) and {n["txt"]} plain-text articles with a
`Published:` line; `html/` has {n["html"]} full news pages in different layouts (one in
windows-1252, one with a cookie banner); `feeds/world.rss` is an RSS 2.0 feed of
{n["rss"]} articles with the full text in `content:encoded`, and `feeds/region.atom` an Atom
feed of {n["atom"]}; `articles.jsonl.gz` holds {n["jsonl"]} articles (3 as HTML fragments) and
one syndicated copy of one of them under another outlet's headline, for near-duplicate
detection; `crawl.warc.gz` is a CC-NEWS-style WARC with request and response records for
{n["warc"]} pages plus a redirect, a 404, an image and a metadata record that are skipped.
`python tools/make_samples.py` rebuilds the folder, byte for byte, from `eval/articles`,
`eval/gold` and `tests/data/seed`.
""".encode()


def build(out: Path) -> dict[str, bytes]:
    """Every output file (relative path to bytes), written under `out`."""
    items = load_items()
    plan = assign(items)
    files: dict[str, bytes] = {}
    files.update(build_txt(plan["txt"]))
    files.update(build_html(plan["html"], items))
    files["feeds/world.rss"] = build_rss(plan["rss"])
    files["feeds/region.atom"] = build_atom(plan["atom"])
    files["articles.jsonl.gz"] = build_jsonl(plan["jsonl"])
    files["crawl.warc.gz"] = build_warc(plan["warc"])
    files["README.md"] = build_readme(plan)
    for stale in _stale_files(out, files):
        stale.unlink()
    for name, data in sorted(files.items()):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    return files


def _stale_files(out: Path, files: dict[str, bytes]) -> Iterator[Path]:
    for folder in MANAGED_DIRS:
        if (out / folder).is_dir():
            for path in sorted((out / folder).iterdir()):
                if path.is_file() and path.relative_to(out).as_posix() not in files:
                    yield path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})"
    )
    args = parser.parse_args(argv)
    files = build(args.out)
    for name in sorted(files):
        digest = hashlib.sha256(files[name]).hexdigest()[:16]
        print(f"{digest}  {len(files[name]):>7}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
