"""Stance: how each actor stands toward another in one document, from events and cues.

Each piece of evidence has a polarity in [-1, 1] and a weight for how sure the text is.
A pair's stance is the weighted mean; a pair with evidence both ways and a mean near
zero is "mixed" and reads 0.  A person acting in a state office (a GOV/MIL/SPY/LEG code
on the article's date) speaks for the state too, so the evidence also counts between
the states.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sitrep.resolve.linking import Link
from sitrep.schema import Entity, Event, Findings, Quote, Stance

# What each PLOVER type says of the doer's attitude to the target.  The sign follows the
# CAMEO quad class (cooperation +, conflict -); the sizes are set for stance, not taken
# from the Goldstein scale, which measures an event's effect on stability: there a
# withdrawal (+9) or an appeal (+3) is cooperative, yet neither shows goodwill.
TYPE_POLARITY = {
    "AGREE": 0.6, "CONSULT": 0.4, "SUPPORT": 0.7, "CONCEDE": 0.5, "COOPERATE": 0.8,
    "AID": 0.8, "RETREAT": 0.3, "REQUEST": 0.0, "ACCUSE": -0.6, "REJECT": -0.5,
    "THREATEN": -0.7, "PROTEST": -0.6, "SANCTION": -0.8, "MOBILIZE": -0.4, "COERCE": -0.8,
    "ASSAULT": -1.0,
}  # fmt: skip
# How much an event's modality says about attitude: wanting to cooperate shows a stance;
# a denied or negated act shows none.
MODALITY_WEIGHT = {
    "asserted": 1.0, "reported": 0.7, "claimed": 0.7, "intended": 0.6, "hypothetical": 0.3,
    "undecided": 0.2, "denied": 0.0, "negated": 0.0,
}  # fmt: skip
RELATION_WEIGHT = 1.0
# Evidence both ways whose weighted mean stays within this of zero reads as mixed (0).
MIXED_BAND = 0.34
STATE_ROLES = ("GOV", "MIL", "SPY", "LEG")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason to think `source` regards `target` one way."""

    source: str
    target: str
    polarity: float
    weight: float
    span: tuple[int, int]


def document_stances(
    doc_id: str, events: Sequence[Event], quotes: Sequence[Quote], findings: Findings,
    links: dict[int, Link], names: dict[str, Entity], day: str | None,
) -> tuple[Stance, ...]:  # fmt: skip
    """Directed stance scores in [-1, 1] with their evidence spans, one per actor pair."""
    evidence = [*_from_events(events), *_from_relations(findings, links)]
    evidence.extend(_lifted(evidence, links, names, day))
    return tuple(_roll_up(doc_id, evidence, names, day))


def _from_events(events: Iterable[Event]) -> list[Evidence]:
    found = []
    for event in events:
        if event.source_id is None or event.target_id is None:
            continue
        weight = MODALITY_WEIGHT.get(event.modality, 0.0)
        polarity = TYPE_POLARITY.get(event.type, 0.0)
        if weight and polarity:
            found.append(Evidence(event.source_id, event.target_id, polarity, weight,
                                  (event.sentence_start, event.sentence_end)))  # fmt: skip
    return found


def _from_relations(findings: Findings, links: dict[int, Link]) -> list[Evidence]:
    found = []
    for relation in findings.relations:
        source, target = links.get(relation.source), links.get(relation.target)
        if source is None or target is None or source.entity_id == target.entity_id:
            continue
        if source.actor is not None and source.actor.country == target.entity_id:
            continue  # how a person speaks of their own country is not a stance toward it
        found.append(Evidence(source.entity_id, target.entity_id, relation.polarity,
                              RELATION_WEIGHT, (relation.start, relation.end)))  # fmt: skip
    return found


def _lifted(
    evidence: Sequence[Evidence], links: dict[int, Link], names: dict[str, Entity],
    day: str | None,
) -> list[Evidence]:  # fmt: skip
    """The same evidence between the states that people in office speak for."""
    states = _state_of(links, day)
    lifted = []
    for item in evidence:
        source = states.get(item.source, item.source)
        target = states.get(item.target, item.target)
        changed = (source, target) != (item.source, item.target)
        if changed and source != target and source in names and target in names:
            lifted.append(Evidence(source, target, item.polarity, item.weight, item.span))
    return lifted


def _state_of(links: dict[int, Link], day: str | None) -> dict[str, str]:
    states = {}
    for link in links.values():
        actor = link.actor
        if actor is None or actor.type != "PERSON":
            continue
        code = actor.code_on(day) or ""
        if len(code) == 6 and code.endswith(STATE_ROLES):
            states[actor.id] = code[:3]
    return states


def _roll_up(
    doc_id: str, evidence: Sequence[Evidence], names: dict[str, Entity], day: str | None
) -> list[Stance]:
    pairs: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for item in evidence:
        if item.source != item.target:
            pairs[(item.source, item.target)].append(item)
    stances = []
    for (source, target), items in pairs.items():
        if source not in names or target not in names:
            continue
        stances.append(Stance(
            doc_id=doc_id, source=names[source].name, source_id=source,
            target=names[target].name, target_id=target, stance=_score(items),
            evidence=tuple(dict.fromkeys(i.span for i in items)), date=day,
        ))  # fmt: skip
    return stances


def _score(items: Sequence[Evidence]) -> float:
    total = sum(i.weight for i in items)
    mean = sum(i.polarity * i.weight for i in items) / total if total else 0.0
    mixed = any(i.polarity > 0 for i in items) and any(i.polarity < 0 for i in items)
    if mixed and abs(mean) < MIXED_BAND:
        return 0.0
    return round(max(-1.0, min(1.0, mean)), 2)
