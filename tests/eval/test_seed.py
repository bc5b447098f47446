"""seed_report: every expected.json item PASSes on a faithful contract and FAILs when missing."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from eval.gold import SEED_GOLD, SEED_TEXT, surface
from eval.seed import seed_report

from tests.eval.fakes import FakeKB

EXPECTED: dict[str, Any] = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
TEXT = SEED_TEXT.read_text(encoding="utf-8").replace("\u00a0", " ")
ITEMS = (
    len(EXPECTED["entities"])
    + len(EXPECTED["quotes"])
    + len(EXPECTED["statements"])
    + len(EXPECTED["events"])
    + len(EXPECTED["stances"])
    + 1
)


def eid(name: str) -> str:
    return "e-" + re.sub(r"\W+", "-", name.lower())


def mentions_of(entity: dict[str, Any]) -> list[dict[str, Any]]:
    """Every whole-word occurrence of the entity's aliases, found independently of eval.gold."""
    found = []
    for alias in entity["aliases"]:
        for m in re.finditer(rf"(?<!\w){re.escape(surface(alias))}(?!\w)", TEXT):
            found.append({"start": m.start(), "end": m.end(), "text": m.group()})
    return found


def speech(item: dict[str, Any], kind: str) -> dict[str, Any]:
    start = TEXT.index(item["text"])
    return {
        "text": item["text"],
        "start": start,
        "end": start + len(item["text"]),
        "kind": kind,
        "speaker": item["speaker"],
        "speaker_id": eid(item["speaker"]),
        "cue": item.get("cue"),
        "medium": item.get("medium"),
    }


def faithful() -> dict[str, Any]:
    """A contract dict that says everything expected.json says."""
    entities = [
        {"id": eid(e["name"]), "name": e["name"], "type": e["type"], "kb_id": None}
        | {"aliases": e["aliases"], "mentions": mentions_of(e)}
        for e in EXPECTED["entities"]
    ]
    events = [
        {"type": e["type"], "source": e["source"], "source_id": eid(e["source"])}
        | {"target": e["target"], "target_id": None, "modality": "asserted", "negated": False}
        | {"sentence": e["note"], "start": 0, "end": 1}
        for e in EXPECTED["events"]
    ]
    stances = [
        {"source": s["source"], "source_id": eid(s["source"]), "target": s["target"]}
        | {"target_id": eid(s["target"]), "stance": 0.8 * s["stance"], "evidence": []}
        for s in EXPECTED["stances"]
    ]
    return {
        "document": {"text": TEXT, "published": "2024-12-29", "published_estimated": True},
        "entities": entities,
        "quotes": [speech(q, q["kind"]) for q in EXPECTED["quotes"]]
        + [speech(s, "indirect") for s in EXPECTED["statements"]],
        "events": events,
        "stances": stances,
        "times": [],
    }


def report(contract: dict[str, Any]) -> dict[str, tuple[bool, str]]:
    return {item: (ok, detail) for item, ok, detail in seed_report(contract, kb=FakeKB([]))}


def failures(contract: dict[str, Any]) -> dict[str, str]:
    return {item: detail for item, (ok, detail) in report(contract).items() if not ok}


def test_a_faithful_contract_passes_every_item():
    checks = report(faithful())
    assert len(checks) == ITEMS == 38
    assert failures(faithful()) == {}


def test_an_empty_contract_fails_every_item():
    checks = seed_report({}, kb=FakeKB([]))
    assert len(checks) == ITEMS
    assert not any(ok for _, ok, _ in checks)
    assert ("entity Ahmed al-Sharaa", False, "not found") in checks


def test_the_expected_file_is_the_default():
    assert seed_report({}, EXPECTED, FakeKB([])) == seed_report({}, kb=FakeKB([]))


def test_an_alias_left_out_fails_only_its_entity():
    contract = faithful()
    sharaa = next(e for e in contract["entities"] if e["name"] == "Ahmed al-Sharaa")
    sharaa["mentions"] = [m for m in sharaa["mentions"] if m["text"] != "Jolani"]
    assert failures(contract) == {"entity Ahmed al-Sharaa": "unresolved: Jolani"}


def test_a_shared_alias_needs_one_occurrence_per_entity():
    contract = faithful()
    syria = next(e for e in contract["entities"] if e["name"] == "Syria")
    city = next(e for e in contract["entities"] if e["name"] == "Damascus")
    syria["mentions"] = [m for m in syria["mentions"] if m["text"] != "Damascus"]
    first, second = city["mentions"]
    city["mentions"] = [second]
    syria["mentions"].append(first)  # government in Damascus; visit to Damascus
    assert failures(contract) == {}
    city["mentions"] = []
    assert failures(contract) == {"entity Damascus": "unresolved: Damascus"}


def test_a_wrong_type_or_name_fails_the_entity():
    contract = faithful()
    base = next(e for e in contract["entities"] if e["name"] == "Khmeimim Air Base")
    base["type"] = "FAC"
    assert failures(contract) == {}
    base["type"] = "GPE"
    assert failures(contract) == {"entity Khmeimim Air Base": "found as GPE, expected FACILITY"}
    base["name"] = "Hmeimim"
    assert failures(contract) == {"entity Khmeimim Air Base": "not found"}


def test_a_wrong_speaker_fails_only_its_quote():
    contract = faithful()
    contract["quotes"][6] |= {"speaker": "Bashar al-Assad", "speaker_id": eid("Bashar al-Assad")}
    (item, detail), *rest = failures(contract).items()
    assert not rest
    assert item.startswith("quote 7 (Andrii Sybiha): The Russian and Assad regimes")
    assert detail == "speaker Bashar al-Assad"


def test_events_stances_and_date_fail_on_their_own():
    contract = faithful()
    contract["events"][0]["type"] = "ACCUSE"
    contract["stances"][2]["stance"] = 0.9
    contract["document"]["published"] = "2024-12-08"
    assert sorted(failures(contract)) == [
        "event Ahmed al-Sharaa COOPERATE Russia",
        "published 2024-12-29",
        "stance Ukraine -> Russia (-1)",
    ]


@pytest.mark.parametrize("kind", ["direct", "partial"])
def test_a_statement_given_as_a_quote_is_not_found(kind):
    contract = faithful()
    contract["quotes"][7]["kind"] = kind
    assert failures(contract) == {
        "statement 1 (Russia): no final decision has been reached on Khmeimim and": "not found"
    }
