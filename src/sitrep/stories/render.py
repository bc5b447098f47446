"""A briefing as Markdown (citations as footnotes) or as a standalone HTML page."""

from __future__ import annotations

import html

from sitrep.stories.briefing import Briefing
from sitrep.stories.citations import Citation
from sitrep.stories.sections import Line

FORMATS = ("md", "html")
STYLE = """body{font:15px/1.55 system-ui,sans-serif;color:#1d2433;max-width:56rem;margin:2rem auto;
padding:0 1rem}h2{border-bottom:1px solid #dde2ea;padding-bottom:.2rem}.meta{color:#5d6677}
sup a{text-decoration:none}ol.citations{font-size:.9rem;color:#3b4252}"""


def render(briefing: Briefing, fmt: str) -> str:
    """The briefing in a format of FORMATS."""
    return render_html(briefing) if fmt == "html" else render_markdown(briefing)


def describe(briefing: Briefing) -> str:
    """One line on what the briefing covers: scope, documents and days."""
    scope = briefing.scope
    what = {"story": "Story", "actor": "Actor", "pair": "Actors"}[scope.kind]
    days = f"{briefing.first or '?'} to {briefing.last or '?'}" if briefing.documents else "-"
    limits = "".join(
        f"; {word} {day}"
        for word, day in (("since", briefing.since), ("until", briefing.until))
        if day
    )
    return (
        f"{what} {' and '.join(scope.ids)} · {briefing.documents} document"
        f"{'' if briefing.documents == 1 else 's'} · {days}{limits}. "
        "Every line cites the stored sentence it rests on."
    )


def source_of(citation: Citation) -> str:
    """'Outlet, 2025-01-03, “Title”, document ID, characters 10–80'."""
    day = f"{citation.date or 'undated'}{' (estimated)' if citation.date_estimated else ''}"
    return (
        f"{citation.outlet or 'No outlet named'}, {day}, “{citation.title or '(untitled)'}”, "
        f"document {citation.doc_id}, characters {citation.start}–{citation.end}"
    )


def render_markdown(briefing: Briefing) -> str:
    """Headings, one bullet per line with footnote markers, then the footnotes."""
    out = [f"# Briefing: {briefing.title}", "", f"_{describe(briefing)}_", ""]
    for section in briefing.sections:
        out += [f"{'#' * section.level} {section.title}", ""]
        out += [f"- {_md_line(line)}" for line in section.lines] or [f"_{section.empty}_"]
        out.append("")
    out += ["## Sources", ""]
    out += [f"[^{c.number}]: {source_of(c)}: “{c.text}”" for c in briefing.citations]
    return "\n".join(out) + "\n"


def _md_line(line: Line) -> str:
    return f"{line.text} " + "".join(f"[^{n}]" for n in line.citations)


def render_html(briefing: Briefing) -> str:
    """A standalone page: sections as lists, citation marks linking to the numbered sources."""
    esc = html.escape
    body = [
        f"<h1>Briefing: {esc(briefing.title)}</h1>",
        f'<p class="meta">{esc(describe(briefing))}</p>',
    ]
    for section in briefing.sections:
        tag = f"h{section.level}"
        body.append(f'<{tag} id="{section.key}">{esc(section.title)}</{tag}>')
        if section.lines:
            items = "".join(f"<li>{_html_line(line)}</li>" for line in section.lines)
            body.append(f"<ul>{items}</ul>")
        else:
            body.append(f'<p class="meta">{esc(section.empty)}</p>')
    body.append("<h2>Sources</h2>")
    sources = "".join(
        f'<li id="cite-{c.number}" data-doc="{esc(c.doc_id)}" data-start="{c.start}" '
        f'data-end="{c.end}">{esc(source_of(c))}: <q>{esc(c.text)}</q></li>'
        for c in briefing.citations
    )
    body.append(f'<ol class="citations">{sources}</ol>')
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Briefing: {esc(briefing.title)}</title><style>{STYLE}</style></head>\n"
        f'<body><article class="briefing">\n{chr(10).join(body)}\n</article></body></html>\n'
    )


def _html_line(line: Line) -> str:
    marks = "".join(f'<sup><a href="#cite-{n}">[{n}]</a></sup>' for n in line.citations)
    return f"{html.escape(line.text)} {marks}"
