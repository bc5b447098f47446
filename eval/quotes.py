"""Components 4 and 5: direct and partial quotes, and indirect statements, with their speakers."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eval.metrics import PR, Accuracy, Error, Result
from eval.names import EntityIndex, Names, Ref
from eval.spans import Span, greedy_pairs, locate_in_order, overlap_ratio, trim

# Texts match when they share at least this share of the shorter one (quote marks stripped).
MIN_OVERLAP = 0.5
QUOTE_KINDS = ("direct", "partial")
STATEMENT_KINDS = ("indirect",)
# Hard cases the annotators flag in notes; "medium carried over" is not a speaker carry-over.
NOTE_KEYWORDS = {
    "carry-over": re.compile(r"carry-over|carries over", re.I),
    "pronoun": re.compile(r"pronoun", re.I),
    "nested": re.compile(r"nested", re.I),
    "multi-paragraph": re.compile(r"multi-paragraph", re.I),
    "inverted": re.compile(r"inverted", re.I),
    "anonymous": re.compile(r"anonymous", re.I),
}
QUOTES_DEFINITION = (
    "direct/partial quotes match when their spans, stripped of quote marks, whitespace and "
    "punctuation, share >= 50% of the shorter (one-to-one, best first); speaker/kind/cue/medium "
    "accuracy over matched quotes (cue and medium where gold gives them); note rows: share "
    "found and speaker accuracy for gold quotes whose note names the case"
)
STATEMENTS_DEFINITION = (
    "predicted quotes of kind 'indirect' against gold statements, same 50%-of-shorter overlap "
    "rule; speaker accuracy over matched statements"
)


@dataclass(frozen=True, slots=True)
class PredQuote:
    """A predicted quote: trimmed span, kind, speaker reference, cue and medium."""

    span: Span
    text: str
    kind: str
    speaker: Ref
    cue: str | None
    medium: Ref


@dataclass(frozen=True, slots=True)
class Matching:
    """Gold items with their spans, the predictions, and the one-to-one pairs between them."""

    gold: Sequence[Mapping[str, Any]]
    spans: Sequence[Span | None]
    preds: Sequence[PredQuote]
    pairs: Sequence[tuple[int, int]]


def predicted_quotes(
    contract: Mapping[str, Any], kinds: Sequence[str], text: str
) -> list[PredQuote]:
    """The contract's quotes of the given kinds, spans trimmed, speakers as references."""
    index = EntityIndex(contract.get("entities") or ())
    found = []
    for q in contract.get("quotes") or ():
        if q.get("kind") not in kinds:
            continue
        span = trim(text, (int(q["start"]), int(q["end"])))
        speaker = index.ref(q.get("speaker"), q.get("speaker_id"))
        medium = index.ref(q.get("medium"))
        found.append(PredQuote(span, q.get("text") or "", q["kind"], speaker, q.get("cue"), medium))
    return found


def match_texts(
    text: str,
    gold: Sequence[Mapping[str, Any]],
    preds: Sequence[PredQuote],
    prefer: Callable[[Mapping[str, Any], PredQuote], bool] | None = None,
) -> Matching:
    """Locate gold texts in reading order and pair them with predictions by overlap.

    Among equal overlaps, `prefer` (the right speaker) decides: a joint statement is
    annotated once per speaker with the same text, and each should find its own.
    """
    spans = [trim(text, s) if s else None for s in locate_in_order(text, [g["text"] for g in gold])]
    scored = [
        ((ratio, bool(prefer and prefer(gold[gi], pred))), gi, pi)
        for gi, span in enumerate(spans)
        if span
        for pi, pred in enumerate(preds)
        if (ratio := overlap_ratio(span, pred.span)) >= MIN_OVERLAP
    ]
    return Matching(gold, spans, preds, greedy_pairs(scored))


