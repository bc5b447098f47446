"""Quotations and reported speech: kind, cue verb, speaker mention, medium and topics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from sitrep.extractors.lexicon import Lexicon
from sitrep.extractors.quotemarks import QuoteSpan, find_quote_spans
from sitrep.extractors.sentences import covering, sentence_of, text_of
from sitrep.extractors.sentences import sentences as all_sentences
from sitrep.kb import KnowledgeBase
from sitrep.schema import RawMention, RawQuote

# A quotation that opens with a capital and runs this many words is someone's sentence
# (direct); shorter or lower-case ones are phrases taken into the writer's sentence.
DIRECT_MIN_WORDS = 4
# Quoted single words are mostly scare quotes; they count only next to a speech cue.
PARTIAL_MIN_WORDS = 2
# A quotation with no cue of its own is the previous speaker's within this distance.
CARRY_OVER_CHARS = 1200
SUBJECT_DEPS = ("nsubj", "nsubjpass")
CLIMB_DEPS = ("conj", "advcl", "xcomp", "ccomp", "acl", "relcl", "pcomp", "prep", "pobj", "dobj")


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """Which mention covers a token, preferring names over role nouns over pronouns."""

    by_token: dict[int, int]
    mentions: Sequence[RawMention]

    @classmethod
    def build(cls, doc: Doc, mentions: Sequence[RawMention]) -> MentionIndex:
        """Index mentions by the tokens they cover."""
        rank = {"name": 0, "seat": 0, "acronym": 0, "demonym": 1, "title": 2, "nominal": 2}
        by_token: dict[int, int] = {}
        order = sorted(range(len(mentions)), key=lambda i: -rank.get(mentions[i].kind, 3))
        for number in order:
            mention = mentions[number]
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span or ():
                by_token[token.i] = number
        return cls(by_token, mentions)

    def at(self, token: Token) -> int | None:
        """The mention covering this token, if any."""
        return self.by_token.get(token.i)

    def within(self, start: int, end: int) -> tuple[int, ...]:
        """Named mentions (not pronouns or role nouns) inside a character range."""
        return tuple(
            i for i, m in enumerate(self.mentions)
            if start <= m.start and m.end <= end and m.kind not in ("pronoun", "title")
        )  # fmt: skip


def find_quotes(
    doc: Doc, mentions: MentionIndex, lexicon: Lexicon, kb: KnowledgeBase
) -> list[RawQuote]:
    """Direct and partial quotations by their marks, then indirect speech by the parse."""
    text = text_of(doc)
    marked = [q for q in find_quote_spans(text) if text[q.start : q.end].strip()]
    found = [_marked_quote(doc, q, mentions, lexicon, kb) for q in marked]
    quotes = _carry_over([q for q in found if q is not None])
    quotes.extend(_indirect_quotes(doc, marked, mentions, lexicon, kb))
    return sorted(quotes, key=lambda q: q.start)


def _marked_quote(
    doc: Doc, span: QuoteSpan, mentions: MentionIndex, lexicon: Lexicon, kb: KnowledgeBase
) -> RawQuote | None:
    text = span.text(text_of(doc))
    words = text.split()
    kind = "direct" if words[0][:1].isupper() and len(words) >= DIRECT_MIN_WORDS else "partial"
    sentences = _sentences(doc, span.start - 1, span.end + 1)
    sentences += _attribution_after(doc, span, sentences, lexicon)
    if not sentences:
        return None
    cue = _find_cue(doc, sentences, span, lexicon)
    if kind == "partial" and len(words) < PARTIAL_MIN_WORDS and cue is None:
        return None  # a scare-quoted word, not a quotation
    speaker = _speaker_of(cue, mentions, lexicon) if cue is not None else None
    medium, medium_text = _medium(cue, sentences, mentions, lexicon, kb)
    relay = _relayed(cue, sentences, mentions, kb)
    if relay is not None:  # "KCNA quoted Kim as saying", "Xi said, according to CCTV"
        speaker = relay[0] if relay[0] is not None else speaker
        medium, medium_text = relay[1], None
    return RawQuote(
        start=span.start, end=span.end, text=text, kind=kind,
        sentence_start=sentences[0].start_char, sentence_end=sentences[-1].end_char,
        cue=cue.text if cue is not None else None, speaker=speaker, medium=medium,
        medium_text=medium_text, topics=mentions.within(span.start, span.end),
    )  # fmt: skip


def _attribution_after(
    doc: Doc, span: QuoteSpan, sentences: list[Span], lexicon: Lexicon
) -> list[Span]:
    """'“...,” said Chen Wei-lin' split by the parser after the closing mark: the next
    sentence, when it follows in the same paragraph and opens with its speech verb."""
    last = sentences[-1] if sentences else None
    following = next((s for s in all_sentences(doc) if s.start_char >= span.end), None)
    if following is None or (last is not None and following.start == last.start):
        return []
    gap = text_of(doc)[span.end : following.start_char]
    if "\n" in gap or len(gap) > 3:
        return []
    opening = list(following)[:5]
    if any(t.lemma_.lower() in lexicon.speech_verbs and t.pos_ == "VERB" for t in opening):
        return [following]
    return []


def _sentences(doc: Doc, start: int, end: int) -> list[Span]:
    return covering(doc, start, end)


def _sentence_list(doc: Doc) -> list[Span]:
    """The Doc's sentences, computed once (spaCy rebuilds them on every doc.sents)."""
    cached: list[Span] | None = doc.user_data.get("sitrep_sentences")
    if cached is None:
        cached = list(doc.sents)
        doc.user_data["sitrep_sentences"] = cached
    return cached


