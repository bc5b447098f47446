"""How sure a sentence is that its event happened: asserted, reported, claimed, denied,
negated, hypothetical, intended or undecided."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from sitrep.extractors.lexicon import Lexicon, read_mapping
from sitrep.extractors.sentences import sentence_of
from sitrep.schema import RawQuote

# How many heads up from the trigger a governing word may stand ("wants to keep").
MAX_CLIMB = 4
# Climbing stops at subjects and relative clauses: those belong to another clause.
GOVERNING_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "pcomp", "pobj", "prep", "dobj",
                            "conj", "attr", "oprd"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class ModalityCues:
    """Word lists from data/patterns/modality.yaml."""

    hypothetical_modals: frozenset[str]
    hypothetical_words: frozenset[str]
    conditional_marks: frozenset[str]
    intended_verbs: frozenset[str]
    intended_nouns: frozenset[str]
    reported_words: frozenset[str]
    reported_phrases: tuple[str, ...]
    denial_words: frozenset[str]
    undecided_phrases: tuple[str, ...]


@lru_cache(maxsize=1)
def load_cues() -> ModalityCues:
    """The packaged modality cues (cached)."""
    data = read_mapping("modality.yaml", {key: list for key in ModalityCues.__slots__})
    words = {
        k: frozenset(str(v).lower() for v in data[k]) for k in data if k in ModalityCues.__slots__
    }
    return ModalityCues(
        hypothetical_modals=words["hypothetical_modals"],
        hypothetical_words=words["hypothetical_words"],
        conditional_marks=words["conditional_marks"], intended_verbs=words["intended_verbs"],
        intended_nouns=words["intended_nouns"], reported_words=words["reported_words"],
        reported_phrases=tuple(str(p).lower() for p in data["reported_phrases"]),
        denial_words=words["denial_words"],
        undecided_phrases=tuple(str(p).lower() for p in data["undecided_phrases"]),
    )  # fmt: skip


def modality_of(
    trigger: Token, quotes: Sequence[RawQuote], cues: ModalityCues, lexicon: Lexicon
) -> tuple[str, bool]:
    """(modality, negated) for an event triggered by this token.

    Checked in order: negation, denial, conditions and modals, wanting, undecided, reported
    by others, said by someone (in a quotation or reported speech), else asserted.
    """
    negated = _negated(trigger)
    chain = _governors(trigger)
    lemmas = {t.lemma_.lower() for t in chain} | {t.lower_ for t in chain}
    sent = sentence_of(trigger)
    sentence = sent.text.lower()
    if lemmas & cues.denial_words:
        return "denied", negated
    if negated:
        return "negated", True
    if _hypothetical(trigger, chain, cues):
        return "hypothetical", False
    if lemmas & (cues.intended_verbs | cues.intended_nouns):
        return "intended", False
    if any(p in sentence for p in cues.undecided_phrases):
        return "undecided", False
    if any(t.lower_ in cues.reported_words for t in sent) or any(
        p in sentence for p in cues.reported_phrases
    ):
        return "reported", False
    said = _said_by(trigger, quotes, chain, lexicon)
    if said is not None:
        return said, False
    return "asserted", False


def _governors(trigger: Token) -> list[Token]:
    """The trigger and the words governing it, up a few heads."""
    chain = [trigger]
    token = trigger
    for _ in range(MAX_CLIMB):
        if token.dep_ not in GOVERNING_DEPS or token.head.i == token.i:
            break
        token = token.head
        chain.append(token)
    return chain


def _negated(trigger: Token) -> bool:
    """'did not attack', 'no attack', and 'reached no agreement' (the object says no)."""
    for token in (trigger, trigger.head if trigger.dep_ in ("xcomp", "dobj") else trigger):
        if any(c.dep_ == "neg" for c in token.children):
            return True
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(
        c.lower_ in ("no", "never") and c.dep_ in ("det", "neg")
        for token in (trigger, *objects) for c in token.children
    )  # fmt: skip


def _hypothetical(trigger: Token, chain: list[Token], cues: ModalityCues) -> bool:
    for token in chain:
        for child in token.children:
            if child.dep_ == "aux" and child.lower_ in cues.hypothetical_modals:
                return True
            if child.dep_ == "mark" and child.lower_ in cues.conditional_marks:
                return True
        if token is not trigger and token.lemma_.lower() in cues.hypothetical_words:
            return True
    return False


def _said_by(
    trigger: Token, quotes: Sequence[RawQuote], chain: list[Token], lexicon: Lexicon
) -> str | None:
    for quote in quotes:
        if quote.start <= trigger.idx < quote.end:
            cue = (quote.cue or "").lower()
            return (
                "claimed"
                if cue in lexicon.claim_verbs or cue.rstrip("eds") in lexicon.claim_verbs
                else "reported"
            )
    for token in chain[1:]:
        if token.lemma_.lower() in lexicon.speech_verbs and token.pos_ == "VERB":
            return "claimed" if token.lemma_.lower() in lexicon.claim_verbs else "reported"
    return None
