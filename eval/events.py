"""Components 6 and 7: events as (source, type, target) triples, and directed stances."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from eval.metrics import PR, Accuracy, Error, Metric, Result
from eval.names import EntityIndex, Names, Ref

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
# Gold stances are -1, 0 or +1; a predicted score within this distance of 0 reads as "mixed" (0).
# A fifth of the scale: 0.1 from an averaged score is noise, 0.3 is a leaning.
NEUTRAL_BAND = 0.2
EVENTS_DEFINITION = (
    "(source, type, target) per article, names as in resolution; a predicted person counts as "
    "the gold actor when that is the country the person serves on the article's date (KB "
    "country or a role's 'of'), not the reverse; a null gold target matches only null; greedy "
    "one-to-one in gold order; modality and location accuracy over matched triples"
)
STANCES_DEFINITION = (
    "directed (source, target) pairs, names as in events (same person->country leniency), "
    "greedy one-to-one; P = matched / predicted pairs, R = coverage of gold pairs; sign "
    f"accuracy over matched pairs (|score| < {NEUTRAL_BAND} reads as 0)"
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PredEvent:
    """A predicted event with its actors and place as references."""

    type: str
    source: Ref
    target: Ref
    location: Ref
    modality: str | None
    sentence: str


@dataclass(frozen=True, slots=True)
class PredStance:
    """A predicted directed stance."""

    source: Ref
    target: Ref
    stance: float


def _location(index: EntityIndex, event: Mapping[str, Any]) -> Ref:
    ref = index.ref(event.get("location"), event.get("location_id"))
    if ref.kb_id is None and event.get("location_id") not in index.by_id:
        return Ref(ref.name, event.get("location_id"), ref.type, None)  # a KB id, not an entity
    return ref


def predicted_events(contract: Mapping[str, Any]) -> list[PredEvent]:
    """The contract's events with actors resolved to references."""
    index = EntityIndex(contract.get("entities") or ())
    found = []
    for e in contract.get("events") or ():
        modality = e.get("modality")
        if e.get("negated") and modality in (None, "asserted"):
            modality = "negated"  # the contract may flag negation apart from modality
        found.append(
            PredEvent(
                e.get("type") or "",
                index.ref(e.get("source"), e.get("source_id")),
                index.ref(e.get("target"), e.get("target_id")),
                _location(index, e),
                modality,
                e.get("sentence") or "",
            )
        )
    return found


def predicted_stances(contract: Mapping[str, Any]) -> list[PredStance]:
    """The contract's stances with actors resolved to references."""
    index = EntityIndex(contract.get("entities") or ())
    return [
        PredStance(
            index.ref(s.get("source"), s.get("source_id")),
            index.ref(s.get("target"), s.get("target_id")),
            float(s.get("stance") or 0.0),
        )
        for s in contract.get("stances") or ()
    ]


def greedy_in_order(
    gold: Sequence[T], preds: Sequence[Any], fits: Callable[[T, Any], bool]
) -> list[tuple[int, int]]:
    """For each gold item in order, the first unused prediction that fits it."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            if pi not in used and fits(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def event_pairs(
    gold: Sequence[Mapping[str, Any]], preds: Sequence[PredEvent], names: Names, day: str | None
) -> list[tuple[int, int]]:
    """Greedy one-to-one (gold, prediction) pairs with the same type, source and target."""

    def fits(g: Mapping[str, Any], p: PredEvent) -> bool:
        return (
            g.get("type") == p.type
            and names.same_actor(g.get("source"), p.source, day)
            and names.same_actor(g.get("target"), p.target, day)
        )

    return greedy_in_order(gold, preds, fits)


def stance_pairs(
    gold: Sequence[Mapping[str, Any]], preds: Sequence[PredStance], names: Names, day: str | None
) -> list[tuple[int, int]]:
    """Greedy one-to-one (gold, prediction) pairs with the same directed source and target."""

    def fits(g: Mapping[str, Any], p: PredStance) -> bool:
        return names.same_actor(g.get("source"), p.source, day) and names.same_actor(
            g.get("target"), p.target, day
        )

    return greedy_in_order(gold, preds, fits)


def sign(value: float) -> int:
    """-1, 0 or +1, with scores near zero read as mixed."""
    if abs(value) < NEUTRAL_BAND:
        return 0
    return 1 if value > 0 else -1


def _triple(item: Mapping[str, Any]) -> str:
    return f"{item.get('source')} {item.get('type')} {item.get('target')}"


def _pred_triple(p: PredEvent) -> str:
    return f"{p.source.name} {p.type} {p.target.name}: {p.sentence[:80]}"


def score_events(
    gold: Sequence[Mapping[str, Any]],
    contract: Mapping[str, Any],
    names: Names,
    article: str,
    day: str | None = None,
) -> Result:
    """Triple P/R overall and per PLOVER type; modality and location accuracy when matched."""
    preds = predicted_events(contract)
    pairs = event_pairs(gold, preds, names, day)
    matched = [(gold[gi], preds[pi]) for gi, pi in pairs]
    metrics: dict[str, Metric] = {"triples": PR.one_to_one(len(pairs), len(preds), len(gold))}
    for kind in PLOVER_TYPES:
        hits = sum(1 for g, _ in matched if g.get("type") == kind)
        n_pred = sum(1 for p in preds if p.type == kind)
        metrics[f"type {kind}"] = PR.one_to_one(
            hits, n_pred, sum(g.get("type") == kind for g in gold)
        )
    metrics["modality"] = Accuracy.of(
        [g["modality"] == p.modality for g, p in matched if g.get("modality")]
    )
    metrics["location"] = Accuracy.of(
        [names.same(g["location"], p.location, day) for g, p in matched if g.get("location")]
    )
    errors = [
        Error("miss", article, _triple(g)) for gi, g in enumerate(gold) if gi not in dict(pairs)
    ]
    used = {pi for _, pi in pairs}
    errors += [
        Error("false positive", article, _pred_triple(p))
        for pi, p in enumerate(preds)
        if pi not in used
    ]
    return Result(metrics, errors)


def score_stances(
    gold: Sequence[Mapping[str, Any]],
    contract: Mapping[str, Any],
    names: Names,
    article: str,
    day: str | None = None,
) -> Result:
    """Pair precision and coverage, and sign agreement over the pairs both sides have."""
    preds = predicted_stances(contract)
    pairs = stance_pairs(gold, preds, names, day)
    signs = [sign(float(gold[gi]["stance"])) == sign(preds[pi].stance) for gi, pi in pairs]
    errors = [
        Error(
            "wrong sign",
            article,
            f"{_pair(gold[gi])}: gold {gold[gi]['stance']}, predicted {preds[pi].stance:+.2f}",
        )
        for (gi, pi), ok in zip(pairs, signs, strict=True)
        if not ok
    ]
    matched_gold = {gi for gi, _ in pairs}
    used = {pi for _, pi in pairs}
    errors += [
        Error("miss", article, _pair(g)) for gi, g in enumerate(gold) if gi not in matched_gold
    ]
    errors += [
        Error("false positive", article, f"{p.source.name} -> {p.target.name} {p.stance:+.2f}")
        for pi, p in enumerate(preds)
        if pi not in used
    ]
    metrics: dict[str, Metric] = {
        "pairs": PR.one_to_one(len(pairs), len(preds), len(gold)),
        "sign": Accuracy.of(signs),
    }
    return Result(metrics, errors)


def _pair(item: Mapping[str, Any]) -> str:
    return f"{item.get('source')} -> {item.get('target')}"
