"""Mentions: names, demonyms, role nouns and pronouns, and whether a capital acts or is a place."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from sitrep.extractors.lexicon import Lexicon
from sitrep.extractors.sentences import sentence_of, text_of
from sitrep.kb import KnowledgeBase, alias_key
from sitrep.schema import RawMention

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PRONOUN_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "pobj", "dative"})
ACTOR_PREPOSITIONS = frozenset({"of", "with", "toward", "towards", "against", "between", "from"})
TRIM_WORDS = frozenset({"the", "’s", "'s", "’", "'"})
MAX_TITLE_WORDS = 4
# No actor's name runs longer; a longer "entity" is the NER reading garbage (a 1 MB word).
MAX_NAME_CHARS = 150
# First words of names that are not names on their own.
NAME_PARTICLES = frozenset({"abu", "umm", "ibn", "bin", "bint", "al", "el", "van", "von", "de",
                            "mr", "mrs", "ms", "dr", "sir", "sheikh"})  # fmt: skip


class KnownNames:
    """Names learnt from earlier documents ("Abu Layth"), found by plain text search since
    neither the knowledge base nor the NER knows them."""

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}
        self._pattern: re.Pattern[str] | None = None

    def add(self, name: str, label: str) -> None:
        """Remember a name and the NER label its mentions get."""
        if name not in self.labels and len(name) > 2:
            self.labels[name] = label
            self._pattern = None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, label) of every whole-word occurrence."""
        if not self.labels:
            return []
        if self._pattern is None:
            names = sorted(self.labels, key=len, reverse=True)
            self._pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
        return [(m.start(), m.end(), self.labels[m.group(0)]) for m in self._pattern.finditer(text)]


def find_mentions(
    doc: Doc, kb: KnowledgeBase, lexicon: Lexicon, known: KnownNames | None = None
) -> list[RawMention]:
    """Every mention in a parsed Doc, in text order.

    1. names from the merged entities (knowledge base and NER), demonyms from NORP;
    2. demonyms the NER missed ("Ukrainian operatives");
    3. third-person pronouns in argument positions;
    4. role nouns ("the HTS leader", "Foreign Minister" before a name, "his spokesman");
    5. definite descriptions of bodies named before ("the ministry said").
    """
    keys = doc._.kb_keys or {}
    mentions: list[RawMention] = []
    covered: set[int] = set()
    # 1. names and NORP demonyms
    for ent in doc.ents:
        found = _owned_body(ent, keys, kb)
        if not found:
            mention = _entity_mention(ent, keys, kb, lexicon)
            found = [mention] if mention is not None else []
        if found:
            mentions.extend(found)
            covered.update(range(ent.start, ent.end))
    # 2. demonyms outside entities
    for token in doc:
        if token.i not in covered and token.pos_ in ("ADJ", "PROPN", "NOUN"):
            country = kb.country_of_demonym(token.text) if token.text[:1].isupper() else None
            if country:
                mentions.append(_mention(doc[token.i : token.i + 1], "NORP", "demonym", country))
                covered.add(token.i)
    # 2a. names learnt from earlier documents
    mentions.extend(_known_mentions(doc, covered, known))
    # 2b. surnames repeated without first names; the state's forces and ministries
    mentions.extend(_surname_mentions(doc, covered, mentions))
    mentions.extend(_state_body_mentions(doc, covered, mentions, kb))
    # 3. pronouns, 4. role nouns (which may belong to a pronoun: "his spokesman")
    mentions.extend(_pronoun_mentions(doc, covered, lexicon))
    mentions.extend(_role_mentions(doc, covered, mentions, lexicon, kb))
    mentions.extend(_definite_mentions(doc, covered, lexicon))
    return _in_text_order(mentions)


def _in_text_order(mentions: list[RawMention]) -> list[RawMention]:
    """Sort mentions by position, keeping each role noun's owner reference pointing right."""
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
    new_index = {old: new for new, old in enumerate(order)}
    return [
        replace(m, role_of=new_index[m.role_of]) if m.role_of is not None else m
        for m in (mentions[i] for i in order)
    ]


# Family names written first (Han Seung-min, Lai Ching-te, Guo Jiakun) are short; a short
# first word is taken as a possible family name, a long one ("Vladimir") is not.
FIRST_WORD_FAMILY_MAX = 4


