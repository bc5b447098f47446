"""Component 9: PASS/FAIL checks of one extraction of the seed article against expected.json.

The test suite uses `seed_report` too, so the scorer and the tests judge the seed alike.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from eval.entities import PredMention, predicted_mentions
from eval.events import event_pairs, predicted_events, predicted_stances, sign, stance_pairs
from eval.gold import SEED_GOLD, SEED_TEXT, GoldMention, gold_mentions, norm_type, surface
from eval.names import KBLike, Names, Ref
from eval.quotes import (
    QUOTE_KINDS,
    STATEMENT_KINDS,
    match_texts,
    predicted_quotes,
    speaker_test,
)
from eval.spans import overlap

Check = tuple[str, bool, str]


def seed_report(
    contract: Mapping[str, Any],
    expected: Mapping[str, Any] | None = None,
    kb: KBLike | None = None,
) -> list[Check]:
    """(item, ok, detail) for every entity, quote, statement, event, stance and the date.

    1. each entity: found with its canonical name and type, every alias resolved to it;
    2. each quote and statement: found, with the right speaker;
    3. each event triple and stance pair (with the right sign);
    4. the estimated publication date.
    """
    expected = expected if expected is not None else _load_expected()
    names = Names(kb if kb is not None else _load_kb())
    day = (expected.get("time") or {}).get("estimated_published")
    text = (contract.get("document") or {}).get("text") or SEED_TEXT.read_text(encoding="utf-8")
    # 1. entities
    checks = entity_checks(text, expected.get("entities") or [], contract, names, day)
    # 2. quotes and statements
    checks += speech_checks(text, "quote", expected.get("quotes") or [], contract, names, day)
    checks += speech_checks(
        text, "statement", expected.get("statements") or [], contract, names, day
    )
    # 3. events and stances
    checks += event_checks(expected.get("events") or [], contract, names, day)
    checks += stance_checks(expected.get("stances") or [], contract, names, day)
    # 4. date
    checks.append(date_check(day, contract))
    return checks


def _load_expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    return data


def _load_kb() -> KBLike:
    from sitrep.kb import load_kb

    return load_kb()


def entity_checks(
    text: str,
    entities: Sequence[Mapping[str, Any]],
    contract: Mapping[str, Any],
    names: Names,
    day: str | None,
) -> list[Check]:
    """One check per expected entity: name, type, and every alias occurrence resolved to it."""
    gold = gold_mentions(text, entities)
    preds = predicted_mentions(contract)
    checks = []
    for entity in entities:
        name, label = entity["name"], norm_type(entity.get("type"))
        candidates = [
            e
            for e in contract.get("entities") or ()
            if names.same(name, Ref(e.get("name"), e.get("kb_id")), day)
        ]
        typed = [e for e in candidates if norm_type(e.get("type")) == label]
        if not typed:
            found = ", ".join(sorted({str(e.get("type")) for e in candidates}))
            detail = f"found as {found}, expected {label}" if candidates else "not found"
            checks.append((f"entity {name}", False, detail))
            continue
        unresolved = min(
            (_unresolved(entity, gold, preds, str(e.get("id"))) for e in typed), key=len
        )
        detail = f"unresolved: {', '.join(unresolved)}" if unresolved else f"{name} ({label})"
        checks.append((f"entity {name}", not unresolved, detail))
    return checks


def _unresolved(
    entity: Mapping[str, Any], gold: Sequence[GoldMention], preds: Sequence[PredMention], eid: str
) -> list[str]:
    """Aliases of an entity not resolved to the predicted entity `eid`.

    An alias no other entity lists must resolve at every occurrence; a shared one
    ("Damascus" as city and as government) at one occurrence at least.
    """
    own = [p for p in preds if p.ref.entity_id == eid]
    missing = []
    for alias in entity.get("aliases") or ():
        spots = [g for g in gold if entity["name"] in g.names and g.text == surface(alias)]
        covered = [any(overlap(g.span, p.span) for p in own) for g in spots]
        unshared = [ok for g, ok in zip(spots, covered, strict=True) if len(g.names) == 1]
        ok = all(unshared) if unshared else any(covered) or not spots
        if not ok:
            missing.append(alias)
    return missing


def speech_checks(
    text: str,
    label: str,
    gold: Sequence[Mapping[str, Any]],
    contract: Mapping[str, Any],
    names: Names,
    day: str | None,
) -> list[Check]:
    """One check per expected quote (or statement): found, and said by the right speaker."""
    kinds = STATEMENT_KINDS if label == "statement" else QUOTE_KINDS
    preds = predicted_quotes(contract, kinds, text)
    matching = match_texts(text, gold, preds, speaker_test(names, day))
    by_gold = dict(matching.pairs)
    checks = []
    for gi, item in enumerate(gold):
        title = f"{label} {gi + 1} ({item.get('speaker')}): {item['text'][:50]}"
        if gi not in by_gold:
            checks.append((title, False, "not found"))
            continue
        pred = matching.preds[by_gold[gi]]
        ok = names.same(item.get("speaker"), pred.speaker, day)
        checks.append((title, ok, f"speaker {pred.speaker.name}"))
    return checks


def event_checks(
    gold: Sequence[Mapping[str, Any]], contract: Mapping[str, Any], names: Names, day: str | None
) -> list[Check]:
    """One check per expected event: a predicted (source, type, target) triple matches it."""
    preds = predicted_events(contract)
    by_gold = dict(event_pairs(gold, preds, names, day))
    checks = []
    for gi, item in enumerate(gold):
        title = f"event {item.get('source')} {item.get('type')} {item.get('target')}"
        pred = preds[by_gold[gi]] if gi in by_gold else None
        detail = f"matched: {pred.sentence[:60]}" if pred else "not found"
        checks.append((title, pred is not None, detail))
    return checks


def stance_checks(
    gold: Sequence[Mapping[str, Any]], contract: Mapping[str, Any], names: Names, day: str | None
) -> list[Check]:
    """One check per expected stance: the directed pair is predicted with the right sign."""
    preds = predicted_stances(contract)
    by_gold = dict(stance_pairs(gold, preds, names, day))
    checks = []
    for gi, item in enumerate(gold):
        title = f"stance {item['source']} -> {item['target']} ({int(item['stance']):+d})"
        if gi not in by_gold:
            checks.append((title, False, "not found"))
            continue
        value = preds[by_gold[gi]].stance
        ok = sign(value) == sign(float(item["stance"]))
        checks.append((title, ok, f"predicted {value:+.2f}"))
    return checks


def date_check(day: str | None, contract: Mapping[str, Any]) -> Check:
    """The estimated publication date equals the expected one."""
    document = contract.get("document") or {}
    published = document.get("published") or document.get("estimated_published")
    ok = day is not None and bool(published) and str(published)[:10] == day
    return (f"published {day}", ok, f"predicted {published}")
