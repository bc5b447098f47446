"""Events on real sentences: types, actors, places, modality; pattern files validated."""

from __future__ import annotations

import pytest

from sitrep.errors import KnowledgeBaseError
from sitrep.extractors.patterns import load_patterns


def events_of(extract, text, **metadata):
    return extract("Headline for the test article\n\n" + text, **metadata).events


def one(events, kind):
    found = [e for e in events if e.type == kind]
    assert found, f"no {kind} in {[(e.type, e.source, e.target) for e in events]}"
    return found[0]


def test_meeting_with_place_is_consult(extract):
    event = one(
        events_of(
            extract,
            "Turkish President Recep Tayyip Erdogan met with Vladimir Putin in Sochi on Monday.",
            published="2025-03-05",
        ),
        "CONSULT",
    )
    assert (event.source, event.target, event.location) == (
        "Recep Tayyip Erdoğan",
        "Vladimir Putin",
        "Sochi",
    )
    assert event.modality == "asserted" and event.date == "2025-03-03"


def test_strike_on_a_city_targets_its_country_and_is_located_there(extract):
    event = one(
        events_of(
            extract,
            "Russian forces struck Kharkiv with drones overnight, killing "
            "four people, Ukrainian officials said.",
        ),
        "ASSAULT",
    )
    assert event.source in ("Russia", "Russian Armed Forces")
    assert event.target == "Ukraine" and event.location == "Kharkiv"


@pytest.mark.parametrize(
    ("sentence", "kind", "modality"),
    [("Israel did not attack Iran's oil facilities, the army said.", "ASSAULT", "negated"),
     ("Hamas denied that it had attacked Israeli troops in Rafah.", "ASSAULT", "denied"),
     ("Russia could withdraw its forces from Syria if talks fail.", "RETREAT", "hypothetical"),
     ("Ukraine reportedly supplied drones to Syrian rebels.", "AID", "reported"),
     ("Syria wants to keep its ties with Russia.", "COOPERATE", "intended"),
     ("The European Union imposed new sanctions on Iran on Friday.", "SANCTION", "asserted")],
)  # fmt: skip
def test_modality(extract, sentence, kind, modality):
    event = one(events_of(extract, sentence, published="2025-02-01"), kind)
    assert event.modality == modality
    assert event.negated is (modality == "negated")


def test_undecided_decision_is_not_an_event_that_happened(seed_extraction):
    assert not [e for e in seed_extraction.events if e.modality == "asserted" and
                "no final decision" in e.sentence]  # fmt: skip


def test_every_event_has_its_sentence_and_cameo_bridge(seed_extraction):
    text = seed_extraction.document.text
    for event in seed_extraction.events:
        assert event.sentence == text[event.sentence_start : event.sentence_end]
        assert event.cameo and event.goldstein is not None


def test_seed_events(seed_extraction):
    triples = {(e.source, e.type, e.target) for e in seed_extraction.events}
    assert ("Hay'at Tahrir al-Sham", "ASSAULT", "Bashar al-Assad") in triples
    assert ("Andrii Sybiha", "CONSULT", "Ahmed al-Sharaa") in triples
    assert ("Ahmed al-Sharaa", "ACCUSE", "Iran") in triples
    retreat = [e for e in seed_extraction.events if e.type == "RETREAT" and e.source == "Russia"]
    assert any(e.location == "Khmeimim Air Base" and e.target == "Syria" for e in retreat)
    aid = one(seed_extraction.events, "AID")
    assert (aid.source, aid.target, aid.modality) == ("Ukraine", "Syrian rebel groups", "reported")


@pytest.mark.parametrize(
    ("content", "problem"),
    [("- type: PUNCH\n  verbs: [punch]\n", "unknown PLOVER type 'PUNCH'"),
     ("- type: ASSAULT\n  verbs: [hit]\n  target: [sideways]\n", "unknown slot 'sideways'"),
     ("- type: ASSAULT\n", "needs either 'verbs' or 'nouns'"),
     ("- type: ASSAULT\n  verbs: []\n", "must be a non-empty list"),
     ("- type: ASSAULT\n  verbs: [hit]\n  colour: red\n", "unknown key 'colour'")],
)  # fmt: skip
def test_a_bad_user_pattern_names_file_and_line(tmp_path, content, problem):
    path = tmp_path / "mine.yaml"
    path.write_text("- type: AID\n  verbs: [donate]\n" + content)
    with pytest.raises(KnowledgeBaseError, match=problem) as info:
        load_patterns((str(path),))
    assert f"{path}:3:" in str(info.value)


def test_a_user_pattern_adds_a_trigger(tmp_path, extract):
    path = tmp_path / "mine.yaml"
    path.write_text("- type: COERCE\n  verbs: [kettle]\n  target: [object]\n")
    patterns = load_patterns((str(path),))
    assert "kettle" in patterns.verbs