def _family_names(name: str) -> list[str]:
    words = [w for w in name.split() if w.lower() not in NAME_PARTICLES]
    if len(words) < 2:
        return []
    found = [words[-1]]
    if len(words[0]) <= FIRST_WORD_FAMILY_MAX:
        found.append(words[0])
    return [w for w in found if len(w) > 1]


def _known_mentions(doc: Doc, covered: set[int], known: KnownNames | None) -> list[RawMention]:
    found = []
    for start, end, label in known.find(text_of(doc)) if known is not None else ():
        span = doc.char_span(start, end)
        if span is not None and not any(t.i in covered for t in span):
            found.append(_mention(span, label, "name", None))
            covered.update(range(span.start, span.end))
    return found


def _owned_body(ent: Span, keys: dict[tuple[int, int], str], kb: KnowledgeBase) -> list[RawMention]:
    """ "Taiwan's Ministry of National Defense", matched whole from the knowledge base, names
    two things: the country (a mention of its own) and its ministry (the rest, linked through
    the whole name)."""
    key = keys.get((ent.start_char, ent.end_char))
    if key is None or ent.label_ != "ORG":
        return []
    possessive = next((t for t in ent[1:-1] if t.text in ("'s", "’s")), None)
    if possessive is None:
        return []
    owner, body = ent.doc[ent.start : possessive.i], ent.doc[possessive.i + 1 : ent.end]
    owner_key = alias_key(owner.text)
    if _country_named(_mention(owner, "GPE", "name", None, kb_key=owner_key), kb) is None:
        return []
    return [
        _mention(owner, "GPE", "name", None, kb_key=owner_key, reading="actor"),
        _mention(body, "ORG", "name", None, kb_key=key),
    ]


def _surname_mentions(doc: Doc, covered: set[int], named: list[RawMention]) -> list[RawMention]:
    """'Shi said' after 'Shi Yi', 'Han said' after 'Han Seung-min': a family name on its
    own (last, or first as in Chinese and Korean names) that the NER did not tag."""
    surnames = {
        word
        for m in named if m.label == "PERSON" and len(m.text.split()) > 1
        for word in _family_names(m.text)
    }  # fmt: skip
    found = []
    for token in doc:
        if token.i in covered or token.text not in surnames or not token.text[:1].isupper():
            continue
        if token.pos_ == "PROPN" or token.dep_ in SUBJECT_DEPS:
            found.append(_mention(doc[token.i : token.i + 1], "PERSON", "name", None))
            covered.add(token.i)
    return found


def _state_body_mentions(
    doc: Doc, covered: set[int], named: list[RawMention], kb: KnowledgeBase
) -> list[RawMention]:
    """ "China's military" is the body the knowledge base knows as 'Chinese military' (the
    People's Liberation Army): a nominal mention on the noun, linked through that alias."""
    found = []
    for mention in named:
        country = _country_named(mention, kb)
        entry = kb.countries.get(country or "")
        if entry is None or not entry.adjectives:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.end + 1 >= len(doc) or doc[span.end].text not in ("'s", "’s"):
            continue
        for size in (2, 1):
            words = doc[span.end + 1 : span.end + 1 + size]
            if len(words) != size or any(t.i in covered or not t.is_lower for t in words):
                continue
            key = alias_key(f"{entry.adjectives[0]} {words.text}")
            if any(kb.get(e.actor_id) is not None for e in kb.candidates(key)):
                found.append(_mention(words, "ORG", "nominal", None, kb_key=key))
                covered.update(range(words.start, words.end))
                break
    return found


def _country_named(mention: RawMention, kb: KnowledgeBase) -> str | None:
    if mention.kind == "demonym":
        return mention.country
    if mention.label != "GPE":
        return None
    for entry in kb.candidates(mention.kb_key or mention.text)[:1]:
        actor = kb.get(entry.actor_id)
        if actor is not None and actor.kind == "country":
            return actor.id
    return None


