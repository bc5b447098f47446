"""The knowledge base: validated files with file:line errors, aliases, dated roles, places."""

from __future__ import annotations

import re

import pytest

from sitrep.errors import KnowledgeBaseError
from sitrep.kb import alias_key, load_kb
from sitrep.kb.loader import load_actor_file
from sitrep.kb.names import surface_variants


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_alias_keys_ignore_case_accents_particles_and_spelling_variants():
    assert alias_key("Al-Sharaa") == alias_key("al Sharaa") == alias_key("AL SHARAA")
    assert alias_key("Abu Mohammad al-Jolani") == alias_key("Abu Muhammad Al Julani")
    assert alias_key("Hay’at Tahrir al-Sham") == alias_key("Hay'at Tahrir al-Sham")
    assert alias_key("Recep Tayyip Erdoğan") == alias_key("Recep Tayyip Erdogan")
    assert alias_key("U.S.") == alias_key("US")
    assert alias_key("as Jolani") != alias_key("al Jolani")  # "as" is an English word too


def test_surface_variants_cover_hyphen_and_apostrophe_spellings():
    forms = surface_variants("Hay'at Tahrir al-Sham")
    assert "Hay'at Tahrir al Sham" in forms and "Hay’at Tahrir al-Sham" in forms


def test_the_curated_base_is_large_and_covers_the_issue_list(kb):
    curated = [a for a in kb.actors.values() if a.source not in ("geonames", "countries")]
    assert len(curated) >= 600
    media = [a for a in curated if a.kind == "media"]
    assert len(media) >= 80
    for name in ("Hay'at Tahrir al-Sham", "Hamas", "Hezbollah", "Houthis", "Wagner Group",
                 "Syrian Democratic Forces", "NATO", "European Union", "African Union", "OPEC",
                 "Khmeimim Air Base", "Tartus naval base"):  # fmt: skip
        assert kb.lookup(name), name


def test_roles_with_dates_give_the_code_on_the_day(kb):
    sharaa = kb.lookup("Jolani")[0]
    assert sharaa.name == "Ahmed al-Sharaa"
    assert sharaa.code_on("2024-11-01") == "SYRREB"
    assert sharaa.code_on("2024-12-29") == "SYRGOV"
    assert [a.name for a in kb.holders("foreign minister", "UKR", "2024-12-29")] == [
        "Andrii Sybiha"
    ]
    assert [a.name for a in kb.holders("foreign minister", "UKR", "2024-01-10")] == [
        "Dmytro Kuleba"
    ]


def test_countries_demonyms_capitals_seats_and_places(kb):
    assert kb.country_of_demonym("Russian") == "RUS"
    assert kb.country_of_demonym("Syrian") == "SYR"
    assert kb.country_of_capital("Moscow") == "RUS"
    assert kb.candidates("Kremlin")[0].actor_id == "RUS"
    damascus = kb.lookup("Damascus")[0]
    assert (damascus.country, round(damascus.lat or 0), round(damascus.lon or 0)) == ("SYR", 34, 36)
    assert kb.lookup("Africa")[0].type == "LOC"


def test_a_malformed_file_names_file_and_line(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("- id: good-one\n  name: Good One\n  type: PERSON\n"
                    "- id: bad-one\n  name: Bad One\n  type: ROBOT\n")  # fmt: skip
    with pytest.raises(KnowledgeBaseError, match=r"mine.yaml:4: type 'ROBOT' is not one of"):
        load_actor_file(path)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [("- id: x\n  name: X\n  type: ORG\n  colour: red\n", "unknown key 'colour'"),
     ("- id: X Y\n  name: X\n  type: ORG\n", "must be lowercase"),
     ("- id: x\n  type: ORG\n", "missing or empty 'name'"),
     ("- id: x\n  name: X\n  type: ORG\n  country: Syria\n", "not an ISO 3166 alpha-3"),
     ("- id: x\n  name: X\n  type: FACILITY\n  lat: 123\n", "lat 123 is not a number"),
     ("- id: x\n  name: X\n  type: PERSON\n  roles:\n    - {title: president, start: 2020-13-01}\n",
      "kb.yaml:1: bad value (month must be in 1..12)"),
     ("- id: x\n  name: X\n  type: PERSON\n  roles:\n    - {title: president, start: 'March 2020'}\n",
      "not an ISO date"),
     ("- id: x\n  name: X\n  type: PERSON\n  roles:\n    - {title: p, start: 2021-01-01, end: 2020-01-01}\n",
      "ends (2020-01-01) before it starts"),
     ("- id: x\n  name: [unclosed\n", "not valid YAML"),
     ("just: a mapping\n", "expected a list")],
)  # fmt: skip
def test_each_kind_of_bad_entry_is_one_clear_line(tmp_path, entry, problem):
    path = tmp_path / "kb.yaml"
    path.write_text(entry)
    with pytest.raises(KnowledgeBaseError, match=re.escape(problem)) as info:
        load_actor_file(path)
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)


def test_a_users_file_adds_actors(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text("- id: hassan-darwish\n  name: Hassan Darwish\n  type: PERSON\n"
                    "  country: SYR\n  aliases: [Abu Hassan]\n"
                    "  roles:\n    - {title: governor, of: SYR, code: SYRGOV, start: 2025-01-01}\n")  # fmt: skip
    kb = load_kb((str(path),))
    assert kb.lookup("Abu Hassan")[0].name == "Hassan Darwish"
    assert kb.lookup("Abu Hassan")[0].code_on("2025-02-01") == "SYRGOV"