def _find_cue(doc: Doc, sentences: list[Span], span: QuoteSpan, lexicon: Lexicon) -> Token | None:
    """The speech verb outside the quotation that attributes it, nearest first."""
    inside = range(span.start - 1, span.end + 1)
    candidates = [
        t for s in sentences for t in s
        if t.lemma_.lower() in lexicon.speech_verbs and t.pos_ in ("VERB", "AUX")
        and t.idx not in inside
    ] + _according_to(sentences, inside)  # fmt: skip
    candidates = [t for t in candidates if _same_paragraph(text_of(doc), t.idx, span)]
    if not candidates:
        return None
    verbs = [t for t in candidates if t.lower_ != "according"]
    candidates = verbs or candidates  # "X said, according to CCTV": the verb attributes
    governing = [t for t in candidates if _governs(t, doc, span)]
    pool = governing or candidates
    return min(pool, key=lambda t: min(abs(t.idx - span.start), abs(t.idx - span.end)))


def _relayed(
    cue: Token | None, sentences: list[Span], mentions: MentionIndex, kb: KnowledgeBase
) -> tuple[int | None, int] | None:
    """Words an outlet passed on: (speaker, outlet) for 'KCNA quoted Kim as saying' and for
    'Xi said, according to state broadcaster CCTV'."""
    if cue is None:
        return None
    quote_verb = cue.head.head if cue.dep_ == "pcomp" and cue.head.lower_ == "as" else None
    if quote_verb is not None and quote_verb.lemma_ == "quote":
        speaker = next((mentions.at(c) for c in quote_verb.children if c.dep_ == "dobj"), None)
        outlet = next((mentions.at(c) for c in quote_verb.children if c.dep_ == "nsubj"), None)
        if outlet is not None:
            return speaker, outlet
    for token in _according_to(sentences, range(0)):
        for obj in token.doc[token.i + 1 : token.i + 6]:
            found = mentions.at(obj)
            if found is not None and _is_media(found, mentions, kb) and token != cue:
                return None, found
    return None


def _same_paragraph(text: str, position: int, span: QuoteSpan) -> bool:
    """The parser may join paragraphs into one sentence; attribution never crosses one."""
    between = text[position : span.start] if position < span.start else text[span.end : position]
    return "\n\n" not in between