def _entity_mention(
    ent: Span, keys: dict[tuple[int, int], str], kb: KnowledgeBase, lexicon: Lexicon
) -> RawMention | None:
    span = trim(ent)
    if span is None or len(span.text) > MAX_NAME_CHARS:
        return None
    demonym = kb.country_of_demonym(span.text) if len(span) == 1 else None
    if demonym and ent.label_ != "NORP" and kb.candidates(span.text):
        demonym = None  # "U.S." names the country as much as it describes
    if ent.label_ == "NORP" or demonym:
        return _mention(span, "NORP", "demonym", demonym) if demonym else None
    if ent.label_ not in NAME_LABELS:
        return None
    key = keys.get((ent.start_char, ent.end_char))
    label = _place_label(span, ent.label_, key, kb)
    kind = "name"
    entries = kb.candidates(key or span.text)
    if entries and entries[0].kind == "seat":
        kind = "seat"
    reading = reading_of(span, lexicon) if label in ("GPE", "FAC", "LOC") else "actor"
    return _mention(span, label, kind, None, kb_key=key, reading=reading)


# A place this big is what a bare name means, whatever the NER guessed ("Kharkiv": PERSON).
WELL_KNOWN_PLACE_POPULATION = 100_000


def _place_label(span: Span, label: str, key: str | None, kb: KnowledgeBase) -> str:
    """The NER label, unless it calls a well-known place a person or organisation."""
    if key is not None or label not in ("PERSON", "ORG"):
        return label
    entries = kb.candidates(span.text)
    actors = [kb.get(e.actor_id) for e in entries]
    if any(a is not None and a.type in ("PERSON", "ORG") for a in actors):
        return label
    for actor in actors:
        if (
            actor is not None
            and actor.type == "GPE"
            and (actor.kind == "country" or actor.population >= WELL_KNOWN_PLACE_POPULATION)
        ):
            return "GPE"
    return label


def trim(span: Span) -> Span | None:
    """Drop a leading 'the' and a trailing possessive from a name span."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in TRIM_WORDS:
        start += 1
    while end > start and span.doc[end - 1].lower_ in TRIM_WORDS:
        end -= 1
    return span.doc[start:end] if end > start else None


def _mention(span: Span, label: str, kind: str, country: str | None, **extra: object) -> RawMention:
    sent = sentence_of(span)
    return RawMention(
        start=span.start_char, end=span.end_char, text=span.text, label=label, kind=kind,
        sentence_start=sent.start_char, sentence_end=sent.end_char, country=country,
        subject=span.root.dep_ in SUBJECT_DEPS, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def reading_of(span: Span, lexicon: Lexicon) -> str:
    """'actor' when a place name stands for its government, else 'place'."""
    if _after_relation_words(span, lexicon):
        return "actor"
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:
        root = root.head
    dep, head = root.dep_, root.head
    if dep in SUBJECT_DEPS or dep == "poss":
        return "actor"
    if dep in ("compound", "amod") and head.lower_ in lexicon.collective_nouns:
        return "actor"
    if dep == "pobj":
        return _prepositional_reading(head, lexicon)
    if dep == "dobj":
        return "place" if head.lemma_ in lexicon.place_verbs else "actor"
    return "place"


def _after_relation_words(span: Span, lexicon: Lexicon) -> bool:
    """'ally of Moscow', 'the regime in Tehran' by word order, whatever the parse says."""
    doc, i = span.doc, span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1:
        return False
    prep, noun = doc[i].lower_, doc[i - 1].lower_
    if prep == "in":
        return noun in lexicon.government_nouns
    return prep in ACTOR_PREPOSITIONS and noun in lexicon.relation_nouns


def _prepositional_reading(prep: Token, lexicon: Lexicon) -> str:
    governor = prep.head
    word = prep.lower_
    if prep.dep_ == "agent":
        return "actor"
    if word == "in" and governor.lower_ in lexicon.government_nouns:
        return "actor"
    if word in ACTOR_PREPOSITIONS and governor.lower_ in lexicon.relation_nouns:
        return "actor"
    if word in ("with", "against", "toward", "towards") and governor.pos_ == "VERB":
        return "place" if governor.lemma_ in lexicon.place_verbs else "actor"
    return "place"


def _role_mentions(
    doc: Doc, covered: set[int], named: list[RawMention], lexicon: Lexicon, kb: KnowledgeBase
) -> list[RawMention]:
    found = []
    by_token = _mention_index_by_token(doc, named)
    for token in doc:
        if token.i in covered or token.lower_ not in lexicon.title_heads:
            continue
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        title_span = _title_span(doc, token, lexicon)
        if title_span is None or any(i in covered for i in range(title_span.start, title_span.end)):
            continue
        role_of = _role_owner(doc, title_span, by_token, named, kb)
        follows_name = title_span.end < len(doc) and doc[title_span.end].ent_type_ == "PERSON"
        start = _determiner_start(doc, title_span, by_token)
        span = doc[start : title_span.end]
        title = lexicon.titles[title_span.text.lower()]
        found.append(_mention(span, "PERSON", "title" if follows_name else "nominal", None,
                              title=title, role_of=role_of))  # fmt: skip
        covered.update(range(span.start, span.end))
    return found


def _title_span(doc: Doc, head: Token, lexicon: Lexicon) -> Span | None:
    """The longest known title ending at (or starting with) this head word."""
    for size in range(MAX_TITLE_WORDS, 0, -1):
        start = head.i - size + 1
        if start >= 0 and doc[start : head.i + 1].text.lower() in lexicon.titles:
            return doc[start : head.i + 1]
    for size in range(MAX_TITLE_WORDS, 1, -1):
        end = head.i + size
        if end <= len(doc) and doc[head.i : end].text.lower() in lexicon.titles:
            return doc[head.i : end]
    return None


def _mention_index_by_token(doc: Doc, mentions: list[RawMention]) -> dict[int, int]:
    index: dict[int, int] = {}
    for number, mention in enumerate(mentions):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            for token in span:
                index[token.i] = number
    return index


def _role_owner(
    doc: Doc, title: Span, by_token: dict[int, int], named: list[RawMention], kb: KnowledgeBase
) -> int | None:
    """The mention a title belongs to: 'Ukrainian', 'HTS', 'Russia's' before, 'of X' after."""
    i = title.start - 1
    while i >= 0 and (doc[i].lower_ in TRIM_WORDS or doc[i].dep_ == "case"):
        i -= 1
    if i >= 0 and i in by_token and (named[by_token[i]].kind != "pronoun" or doc[i].dep_ == "poss"):
        return by_token[i]
    after = title.end
    if after + 1 < len(doc) and doc[after].lower_ in ("of", "for"):
        j = after + 1
        while j < len(doc) and doc[j].lower_ in TRIM_WORDS:
            j += 1
        if j in by_token:
            return by_token[j]
    return None


