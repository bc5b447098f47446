"""Stance cues in text: relation nouns ('ally of Moscow') and evaluative words near an actor
inside someone's quotation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from sitrep.extractors.lexicon import read_mapping
from sitrep.extractors.quotes import MentionIndex
from sitrep.extractors.sentences import sentence_of
from sitrep.schema import RawEvent, RawQuote, RawRelation

# Evaluative words count toward an actor only this close to its mention inside a quote
# ("the Russian and Assad regimes": 3 tokens; farther words judge something else).
WINDOW_TOKENS = 4
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Words this harsh about an actor in someone's quotation make it an accusation.
ACCUSATION_POLARITY = -0.5


@dataclass(frozen=True, slots=True)
class StanceCues:
    """Relation nouns with their polarity, and evaluative word lists."""

    relation_nouns: dict[str, int]
    symmetric: frozenset[str]
    positive: frozenset[str]
    negative: frozenset[str]


@lru_cache(maxsize=1)
def load_stance_cues() -> StanceCues:
    """The packaged stance cues (cached)."""
    data = read_mapping(
        "stance.yaml",
        {"relation_nouns": dict, "symmetric_nouns": list, "positive_words": list,
         "negative_words": list},
    )  # fmt: skip
    return StanceCues(
        relation_nouns={str(k).lower(): int(v) for k, v in data["relation_nouns"].items()},
        symmetric=frozenset(str(w).lower() for w in data["symmetric_nouns"]),
        positive=frozenset(str(w).lower() for w in data["positive_words"]),
        negative=frozenset(str(w).lower() for w in data["negative_words"]),
    )


def find_relations(
    doc: Doc, mentions: MentionIndex, quotes: Sequence[RawQuote]
) -> list[RawRelation]:
    """Relation-noun cues and quotation cues, each as (source, target, polarity, span)."""
    cues = load_stance_cues()
    found = [r for t in doc for r in _relation_noun(t, mentions, cues)]
    for quote in quotes:
        found.extend(_quote_relations(doc, quote, mentions, cues))
    return found


def _relation_noun(token: Token, mentions: MentionIndex, cues: StanceCues) -> list[RawRelation]:
    polarity = cues.relation_nouns.get(token.lower_)
    if polarity is None or token.pos_ not in ("NOUN", "PROPN"):
        return []
    target = _target_of(token, mentions)
    holder = _holder_of(token, mentions)
    if target is None or holder is None or target == holder:
        return []
    sentence = sentence_of(token)
    start, end = sentence.start_char, sentence.end_char
    found = [RawRelation(holder, target, float(polarity), start, end)]
    if token.lower_ in cues.symmetric:
        found.append(RawRelation(target, holder, float(polarity), start, end))
    return found


def _target_of(noun: Token, mentions: MentionIndex) -> int | None:
    """'ally of Moscow', 'partner for the new Syrian government', 'Assad's benefactors'."""
    for child in noun.children:
        if child.dep_ == "poss" and mentions.at(child) is not None:
            return mentions.at(child)
    doc = noun.doc
    if noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ in ("of", "for", "to", "with"):
        for token in doc[noun.i + 2 : noun.i + 7]:
            found = mentions.at(token)
            if found is not None and mentions.mentions[found].label in ACTOR_LABELS:
                return found
    return None


def _holder_of(noun: Token, mentions: MentionIndex) -> int | None:
    """Whom the relation noun describes: an apposition, the clause subject, or the name
    right after 'ally of X'."""
    head = noun.head
    if noun.dep_ in ("appos", "attr", "conj") and mentions.at(head) is not None:
        return mentions.at(head)
    for child in noun.children:
        if child.dep_ == "appos" and mentions.at(child) is not None:
            return mentions.at(child)
    if noun.dep_ == "pobj" and head.lower_ == "as":
        verb = head.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and mentions.at(subject) is not None:
            return mentions.at(subject)
    return _name_after(noun, mentions)


def _name_after(noun: Token, mentions: MentionIndex) -> int | None:
    """'ally of Moscow Bashar Al Assad': the person named right after the 'of' phrase."""
    doc = noun.doc
    seen_target = False
    for token in doc[noun.i + 1 : noun.i + 10]:
        found = mentions.at(token)
        if found is None:
            if seen_target and token.is_alpha:
                return None
            continue
        if not seen_target:
            seen_target, first = True, found
            continue
        if found != first and mentions.mentions[found].label == "PERSON":
            return found
    return None


def accusations(relations: Sequence[RawRelation], quotes: Sequence[RawQuote]) -> list[RawEvent]:
    """A quotation that speaks of an actor in harsh words ("regimes ... based on violence
    and torture") is an accusation by its speaker (PLOVER ACCUSE)."""
    by_span = {(q.start, q.end): q for q in quotes}
    found = []
    pairs: set[tuple[int, int]] = set()
    for relation in relations:
        quote = by_span.get((relation.start, relation.end))
        if not relation.in_quote or relation.polarity > ACCUSATION_POLARITY or quote is None:
            continue
        if (relation.source, relation.target) in pairs:
            continue  # one accusation per speaker and target in a document
        pairs.add((relation.source, relation.target))
        found.append(RawEvent(
            type="ACCUSE", trigger=quote.cue or "said", start=quote.start, end=quote.end,
            sentence_start=quote.sentence_start, sentence_end=quote.sentence_end,
            source=relation.source, target=relation.target, modality="asserted",
        ))  # fmt: skip
    return found


def _quote_relations(
    doc: Doc, quote: RawQuote, mentions: MentionIndex, cues: StanceCues
) -> list[RawRelation]:
    if quote.speaker is None:
        return []
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return []
    found = []
    for index in quote.topics:
        mention = mentions.mentions[index]
        if mention.label not in ACTOR_LABELS or index == quote.speaker:
            continue
        polarity = _polarity_near(span, mention.start, mention.end, cues)
        if polarity:
            found.append(
                RawRelation(quote.speaker, index, polarity, quote.start, quote.end, in_quote=True)
            )
    return found


def _polarity_near(span: Span, start: int, end: int, cues: StanceCues) -> float:
    """Evaluative words within a few tokens of an actor's mention: +1, -1, or between."""
    near = [t for t in span if _token_distance(t, start, end) <= WINDOW_TOKENS]
    score = 0
    for token in near:
        words = {token.lower_, token.lemma_.lower()}
        score += bool(words & cues.positive) - bool(words & cues.negative)
    return max(-1.0, min(1.0, score / 2))


def _token_distance(token: Token, start: int, end: int) -> int:
    doc = token.doc
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return WINDOW_TOKENS + 1
    if first.start <= token.i < first.end:
        return WINDOW_TOKENS + 1  # the mention's own words do not count
    return min(abs(token.i - first.start), abs(token.i - (first.end - 1)))