def _according_to(sentences: list[Span], inside: range) -> list[Token]:
    return [
        t for s in sentences for t in s
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to"
        and t.idx not in inside
    ]  # fmt: skip


def _governs(verb: Token, doc: Doc, span: QuoteSpan) -> bool:
    """True when the verb is an ancestor of a token inside the quotation."""
    for token in doc.char_span(span.start, span.end, alignment_mode="expand") or ():
        if verb in token.ancestors:
            return True
    return False


def _speaker_of(cue: Token, mentions: MentionIndex, lexicon: Lexicon) -> int | None:
    """The mention that speaks: the cue's subject, climbing to a governing verb if needed."""
    if cue.lower_ == "according":
        return _mention_under(cue.doc[cue.i + 1], mentions, lexicon)
    verb: Token | None = cue
    for _ in range(4):
        if verb is None:
            break
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None:
            subject = next((c for c in verb.children if c.dep_ == "agent"), None)
        if subject is not None:
            found = _mention_under(subject, mentions, lexicon)
            if found is not None:
                return found
            if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return mentions.at(verb.head) or _mention_under(verb.head, mentions, lexicon)
        verb = verb.head if verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i else None
    return None


def _mention_under(token: Token, mentions: MentionIndex, lexicon: Lexicon) -> int | None:
    """The mention at a token, or under it for 'Russian authorities', 'a spokesperson for X'."""
    if token.lower_ in lexicon.collective_nouns or token.lower_ in lexicon.title_heads:
        for child in token.children:
            index = mentions.at(child) if child.dep_ == "appos" else None
            if index is not None and mentions.mentions[index].label == "PERSON":
                return index  # "Its spokesman, Liu Dejun, said"
    found = mentions.at(token)
    if found is not None:
        return found
    if (
        token.lower_ not in lexicon.collective_nouns
        and token.lemma_ not in lexicon.collective_nouns
    ):
        return None
    for child in token.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod"):
            found = mentions.at(child)
        elif child.dep_ == "prep" and child.lower_ in ("for", "of", "from", "at", "in"):
            found = next(
                (mentions.at(g) for g in child.children if mentions.at(g) is not None), None
            )
        else:
            continue
        if found is not None:
            return found
    return None


def _medium(
    cue: Token | None, sentences: list[Span], mentions: MentionIndex, lexicon: Lexicon,
    kb: KnowledgeBase,
) -> tuple[int | None, str | None]:  # fmt: skip
    """Where words were said: 'told Al Arabiya', 'speaking to CNBC', 'wrote on X', 'in a
    post on Telegram', 'in an interview with CNN', 'in a statement'."""
    if cue is not None:
        addressed = _addressee(cue, mentions, kb)
        if addressed is not None:
            return addressed, None
        platform = _platform(cue, mentions)
        if platform != (None, None):
            return platform
    for sentence in sentences:
        for token in sentence:
            if token.lemma_.lower() not in lexicon.media_nouns or token.pos_ != "NOUN":
                continue
            outlet = _outlet_of(token, mentions, kb)
            if outlet is not None:
                return outlet, None
            platform = _platform(token, mentions)
            if platform != (None, None):
                return platform
            if token.head.lower_ in ("in", "at", "on", "during") and token.head.head == cue:
                words = [t.text for t in token.lefts if t.dep_ == "compound"] + [token.text]
                return None, " ".join(words)
    return None, None


