"""Component 8: temporal expressions found by span overlap, and their normalised values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eval.metrics import PR, Accuracy, Error, Result
from eval.spans import Span, greedy_pairs, locate_in_order, overlap

TIMES_DEFINITION = (
    "gold expressions located in reading order; a prediction matches when its span overlaps "
    "(one-to-one, most overlap first); value accuracy over matched expressions is exact string "
    "equality of the normalised value (null matches only null); 'repeats excused' leaves out of "
    "P the unmatched predictions that repeat a gold expression (text within one another, same "
    "value), since the gold lists a repeated expression once"
)


def _span(item: Mapping[str, Any]) -> Span:
    return int(item["start"]), int(item["end"])


def is_repeat(pred: Mapping[str, Any], gold: Sequence[Mapping[str, Any]]) -> bool:
    """True when a prediction says again what a gold expression says ("on Thursday" twice)."""
    said = " ".join(str(pred.get("text") or "").casefold().split())
    for g in gold:
        text = " ".join(str(g["text"]).casefold().split())
        if said and (said in text or text in said) and g.get("value") == pred.get("value"):
            return True
    return False


def score_times(
    text: str, gold: Sequence[Mapping[str, Any]], contract: Mapping[str, Any], article: str
) -> Result:
    """Detection P/R (also with repeats excused) and value accuracy of temporal expressions."""
    preds = list(contract.get("times") or ())
    spans = locate_in_order(text, [g["text"] for g in gold])
    scored = [
        (float(shared), gi, pi)
        for gi, span in enumerate(spans)
        if span
        for pi, p in enumerate(preds)
        if (shared := overlap(span, _span(p))) > 0
    ]
    pairs = greedy_pairs(scored)
    values = [gold[gi].get("value") == preds[pi].get("value") for gi, pi in pairs]
    used = {pi for _, pi in pairs}
    unmatched = [p for pi, p in enumerate(preds) if pi not in used]
    repeats = [p for p in unmatched if is_repeat(p, gold)]
    metrics: dict[str, PR | Accuracy] = {
        "detection": PR.one_to_one(len(pairs), len(preds), len(gold)),
        "detection, repeats excused": PR.one_to_one(
            len(pairs), len(preds) - len(repeats), len(gold)
        ),
        "value": Accuracy.of(values),
    }
    errors = [
        Error(
            "wrong value",
            article,
            f"{gold[gi]['text']!r}: gold {gold[gi].get('value')}, "
            f"predicted {preds[pi].get('value')}",
        )
        for (gi, pi), ok in zip(pairs, values, strict=True)
        if not ok
    ]
    errors += _misses(gold, spans, {gi for gi, _ in pairs}, article)
    errors += [
        Error(
            "repeat" if is_repeat(p, gold) else "false positive",
            article,
            f"{p.get('text')!r} ({p.get('value')})",
        )
        for p in unmatched
    ]
    return Result(metrics, errors)


def _misses(
    gold: Sequence[Mapping[str, Any]], spans: Sequence[Span | None], matched: set[int], article: str
) -> list[Error]:
    errors = []
    for gi, g in enumerate(gold):
        if spans[gi] is None:
            errors.append(Error("gold text not in article", article, repr(g["text"])))
        elif gi not in matched:
            errors.append(Error("miss", article, f"{g['text']!r} ({g.get('value')})"))
    return errors
