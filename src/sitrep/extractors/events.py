"""Events: trigger words from the pattern files, actors from the parse, place, time, modality."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from sitrep.extractors.lexicon import Lexicon
from sitrep.extractors.modality import ModalityCues, modality_of
from sitrep.extractors.patterns import EventPattern, PatternIndex
from sitrep.extractors.quotes import MentionIndex
from sitrep.extractors.sentences import sentence_of
from sitrep.schema import RawEvent, RawQuote, TimeExpression

SUBJECT_DEPS = ("nsubj", "nsubjpass")
CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "relcl", "ccomp", "pcomp", "prep",
                        "pobj", "dobj", "attr", "oprd"})  # fmt: skip
MODIFIER_DEPS = ("poss", "amod", "compound", "nmod")
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "around",
                                "into", "over", "to", "on", "off", "along"})  # fmt: skip
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Nouns that stand for the state or organisation named on them ("Russian forces").
STATE_NOUNS = frozenset({
    "forces", "force", "troops", "military", "army", "navy", "authorities", "officials",
    "government", "operatives", "diplomats", "ministry", "jets", "warplanes", "warships",
    "drones", "soldiers", "police", "security", "regime", "administration", "leadership",
    "negotiators", "delegation", "side", "units", "aircraft", "missiles", "artillery",
    "command", "intelligence", "agents", "envoy", "leaders", "officers", "coast guard",
})  # fmt: skip
MAX_CLIMB = 4
# People who are not the state even when a country's adjective is on them.
NON_STATE_NOUNS = frozenset({
    "rebels", "rebel", "groups", "group", "militants", "militias", "militia", "fighters",
    "insurgents", "protesters", "demonstrators", "civilians", "opposition", "activists",
    "residents", "refugees", "migrants", "workers", "students", "journalists", "prisoners",
    "hostages", "detainees", "families", "people", "children", "women", "villagers",
    "jihadists", "separatists", "volunteers", "mercenaries", "dissidents", "critics",
})  # fmt: skip


def find_events(
    doc: Doc, mentions: MentionIndex, quotes: Sequence[RawQuote], times: Sequence[TimeExpression],
    patterns: PatternIndex, cues: ModalityCues, lexicon: Lexicon,
) -> list[RawEvent]:  # fmt: skip
    """Every event a pattern triggers, with actors, place, date and modality.

    Coordinated events share a missing doer or target first; then events of types that
    need a target and still have none are dropped.
    """
    events: list[RawEvent] = []
    optional: set[RawEvent] = set()
    for token in doc:
        for pattern in _patterns_for(token, patterns):
            if not pattern.is_verb and not _reports_event(token, pattern, patterns):
                continue
            if not pattern.is_verb and _object_of_event_verb(token, patterns):
                continue
            found = _events_at(token, pattern, mentions, quotes, times, cues, lexicon)
            if patterns.target_optional(pattern):
                optional.update(found)
            events.extend(found)
    filled = _fill_shared_arguments(_dedupe(events, mentions), optional)
    return [e for e in filled if e in optional or e.target is not None or e.target_text]


def _patterns_for(token: Token, patterns: PatternIndex) -> Iterator[EventPattern]:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        for pattern in patterns.verbs.get(lemma, ()):
            if _verb_words_match(token, pattern):
                yield pattern
    elif token.pos_ in ("NOUN", "PROPN") and not token.ent_type_:
        for pattern in (*patterns.nouns.get(lemma, ()), *patterns.nouns.get(token.lower_, ())):
            if _noun_words_match(token, pattern):
                yield pattern


def _object_of_event_verb(noun: Token, patterns: PatternIndex) -> bool:
    """'imposed sanctions on X', 'eased sanctions': the verb's event already covers the noun."""
    head = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass") or head.pos_ != "VERB":
        return False
    return any(p.is_verb for p in patterns.verbs.get(head.lemma_.lower(), ()))


