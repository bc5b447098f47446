"""Briefings: every line cites stored spans that say what the line quotes; the seed's briefing
names what an analyst would want from it; scopes, dates, copies and the CLI."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.config import Settings
from sitrep.errors import ConfigError, NotFoundError
from sitrep.kb import load_kb
from sitrep.pipeline import ingest
from sitrep.schema import Document, Extraction, Quote, content_id
from sitrep.store import Store
from sitrep.stories import brief, render, update_stories
from sitrep.stories.citations import fold
from tests.conftest import SEED

FOOTNOTE = re.compile(r"^\[\^(\d+)\]: .*, document (\w+), characters (\d+)–(\d+): “(.*)”$")
MARKS = re.compile(r"(?:\[\^(\d+)\])+$")


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory, analyzer) -> Path:
    """The seed ingested with the real pipeline (which clusters it into a story)."""
    path = tmp_path_factory.mktemp("brief") / "seed.duckdb"
    with Store.open(path) as store:
        ingest([str(SEED)], store, Settings(), analyzer=analyzer)
    return path


@pytest.fixture
def store(seed_store):
    with Store.open(seed_store, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def seed_story(store: Store) -> str:
    rows = store.query("SELECT id FROM stories")
    assert len(rows) == 1
    return str(rows[0]["id"])


def sections(markdown: str) -> dict[str, list[str]]:
    """Bullet lines under each heading."""
    found: dict[str, list[str]] = {}
    heading = ""
    for line in markdown.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("# ")
            found[heading] = []
        elif line.startswith("- "):
            found[heading].append(line[2:])
    return found


def check_citations(markdown: str, store: Store) -> dict[int, str]:
    """Every bullet ends in citation marks; every mark has a footnote whose span is stored
    and holds the footnote's text; what a line quotes is in the spans it cites."""
    notes: dict[int, str] = {}
    for line in markdown.splitlines():
        match = FOOTNOTE.match(line)
        if match:
            number, doc_id, start, end, text = match.groups()
            stored = store.query("SELECT text FROM documents WHERE id = ?", [doc_id])
            assert stored, f"footnote {number}: no document {doc_id}"
            assert fold(stored[0]["text"][int(start) : int(end)]) == text, f"footnote {number}"
            notes[int(number)] = text
    cited: set[int] = set()
    bullets = [line[2:] for line in markdown.splitlines() if line.startswith("- ")]
    assert bullets
    for line in bullets:
        marks = MARKS.search(line)
        assert marks, f"uncited line: {line}"
        numbers = [int(n) for n in re.findall(r"\[\^(\d+)\]", marks.group())]
        assert all(n in notes for n in numbers), line
        cited.update(numbers)
        if "“" in line:
            quoted = line[line.index("“") + 1 : line.rindex("”")]
            assert any(quoted in notes[n] for n in numbers), f"not in its sources: {line}"
    assert cited == set(notes), "every footnote is cited"
    assert sorted(notes) == list(range(1, len(notes) + 1))
    return notes


def test_every_line_of_the_seed_briefing_cites_stored_spans(store, kb):
    markdown = render(brief(store, kb, story=seed_story(store)), "md")
    notes = check_citations(markdown, store)
    assert len(notes) >= 10


def test_the_seed_briefing_names_what_an_analyst_needs(store, kb):
    briefing = brief(store, kb, story=seed_story(store)[:8])
    assert briefing.title == "Russia / Syria: Khmeimim, Tartus"
    found = sections(render(briefing, "md"))
    # Ahmed al-Sharaa's wish to keep Russia's presence, set apart as intended
    assert any(
        "Ahmed al-Sharaa → Russia" in line and "(intended)" in line and "preserve" in line
        for line in found["Intended, hypothetical, denied or negated"]
    )
    # the Al Arabiya quotes
    arabiya = [line for line in found["Who said what"] if "(to Al Arabiya)" in line]
    assert any("All of Syria’s arms are of Russian origin" in line for line in arabiya)
    assert any("Syria cannot continue without relations" in line for line in arabiya)
    # Ukraine's position: its foreign minister's words and its stance toward Russia
    assert any(
        line.startswith("Andrii Sybiha") and "removal of Russia’s presence in Syria" in line
        for line in found["Who said what"]
    )
    assert any(
        line.startswith("Ukraine → Russia: -") and "hostile" in line
        for line in found["How stances moved"]
    )
    # the undecided fate of Khmeimim and Tartus
    assert any(
        "no final decision has been reached on Khmeimim and Tartus" in line
        for line in found["Open questions"]
    )


def test_html_marks_link_to_sources_holding_stored_spans(store, kb):
    page = render(brief(store, kb, story=seed_story(store)), "html")
    assert page.startswith("<!DOCTYPE html>")
    items = re.findall(r"<li>(.*?)</li>", page)
    assert items
    for item in items:
        assert re.search(r'<sup><a href="#cite-\d+">\[\d+\]</a></sup>$', item), item
    for number, doc_id, start, end in re.findall(
        r'<li id="cite-(\d+)" data-doc="(\w+)" data-start="(\d+)" data-end="(\d+)">', page
    ):
        text = store.query("SELECT text FROM documents WHERE id = ?", [doc_id])[0]["text"]
        assert text[int(start) : int(end)].strip(), number
    assert "<script" not in page


