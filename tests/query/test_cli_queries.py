"""The query commands (actors, actor, quotes, events, relations, timeline) and serve's help."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.cli.serve import is_loopback

COMMANDS = ("actors", "actor", "quotes", "events", "relations", "timeline", "serve")


@pytest.fixture
def run(monkeypatch, tmp_path, store_path):
    monkeypatch.setenv("HOME", str(tmp_path))  # no user settings file leaks in
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [*args, "--db", str(store_path)], catch_exceptions=False)

    return invoke


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"sitrep {command}" in result.output


def test_actors_lists_most_mentioned_first(run):
    result = run("actors", "--type", "person", "--country", "SYR")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:2] == ["9", "ahmed-al-sharaa"]
    assert len(lines) == 2 and lines[1].endswith("Bashar al-Assad")


def test_actor_by_alias_shows_roles_and_names(run):
    result = run("actor", "Jolani")
    assert result.exit_code == 0
    assert result.output.startswith("Ahmed al-Sharaa  (ahmed-al-sharaa; PERSON")
    assert "role: leader of Hay'at Tahrir al-Sham (2017-01-28 to 2024-12-08)" in result.output
    assert "names seen: " in result.output and "Jolani" in result.output


def test_quotes_print_quote_speaker_date_outlet_and_document(run):
    result = run("quotes", "--by", "Al Sharaa", "--about", "Russia", "--until", "2024-12-31")
    assert result.exit_code == 0
    assert "“All of Syria’s arms are of Russian origin" in result.output
    assert "    Ahmed al-Sharaa  2024-12-29  Al Arabiya  doc " in result.output


def test_events_hide_hypothetical_unless_asked(run):
    plain = run("events", "--actor", "the Kremlin", "--type", "retreat")
    assert plain.exit_code == 0 and "[hypothetical]" not in plain.output
    assert plain.output.startswith("2024-12-29  RETREAT")
    every = run("events", "--actor", "Russia", "--include-hypothetical")
    assert "[hypothetical]  in Tartus" in every.output


def test_relations_and_timeline(run):
    result = run("relations", "Syria", "Russia")
    assert result.exit_code == 0
    assert (
        result.output.splitlines()[0]
        == "Syria -> Russia  +0.75  (2 records, 2024-12-29 to 2025-01-28)"
    )
    assert "week of 2024-12-23  +1.00  “All of Syria’s arms" in result.output
    # as known at the end of 2024: only the record published on 2024-12-29
    early = run("relations", "Syria", "Russia", "--as-of", "2024-12-31")
    assert early.output.splitlines()[0].startswith("Syria -> Russia  +1.00  (1 records, 2024-12-29")
    before = run("relations", "Syria", "Russia", "--as-of", "2024-12-01")
    assert before.stdout == "" and before.stderr == "no stance records\n"
    assert run("relations", "Syria", "--as-of", "someday").exit_code == 2
    timeline = run("timeline", "Jolani", "Russia")
    assert timeline.output.splitlines()[0].startswith(
        "2024-12-29  direct     Ahmed al-Sharaa: “All of"
    )


def test_unknown_names_and_bad_dates_are_one_line_errors(run):
    result = run("actor", "Nobody Atall")
    assert result.exit_code == 2
    assert result.stderr.strip() == "sitrep: error: no actor named 'Nobody Atall' in this store"
    assert run("quotes", "--since", "2025-13-01").exit_code == 2


def test_serve_binds_loopback_unless_told():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    default = next(p for p in main.commands["serve"].params if p.name == "host").default
    assert default == "127.0.0.1"