def _reports_event(noun: Token, pattern: EventPattern, patterns: PatternIndex) -> bool:
    """A noun reports an event (not just names a thing) when it has an actor slot filled,
    a verb that carries it out, or a modifier that places it in time."""
    if any(c.lower_ in patterns.eventive_modifiers for c in noun.children):
        return True
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in patterns.light_verbs:
        return True
    if noun.dep_ == "pobj" and head.head.lemma_.lower() in patterns.light_verbs:
        return True
    slots = (*pattern.source, *pattern.target)
    for child in noun.children:
        if (
            child.dep_ in ("poss", "compound")
            and ("poss" in slots)
            and (child.ent_type_ or child.pos_ == "PRON")
        ):
            return True
        if child.dep_ == "amod" and child.ent_type_ == "NORP":
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in slots
            and any(g.dep_ == "pobj" for g in child.children)
        ):
            return True
    return False


def _verb_words_match(token: Token, pattern: EventPattern) -> bool:
    rest = pattern.words[1:]
    if not rest:
        return True
    following = [t.lower_ for t in token.doc[token.i + 1 : token.i + 1 + len(rest)]]
    children = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "dobj", "advmod")}
    return following == list(rest) or (len(rest) == 1 and rest[0] in children)


def _noun_words_match(token: Token, pattern: EventPattern) -> bool:
    size = len(pattern.words)
    if size == 1:
        return True
    start = token.i - size + 1
    if start < 0:
        return False
    words = [t.lower_ for t in token.doc[start : token.i]] + [token.lemma_.lower()]
    return words == list(pattern.words) or [
        t.lower_ for t in token.doc[start : token.i + 1]
    ] == list(pattern.words)


def _events_at(
    trigger: Token, pattern: EventPattern, mentions: MentionIndex, quotes: Sequence[RawQuote],
    times: Sequence[TimeExpression], cues: ModalityCues, lexicon: Lexicon,
) -> list[RawEvent]:  # fmt: skip
    obj = _object(trigger) if pattern.is_verb else None
    if pattern.objects and (obj is None or (obj.lemma_.lower() not in pattern.objects
                            and obj.lower_ not in pattern.objects)):  # fmt: skip
        return []
    source, source_text = _slot_actor(trigger, obj, pattern, mentions, lexicon)
    targets = _slot_targets(trigger, obj, pattern.target, mentions, pattern.is_verb)
    if source is None and source_text is None and not pattern.is_verb:
        source = _preceding_actor(trigger, mentions)
    modality, negated = modality_of(trigger, quotes, cues, lexicon)
    sentence = sentence_of(trigger)
    location = _location(trigger, sentence, mentions, {source})
    date = _date(trigger, sentence, times)
    found = []
    slots: list[Token | None] = list(targets) or [None]
    for target_token in slots:
        target, target_text = _actor(target_token, mentions, lexicon)
        if target is not None and target == source:
            continue
        if target_token is not None and target is None and target_text is None:
            continue
        found.append(RawEvent(
            type=pattern.type, trigger=trigger.text, start=trigger.idx,
            end=trigger.idx + len(trigger.text), sentence_start=sentence.start_char,
            sentence_end=sentence.end_char, source=source, target=target,
            location=location if location not in (source, target) else None,
            source_text=source_text, target_text=target_text, modality=modality,
            negated=negated, date=date,
        ))  # fmt: skip
    return found


def _object(verb: Token) -> Token | None:
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    for child in verb.children:
        if child.dep_ == "dobj" or (passive and child.dep_ == "nsubjpass"):
            return child
    return None


def _slot_actor(
    trigger: Token, obj: Token | None, pattern: EventPattern, mentions: MentionIndex,
    lexicon: Lexicon,
) -> tuple[int | None, str | None]:  # fmt: skip
    """The doer: the first source slot whose token names an actor (or a noun phrase)."""
    for slot in pattern.source:
        for token in _fill(trigger, obj, slot, pattern.is_verb)[:1]:
            if token.i == trigger.i:
                continue
            found = _actor(token, mentions, lexicon, owner_first=True)
            if found != (None, None):
                return found
    return None, None


def _slot_targets(
    trigger: Token, obj: Token | None, slots: tuple[str, ...], mentions: MentionIndex,
    is_verb: bool,
) -> list[Token]:  # fmt: skip
    fallback: list[Token] = []
    for slot in slots:
        tokens = _fill(trigger, obj, slot, is_verb)
        if tokens and tokens[0].pos_ == "PRON" and not fallback:
            fallback = tokens[:1]  # "keep its ties with Russia": the pronoun is likely the doer
            continue
        if tokens:
            return [t for first in tokens[:1] for t in (first, *_conjuncts(first))]
    return fallback