def _addressee(cue: Token, mentions: MentionIndex, kb: KnowledgeBase) -> int | None:
    """The outlet spoken to: 'told Al Arabiya', 'told the news agency TASS', 'speaking to CNBC'."""
    if cue.lemma_ not in ("tell", "speak", "talk", "say"):
        return None
    listeners = [c for c in cue.children if c.dep_ in ("dative", "dobj")]
    listeners += [g for c in cue.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                  for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    for listener in listeners:
        for token in (listener, *(c for c in listener.children if c.dep_ in ("appos", "compound"))):
            if _is_media(mentions.at(token), mentions, kb):
                return mentions.at(token)
    return None


def _platform(word: Token, mentions: MentionIndex) -> tuple[int | None, str | None]:
    """'wrote on X', 'said on Telegram', 'a post on Truth Social': the named platform."""
    for prep in word.children:
        if prep.dep_ != "prep" or prep.lower_ != "on":
            continue
        for obj in prep.children:
            named = obj.pos_ == "PROPN" or (obj.pos_ in ("NOUN", "X") and obj.text[:1].isupper())
            if obj.dep_ != "pobj" or not named or obj.ent_type_ in ("DATE", "TIME"):
                continue
            found = mentions.at(obj)
            if found is not None:
                return found, None
            words = [t for t in obj.subtree if t.pos_ == "PROPN"]
            return None, " ".join(t.text for t in words) or obj.text
    return None, None


def _outlet_of(noun: Token, mentions: MentionIndex, kb: KnowledgeBase) -> int | None:
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "on", "to", "by"):
            for obj in prep.children:
                found = mentions.at(obj)
                if found is not None and _is_media(found, mentions, kb):
                    return found
    return None


def _is_media(index: int | None, mentions: MentionIndex, kb: KnowledgeBase) -> bool:
    if index is None:
        return False
    mention = mentions.mentions[index]
    for entry in kb.candidates(mention.kb_key or mention.text)[:1]:
        actor = kb.get(entry.actor_id)
        if actor is not None and actor.kind == "media":
            return True
    return mention.label == "ORG"


def _carry_over(quotes: list[RawQuote]) -> list[RawQuote]:
    """A quotation with no cue of its own, right after one with a speaker, is that speaker's."""
    result: list[RawQuote] = []
    for quote in sorted(quotes, key=lambda q: q.start):
        previous = result[-1] if result else None
        if (
            quote.cue is None and quote.speaker is None and quote.kind == "direct"
            and previous is not None and previous.speaker is not None
            and quote.start - previous.end <= CARRY_OVER_CHARS
        ):  # fmt: skip
            quote = _replace(
                quote, speaker=previous.speaker, carry_over=True,
                medium=quote.medium if quote.medium is not None else previous.medium,
                medium_text=quote.medium_text or previous.medium_text,
            )  # fmt: skip
        result.append(quote)
    return result


def _replace(quote: RawQuote, **changes: object) -> RawQuote:
    return replace(quote, **changes)  # type: ignore[arg-type]


def _indirect_quotes(
    doc: Doc, marked: list[QuoteSpan], mentions: MentionIndex, lexicon: Lexicon,
    kb: KnowledgeBase,
) -> list[RawQuote]:  # fmt: skip
    """'X said that ...', 'X claimed ...', 'X denied ...': the complement clause is the content."""
    found = []
    for verb in doc:
        if verb.lemma_.lower() not in lexicon.speech_verbs or verb.pos_ not in ("VERB", "AUX"):
            continue
        if any(q.start - 1 <= verb.idx <= q.end for q in marked):
            continue  # speech reported inside someone's quotation
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            continue
        span = _clause_span(clause)
        if span is None or any(q.start < span[1] and span[0] < q.end for q in marked):
            continue
        speaker = _speaker_of(verb, mentions, lexicon)
        sentence = sentence_of(verb)
        found.append(RawQuote(
            start=span[0], end=span[1], text=text_of(doc)[span[0] : span[1]], kind="indirect",
            sentence_start=sentence.start_char, sentence_end=sentence.end_char, cue=verb.text,
            speaker=speaker, topics=mentions.within(*span),
        ))  # fmt: skip
    return found


def _clause_span(clause: Token) -> tuple[int, int] | None:
    """Character span of a complement clause without its 'that' and trailing punctuation."""
    tokens = [
        t for t in clause.subtree
        if not (t.i < clause.i and (t.dep_ == "mark" or t.lower_ in ("that", "which", "who")))
    ]  # fmt: skip
    if not tokens:
        return None
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    if len(tokens) < 2:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])