def _determiner_start(doc: Doc, title: Span, by_token: dict[int, int]) -> int:
    """Start a nominal at its determiner: 'the HTS leader', 'the Ukrainian foreign minister'."""
    start = title.start
    while start > 0 and (start - 1 in by_token or doc[start - 1].dep_ in ("amod", "compound")):
        start -= 1
    if start > 0 and doc[start - 1].lower_ in ("the", "a", "an"):
        start -= 1
    return start


def _definite_mentions(doc: Doc, covered: set[int], lexicon: Lexicon) -> list[RawMention]:
    """'the ministry', 'the group', 'its army': a body named earlier, without its name."""
    found = []
    for token in doc:
        if token.i in covered or token.pos_ != "NOUN" or token.tag_ not in ("NN", "NNS"):
            continue
        if token.lower_ not in lexicon.collective_nouns or token.lower_ in lexicon.title_heads:
            continue
        determiners = [c for c in token.children if c.dep_ in ("det", "poss")]
        modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
        if modifiers or not determiners or determiners[0].lower_ not in ("the", "its", "their"):
            continue
        span = doc[determiners[0].i : token.i + 1]
        found.append(_mention(span, "ORG", "definite", None, title=token.lower_))
        covered.update(range(span.start, span.end))
    return found


def _pronoun_mentions(doc: Doc, covered: set[int], lexicon: Lexicon) -> list[RawMention]:
    found = []
    for token in doc:
        if token.i in covered or token.lower_ not in lexicon.pronouns:
            continue
        if token.dep_ in PRONOUN_DEPS:
            label = "PERSON" if lexicon.pronouns[token.lower_] == "person" else "GROUP"
            found.append(_mention(doc[token.i : token.i + 1], label, "pronoun", None))
    return found