def _conjuncts(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]


def _fill(trigger: Token, obj: Token | None, slot: str, is_verb: bool) -> list[Token]:
    """The tokens standing in a slot of the trigger."""
    if slot == "subject":
        subject = _subject(trigger) if is_verb else _governing_subject(trigger)
        return [subject] if subject is not None else []
    if slot == "object":
        if obj is not None:
            return [obj]
        return [c for c in trigger.children if c.dep_ == "dobj"]
    if slot == "dative":
        return [c for c in trigger.children if c.dep_ == "dative"]
    if slot == "poss":
        return [c for c in trigger.children if (c.dep_ in MODIFIER_DEPS and c.pos_ != "ADJ")
                or (c.dep_ == "amod" and c.ent_type_ == "NORP")]  # fmt: skip
    if slot == "owner":
        return [c for c in (obj.children if obj is not None else ()) if c.dep_ in MODIFIER_DEPS
                and (c.pos_ in ("PROPN", "PRON") or c.ent_type_)]  # fmt: skip
    # "imposed sanctions on Iran": the object's own preposition comes first
    holders = ([obj] if obj is not None else []) + [trigger]
    holders += [g for h in list(holders) for c in h.children if c.dep_ in ("prep", "npadvmod")
                for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ == slot:
                objects = [c for c in prep.children if c.dep_ == "pobj" and not _is_measure(c)]
                if objects:
                    return objects
    return []


def _is_measure(token: Token) -> bool:
    """Dates, times and numbers are never the one done to ("on Friday")."""
    return token.ent_type_ in NOT_ACTORS


def _subject(verb: Token) -> Token | None:
    """The doer of a verb: its subject or agent, climbing to a governing verb if needed."""
    token: Token | None = verb
    for _ in range(MAX_CLIMB):
        if token is None:
            return None
        passive = any(c.dep_ == "nsubjpass" for c in token.children)
        for child in token.children:
            if passive and child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
            if child.dep_ == "nsubj":
                return child
        if passive:
            return None
        token = token.head if token.dep_ in CLIMB_DEPS and token.head.i != token.i else None
    return None


def _governing_subject(noun: Token) -> Token | None:
    """For a noun trigger ('launched an attack', 'vocal in his criticism'), the subject of
    the verb it depends on."""
    token = noun
    for _ in range(MAX_CLIMB):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return _subject(token)
    return None


def _actor(
    token: Token | None, mentions: MentionIndex, lexicon: Lexicon, owner_first: bool = False
) -> tuple[int | None, str | None]:
    """The mention a slot's token stands for, or the noun phrase when it names no actor.

    A state noun stands for its owner ("Russian forces": Russia); for a doer any owner
    does ("Al-Sharaa's comments": al-Sharaa); other nouns keep their words ("Syrian
    rebel groups").
    """
    if token is None or _is_measure(token):
        return None, None
    found = mentions.at(token)
    if found is not None:
        return found, None
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return _actor(token.head.head, mentions, lexicon, owner_first)
    modifier = _modifier_mention(token, mentions)
    if modifier is not None and (owner_first or not _non_state_group(token, modifier, mentions)):
        return modifier, None
    if token.pos_ in ("NOUN", "PROPN") and (modifier is not None or token.pos_ == "PROPN"):
        return None, _phrase(token)
    leader = _led_by(token, mentions)
    if leader is not None:
        return leader, None
    return modifier, None


def _non_state_group(token: Token, modifier: int, mentions: MentionIndex) -> bool:
    """'Syrian rebel groups' are not Syria; 'Houthi targets' and 'Russian ships' are their
    owners'."""
    if token.lower_ not in NON_STATE_NOUNS and not any(
        c.lower_ in NON_STATE_NOUNS for c in token.children if c.dep_ in ("compound", "amod")
    ):
        return False
    return mentions.mentions[modifier].label in ("NORP", "GPE")


def _modifier_mention(token: Token, mentions: MentionIndex) -> int | None:
    for child in token.children:
        if child.dep_ in MODIFIER_DEPS:
            found = mentions.at(child)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in ("of", "from", "in"):
            for grandchild in child.children:
                found = mentions.at(grandchild)
                if found is not None:
                    return found
    return None


def _preceding_actor(trigger: Token, mentions: MentionIndex) -> int | None:
    """For a noun with no doer in the parse ('despite ongoing withdrawals'), the nearest
    actor named before it in the sentence."""
    for token in reversed(trigger.doc[sentence_of(trigger).start : trigger.i]):
        found = mentions.at(token)
        if found is not None:
            mention = mentions.mentions[found]
            if mention.reading == "actor" and mention.label in ("PERSON", "ORG", "GPE", "NORP"):
                return found
    return None


def _led_by(token: Token, mentions: MentionIndex) -> int | None:
    """'the coalition that deposed Assad' when 'X led the coalition': X."""
    if token.dep_ == "dobj" and token.head.lemma_ in ("lead", "head", "command", "spearhead"):
        subject = _subject(token.head)
        if subject is not None:
            found = mentions.at(subject)
            if found is None and subject.lower_ in RELATIVE_PRONOUNS:
                found = mentions.at(subject.head.head)
            return found
    return None


def _phrase(token: Token) -> str:
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ not in ("det", "poss", "case")]
    start = min(t.i for t in words) if words else token.i
    return token.doc[start : token.i + 1].text