def _clip(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def detection(matching: Matching, article: str) -> tuple[PR, list[Error]]:
    """P/R of finding the gold texts, with misses, false positives and gold texts not found."""
    errors = []
    matched_gold = {g for g, _ in matching.pairs}
    matched_pred = {p for _, p in matching.pairs}
    for gi, g in enumerate(matching.gold):
        if matching.spans[gi] is None:
            errors.append(Error("gold text not in article", article, _clip(g["text"])))
        elif gi not in matched_gold:
            errors.append(Error("miss", article, f"{_clip(g['text'])} ({g.get('speaker')})"))
    for pi, p in enumerate(matching.preds):
        if pi not in matched_pred:
            errors.append(Error("false positive", article, f"{_clip(p.text)} ({p.speaker.name})"))
    score = PR.one_to_one(len(matching.pairs), len(matching.preds), len(matching.gold))
    return score, errors


def speakers(
    matching: Matching, names: Names, article: str, day: str | None
) -> tuple[list[bool], list[Error]]:
    """Per matched pair, whether the speaker is right; errors for wrong ones."""
    outcomes, errors = [], []
    for gi, pi in matching.pairs:
        gold, pred = matching.gold[gi], matching.preds[pi]
        ok = names.same(gold.get("speaker"), pred.speaker, day)
        outcomes.append(ok)
        if not ok:
            text = (
                f"{_clip(gold['text'])}: gold {gold.get('speaker')}, predicted {pred.speaker.name}"
            )
            errors.append(Error("wrong speaker", article, text))
    return outcomes, errors


def speaker_test(names: Names, day: str | None) -> Callable[[Mapping[str, Any], PredQuote], bool]:
    """Whether a prediction has a gold item's speaker (to break ties between equal overlaps)."""
    return lambda gold, pred: names.same(gold.get("speaker"), pred.speaker, day)


def _same_cue(gold: str, pred: str | None) -> bool:
    return pred is not None and " ".join(gold.casefold().split()) == " ".join(
        pred.casefold().split()
    )


def score_quotes(
    text: str,
    gold: Sequence[Mapping[str, Any]],
    contract: Mapping[str, Any],
    names: Names,
    article: str,
    day: str | None = None,
) -> Result:
    """Detection, speaker, kind, cue and medium scores, and the same split by note keyword."""
    matching, found, said, errors = _found_and_said(
        text, gold, contract, QUOTE_KINDS, names, article, day
    )
    right_speaker = {gi: ok for (gi, _), ok in zip(matching.pairs, said, strict=True)}
    pairs = [(matching.gold[gi], matching.preds[pi]) for gi, pi in matching.pairs]
    metrics: dict[str, PR | Accuracy] = {
        "detection": found,
        "speaker": Accuracy.of(said),
        "kind": Accuracy.of([g.get("kind") == p.kind for g, p in pairs]),
        "cue": Accuracy.of([_same_cue(g["cue"], p.cue) for g, p in pairs if g.get("cue")]),
        "medium": Accuracy.of(
            [names.same(g["medium"], p.medium, day) for g, p in pairs if g.get("medium")]
        ),
    }
    for keyword, pattern in NOTE_KEYWORDS.items():
        flagged = [i for i, g in enumerate(gold) if pattern.search(g.get("note") or "")]
        metrics[f"{keyword}: found"] = Accuracy.of([i in right_speaker for i in flagged])
        metrics[f"{keyword}: speaker"] = Accuracy.of(
            [right_speaker[i] for i in flagged if i in right_speaker]
        )
    return Result(metrics, errors)


def score_statements(
    text: str,
    gold: Sequence[Mapping[str, Any]],
    contract: Mapping[str, Any],
    names: Names,
    article: str,
    day: str | None = None,
) -> Result:
    """Detection and speaker accuracy of indirect statements."""
    _, found, said, errors = _found_and_said(
        text, gold, contract, STATEMENT_KINDS, names, article, day
    )
    return Result({"detection": found, "speaker": Accuracy.of(said)}, errors)


def _found_and_said(
    text: str,
    gold: Sequence[Mapping[str, Any]],
    contract: Mapping[str, Any],
    kinds: Sequence[str],
    names: Names,
    article: str,
    day: str | None,
) -> tuple[Matching, PR, list[bool], list[Error]]:
    """Gold and predicted quotes of these kinds matched, detection scored, speakers judged."""
    matching = match_texts(
        text, gold, predicted_quotes(contract, kinds, text), speaker_test(names, day)
    )
    found, errors = detection(matching, article)
    said, speaker_errors = speakers(matching, names, article, day)
    return matching, found, said, errors + speaker_errors