def test_an_actor_by_any_alias_and_a_pair(store, kb):
    by_alias = brief(store, kb, actor="Jolani")
    assert by_alias.title == "Ahmed al-Sharaa" and by_alias.scope.ids == ("ahmed-al-sharaa",)
    check_citations(render(by_alias, "md"), store)
    pair = brief(store, kb, pair=("Ukraine", "Russia"))
    found = sections(render(pair, "md"))
    assert pair.title == "Ukraine and Russia"
    assert any(line.startswith("Ukraine → Russia") for line in found["How stances moved"])
    assert not any("Iran" in line for line in found["Key developments"])


def test_days_outside_the_story_leave_every_section_empty(store, kb):
    briefing = brief(store, kb, story=seed_story(store), since=date(2025, 1, 1))
    markdown = render(briefing, "md")
    assert briefing.documents == 0 and not briefing.citations
    assert "- " not in markdown and "_No quotations._" in markdown


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({}, ConfigError, "give one of a story, an actor or a pair"),
        ({"story": "x" * 12, "actor": "Syria"}, ConfigError, "got story and actor"),
        ({"story": "ffffffffffff"}, NotFoundError, "no story with id 'ffffffffffff'"),
        ({"actor": "Nobody Atall"}, NotFoundError, "no actor named 'Nobody Atall'"),
        ({"pair": ("Syria", "Nobody Atall")}, NotFoundError, "Nobody Atall"),
    ],
)
def test_bad_scopes_are_one_line_errors(store, kb, kwargs, error, message):
    with pytest.raises(error, match=re.escape(message)):
        brief(store, kb, **kwargs)


def test_until_before_since_is_refused(store, kb):
    with pytest.raises(ConfigError, match=r"until \(2025-01-01\) is before since"):
        brief(store, kb, actor="Syria", since=date(2025, 2, 1), until=date(2025, 1, 1))


def test_a_syndicated_copy_is_quoted_once(kb):
    words = "The bases will stay for now"
    with Store.open(":memory:") as store:
        docs = []
        for title, copy_of in (("Bases stay, says Moscow", None), ("Moscow: bases stay", "x")):
            text = f"{title}\n\n“{words},” a Kremlin spokesman said on Friday."
            doc_id = content_id(text)
            cluster = docs[0].document.id if copy_of else doc_id
            doc = Document(doc_id, text, title, "2025-01-03", "Wire", None, "en", "t",
                           cluster_id=cluster)  # fmt: skip
            start = text.index(words)
            quote = Quote(doc_id, start, start + len(words), words, "direct", "Dmitry Peskov",
                          None, "said", sentence_start=len(title) + 2, sentence_end=len(text))  # fmt: skip
            docs.append(Extraction(doc, quotes=(quote,)))
        store.write([(ex, None) for ex in docs])
        update_stories(store)
        story = store.query("SELECT id FROM stories")[0]["id"]
        markdown = render(brief(store, kb, story=story), "md")
    said = sections(markdown)["Who said what"]
    assert len(said) == 1 and words in said[0]
    assert f"document {docs[0].document.id}" in markdown
    assert f"document {docs[1].document.id}" not in markdown


def test_cli_lists_stories_and_writes_a_briefing(seed_store):
    runner = CliRunner()
    listed = runner.invoke(main, ["stories", "--db", str(seed_store)])
    assert listed.exit_code == 0, listed.output
    story_id, rest = listed.output.split(maxsplit=1)
    assert "1 article " in rest and rest.rstrip().endswith("Russia / Syria: Khmeimim, Tartus")
    written = runner.invoke(main, ["brief", "--story", story_id, "--db", str(seed_store)])
    assert written.exit_code == 0 and written.output.startswith("# Briefing: Russia / Syria")
    html = runner.invoke(main, ["brief", "--pair", "Syria", "Russia", "--format", "html",
                                "--db", str(seed_store)])  # fmt: skip
    assert html.exit_code == 0 and "<h1>Briefing: Syria and Russia</h1>" in html.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["brief"], "give one of a story, an actor or a pair of actors"),
        (["brief", "--story", "ffffffffffff"], "no story with id 'ffffffffffff'"),
        (["brief", "--actor", "Nobody Atall"], "no actor named 'Nobody Atall'"),
    ],
)
def test_cli_errors_are_one_line(seed_store, args, message):
    result = CliRunner().invoke(main, [*args, "--db", str(seed_store)])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1
    assert lines[0].startswith(f"sitrep: error: {message}")


def test_a_happening_reported_twice_is_one_line_with_its_backing(tmp_path, analyzer):
    reports = {
        "a.jsonl": ('{"title": "Drones hit Kharkiv", "source": "Atlas Newswire", '
                    '"published": "2025-03-02", "text": "Russian forces struck Kharkiv with '
                    'drones on Sunday, killing four people, the regional governor said."}\n'),
        "b.jsonl": ('{"title": "Kharkiv struck overnight", "source": "Eastern Courier", '
                    '"published": "2025-03-02", "text": "Russia attacked Kharkiv with a swarm '
                    'of drones on Sunday, officials in the city said, and five people were '
                    'killed as apartment blocks burned."}\n'),
    }  # fmt: skip
    for name, line in reports.items():
        (tmp_path / name).write_text(line)
    with Store.open(tmp_path / "s.duckdb") as store:
        ingest([str(tmp_path / n) for n in reports], store, Settings(), analyzer=analyzer)
        backing = store.query("SELECT n_reports, n_independent_sources FROM occurrences "
                              "WHERE type = 'ASSAULT'")  # fmt: skip
        assert backing == [{"n_reports": 2, "n_independent_sources": 2}]
        text = render(brief(store, load_kb(), actor="Kharkiv"), "md")
    developments = [line for line in text.splitlines() if "ASSAULT" in line]
    assert len(developments) == 1
    assert "[2 reports, 2 independent sources]" in developments[0]