def _location(
    trigger: Token, sentence: Span, mentions: MentionIndex, exclude: set[int | None]
) -> int | None:
    """A place named with the event: under the trigger first, else the nearest in the sentence."""
    places = []
    for token in sentence:
        index = mentions.at(token)
        if index is None or index in exclude:
            continue
        mention = mentions.mentions[index]
        if mention.label in ("GPE", "LOC", "FAC") and mention.reading == "place":
            governed = trigger in token.ancestors or trigger.head in token.ancestors
            after_preposition = token.head.lower_ in PLACE_PREPOSITIONS
            broad = mention.label != "FAC"  # a base or port says more than its country
            places.append(
                (not governed, broad, not after_preposition, abs(token.i - trigger.i), index)
            )
    return min(places)[-1] if places else None


def _date(trigger: Token, sentence: Span, times: Sequence[TimeExpression]) -> str | None:
    inside = [t for t in times if sentence.start_char <= t.start < sentence.end_char and t.value]
    if not inside:
        return None
    nearest = min(inside, key=lambda t: abs(t.start - trigger.idx))
    return nearest.value


def _dedupe(events: list[RawEvent], mentions: MentionIndex) -> list[RawEvent]:
    """One event per sentence, type and actors; a visit to a place gives way to a meeting
    with a person in the same sentence."""
    seen: set[tuple[object, ...]] = set()
    unique = []
    for event in events:
        key = (event.type, event.sentence_start, event.source, event.target, event.target_text)
        if key not in seen:
            seen.add(key)
            unique.append(event)
    return [e for e in unique if not _superseded(e, unique, mentions)]


def _superseded(event: RawEvent, events: list[RawEvent], mentions: MentionIndex) -> bool:
    if event.target is None or mentions.mentions[event.target].reading != "place":
        return False
    return any(
        other is not event and other.type == event.type and other.source == event.source
        and other.sentence_start == event.sentence_start and other.target is not None
        and mentions.mentions[other.target].reading == "actor"
        for other in events
    )  # fmt: skip


def _fill_shared_arguments(events: list[RawEvent], optional: set[RawEvent]) -> list[RawEvent]:
    """Coordinated events in one sentence share a missing doer or target (an event that
    needs no target keeps that property when filled)."""
    result: list[RawEvent] = []
    for event in events:
        original = event
        peers = [e for e in result if e.sentence_start == event.sentence_start]
        if event.source is None and event.source_text is None:
            donor = next((e for e in reversed(peers) if e.source is not None), None)
            if donor is not None:
                event = replace(event, source=donor.source)
        if event.target is None and event.target_text is None:
            donor = next(
                (e for e in reversed(peers) if e.target is not None or e.target_text), None
            )
            if donor is not None and donor.target != event.source:
                event = replace(event, target=donor.target, target_text=donor.target_text)
        if original in optional:
            optional.add(event)
        result.append(event)
    return result
