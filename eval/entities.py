"""Components 1 and 2: entity mention spans and types, and alias resolution to canonical actors."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eval.gold import GoldMention, norm_type
from eval.metrics import PR, Accuracy, Error, Result
from eval.names import Names, Ref
from eval.spans import Span, overlap

MENTIONS_DEFINITION = (
    "gold mentions = whole-word, case-sensitive occurrences of each gold alias (longer aliases "
    "win; a shared alias accepts either entity); strict = same (start, end, type), relaxed = any "
    "overlap with the same type; FAC = FACILITY"
)
RESOLUTION_DEFINITION = (
    "each gold mention takes the predicted entity of the most-overlapping predicted mention; "
    "correct when its canonical name has the gold name's alias key or the gold name's KB actor "
    "is its kb_id; P = correct / predicted mentions overlapping gold, R = correct / gold "
    "mentions; clusters = share of gold entities with 2+ distinct aliases in the text whose "
    "unshared mentions all land in one predicted entity"
)


@dataclass(frozen=True, slots=True)
class PredMention:
    """A predicted mention with its entity's type and a reference to the entity."""

    start: int
    end: int
    text: str
    type: str
    ref: Ref

    @property
    def span(self) -> Span:
        """(start, end)."""
        return self.start, self.end


def predicted_mentions(contract: Mapping[str, Any]) -> list[PredMention]:
    """Every mention of every entity in a contract dict, with the entity's type."""
    found = []
    for entity in contract.get("entities") or ():
        label = norm_type(entity.get("type"))
        ref = Ref(entity.get("name"), entity.get("kb_id"), label, str(entity.get("id")))
        for mention in entity.get("mentions") or ():
            start, end = int(mention["start"]), int(mention["end"])
            found.append(PredMention(start, end, mention.get("text") or "", label, ref))
    return sorted(found, key=lambda m: (m.start, m.end))


def _describe(mention: GoldMention | PredMention, label: str) -> str:
    return f"{mention.text!r} ({label}) at {mention.start}"


def score_mentions(
    gold: Sequence[GoldMention], preds: Sequence[PredMention], article: str
) -> Result:
    """Strict (span and type) and relaxed (overlap and type) mention scores."""
    by_span = {g.span: g for g in gold}
    matched: set[Span] = set()
    errors: list[Error] = []
    seen: set[tuple[int, int, str]] = set()
    for pred in preds:
        if (pred.start, pred.end, pred.type) in seen:
            continue
        seen.add((pred.start, pred.end, pred.type))
        hit = by_span.get(pred.span)
        if hit and pred.type in hit.types and hit.span not in matched:
            matched.add(hit.span)
        elif hit and pred.type not in hit.types:
            wanted = "/".join(sorted(hit.types))
            errors.append(
                Error("wrong type", article, f"{_describe(pred, pred.type)}, gold {wanted}")
            )
        else:
            errors.append(Error("false positive", article, _describe(pred, pred.type)))
    for g in gold:
        if g.span not in matched:
            errors.append(Error("miss", article, _describe(g, "/".join(sorted(g.types)))))
    strict = PR.one_to_one(len(matched), len(seen), len(gold))
    return Result({"strict": strict, "relaxed": _relaxed(gold, preds)}, errors)


def _relaxed(gold: Sequence[GoldMention], preds: Sequence[PredMention]) -> PR:
    def fits(g: GoldMention, p: PredMention) -> bool:
        return p.type in g.types and overlap(g.span, p.span) > 0

    unique = list({(p.start, p.end, p.type): p for p in preds}.values())
    hit_pred = sum(1 for p in unique if any(fits(g, p) for g in gold))
    hit_gold = sum(1 for g in gold if any(fits(g, p) for p in unique))
    return PR(hit_pred, len(unique), hit_gold, len(gold))


def best_overlap(gold: GoldMention, preds: Sequence[PredMention]) -> PredMention | None:
    """The predicted mention sharing the most characters with a gold mention, if any."""
    best, most = None, 0
    for pred in preds:
        shared = overlap(gold.span, pred.span)
        if shared > most:
            best, most = pred, shared
    return best


def score_resolution(
    gold: Sequence[GoldMention],
    preds: Sequence[PredMention],
    names: Names,
    article: str,
    day: str | None = None,
) -> Result:
    """Alias resolution P/R over gold mentions, and the share of gold entities kept whole."""
    correct = 0
    errors: list[Error] = []
    landing: dict[Span, PredMention | None] = {}
    for g in gold:
        pred = landing[g.span] = best_overlap(g, preds)
        if pred is None:
            errors.append(Error("unresolved", article, f"{g.text!r} at {g.start} ({g.names[0]})"))
        elif any(names.same(name, pred.ref, day) for name in g.names):
            correct += 1
        else:
            wanted = " | ".join(g.names)
            text = f"{g.text!r} at {g.start}: gold {wanted}, predicted {pred.ref.name}"
            errors.append(Error("wrong entity", article, text))
    overlapping = {
        (p.start, p.end, p.ref.entity_id)
        for p in preds
        if any(overlap(g.span, p.span) for g in gold)
    }
    metrics = {
        "mentions": PR(correct, len(overlapping), correct, len(gold)),
        "clusters": _clusters(gold, landing, article, errors),
    }
    return Result(metrics, errors)


def _clusters(
    gold: Sequence[GoldMention],
    landing: Mapping[Span, PredMention | None],
    article: str,
    errors: list[Error],
) -> Accuracy:
    """Gold entities with 2+ distinct aliases whose unshared mentions land in one entity."""
    by_entity: dict[str, list[GoldMention]] = defaultdict(list)
    for g in gold:
        if len(g.names) == 1:  # a shared alias ("Damascus") may rightly land elsewhere
            by_entity[g.names[0]].append(g)
    outcomes = []
    for name, mentions in by_entity.items():
        if len({m.text for m in mentions}) < 2:
            continue
        targets = {_entity_of(landing[m.span]) for m in mentions}
        whole = len(targets) == 1 and None not in targets
        outcomes.append(whole)
        if not whole:
            aliases = sorted({m.text for m in mentions})
            errors.append(Error("split cluster", article, f"{name}: {aliases}"))
    return Accuracy.of(outcomes)


def _entity_of(pred: PredMention | None) -> str | None:
    return pred.ref.entity_id if pred else None
