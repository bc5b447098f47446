"""A spaCy component that finds knowledge-base names and merges them with the statistical NER."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from thinc.types import Ints2d

from sitrep.kb import KnowledgeBase, alias_key, token_norm
from sitrep.kb.names import surface_variants

# NER labels that name actors or places; the rest (dates, money, ...) are left alone.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
KB_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FACILITY": "FAC"}
# Words that may open a name without being capitalised ("al-Sharaa", "the Kremlin").
LOWER_OPENERS = frozenset(
    {"al", "el", "ad", "as", "ash", "at", "an", "the", "de", "van", "von", "bin"}
)
MIN_ALIAS_CHARS = 2

if not Doc.has_extension("kb_keys"):
    Doc.set_extension("kb_keys", default=None)


class ActorRecognizer:
    """Marks knowledge-base names in a Doc and merges them with NER spans.

    The merge rule: the longer span wins; on equal spans the knowledge base wins, so
    its type corrects spaCy's ("Al Arabiya" is an ORG, "Khmeimim" a FACILITY).
    """

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.names = PhraseMatcher(nlp.vocab, attr="NORM")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._add_patterns(nlp, kb.matcher_aliases())

    def _add_patterns(self, nlp: Language, aliases: Iterable[tuple[str, str, str]]) -> None:
        by_key: dict[tuple[str, bool], set[str]] = {}  # (alias key, exact) -> surface forms
        for surface, _actor_id, kind in aliases:
            if len(surface) < MIN_ALIAS_CHARS:
                continue
            exact = kind == "acronym"
            variants = [surface] if exact else surface_variants(surface)
            by_key.setdefault((alias_key(surface), exact), set()).update(variants)
        for (key, exact), forms in by_key.items():
            docs = [nlp.make_doc(form) for form in sorted(forms)]
            if exact:
                self.acronyms.add(key, docs)
            else:
                self.names.add(key, [set_norms(doc) for doc in docs])

    def __call__(self, doc: Doc) -> Doc:
        set_norms(doc)
        strings = doc.vocab.strings
        found: list[Span] = []
        keys: dict[tuple[int, int], str] = {}
        for matcher, exact in ((self.acronyms, True), (self.names, False)):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                if exact or looks_like_name(span):
                    key = strings[match_id]
                    label = self._label(key)
                    if label:
                        found.append(Span(doc, start, end, label=label))
                        keys[(span.start_char, span.end_char)] = key
        doc.ents = merge_spans(found, [s for e in doc.ents for s in clean_ner_span(e)])
        kept = {(e.start_char, e.end_char) for e in doc.ents}
        doc._.kb_keys = {k: v for k, v in keys.items() if k in kept}
        return doc

    def _label(self, key: str) -> str | None:
        for entry in self.kb.candidates(key):
            actor = self.kb.get(entry.actor_id)
            if actor is not None:
                return KB_LABELS.get(actor.type)
        return None


def set_norms(doc: Doc) -> Doc:
    """Give every token sitrep's normalised form (case, accents, spelling variants) as NORM.

    Done on the Doc's arrays, word by word ids, not through a Token object per token (4
    times faster: the component runs on every token of every article).
    """
    strings = doc.vocab.strings
    if len(_NORM_IDS) >= MAX_CACHED_NORMS:
        _NORM_IDS.clear()
    ids = doc.to_array(ORTH)  # one uint64 per token (spaCy's stubs say float)
    for i, orth in enumerate(ids.tolist()):
        norm = _NORM_IDS.get(orth)
        if norm is None:
            norm = _NORM_IDS[orth] = strings.add(token_norm(strings[orth]))
        ids[i] = norm
    doc.from_array([NORM], cast(Ints2d, ids.reshape(-1, 1)))
    return doc


# Word id -> id of its normalised form; ids are hashes of the strings, the same in every
# Doc and process.  Cleared when full, so memory stays bounded on any corpus.
_NORM_IDS: dict[int, int] = {}
MAX_CACHED_NORMS = 1 << 18


def looks_like_name(span: Span) -> bool:
    """A match counts when written as a name: capitalised, and a proper noun if one word."""
    words = [t for t in span if t.is_alpha and t.lower_ not in LOWER_OPENERS]
    if not words or not words[0].text[0].isupper():
        return False
    if len(words) == 1 and len(span) == 1:
        return span[0].pos_ == "PROPN" or span[0].ent_type_ in ACTOR_LABELS
    return any(t.pos_ == "PROPN" for t in span) or span[0].ent_type_ in ACTOR_LABELS


POSSESSIVES = frozenset({"'s", "’s"})
# Tags of the second half of compound adjectives ("Kyiv-based", "US-made", "Iran-aligned").
ADJECTIVAL_TAGS = frozenset({"VBN", "VBD", "VBG", "JJ", "JJR", "JJS", "RB"})


def clean_ner_span(span: Span) -> list[Span]:
    """Fix the statistical NER's usual slips on news: a name with no capital ('army'),
    a possessive inside ("Taiwan's Ministry of Defense": two names), trailing common nouns
    ('Kinmen islands'), and single common words tagged as names ('Joint')."""
    if span.label_ not in ACTOR_LABELS:
        return [span]
    doc = span.doc
    for token in span[1:-1]:
        if token.text in POSSESSIVES:
            left = Span(doc, span.start, token.i, label=span.label_)
            right = Span(doc, token.i + 1, span.end, label=span.label_)
            return [*clean_ner_span(left), *clean_ner_span(right)]
    end = span.end
    while end < len(doc) and _hyphen_tail(doc, end):
        end += 1  # "Chen Wei-" + "lin": the NER stops inside hyphenated names
    while end - span.start > 1 and doc[end - 1].is_lower and doc[end - 1].is_alpha:
        if doc[end - 2].text == "-" and _joined(doc, end - 1):
            break
        end -= 1
    span = Span(doc, span.start, end, label=span.label_)
    if not any(t.text[:1].isupper() for t in span):
        return []
    if len(span) == 1 and span.label_ in ("PERSON", "ORG") and span[0].pos_ not in ("PROPN", "X"):
        return []
    return [span]


def _hyphen_tail(doc: Doc, i: int) -> bool:
    """Token i continues a hyphenated name in lower case ("-lin"), not a new name
    ("Russia-Ukraine")."""
    if not _joined(doc, i):
        return False
    if doc[i].text == "-":
        return i + 1 < len(doc) and _name_syllable(doc[i + 1]) and _joined(doc, i + 1)
    return doc[i - 1].text == "-" and _name_syllable(doc[i])


def _name_syllable(token: Token) -> bool:
    """'lin' in 'Wei-lin', not 'based' in 'Dublin-based' or 'led' in 'NATO-led'."""
    return token.is_lower and token.is_alpha and token.tag_ not in ADJECTIVAL_TAGS


def _joined(doc: Doc, i: int) -> bool:
    """True when token i follows the previous one with no space, after a hyphen."""
    before = doc[i - 1]
    return not before.whitespace_ and (before.text == "-" or doc[i].text == "-")


def merge_spans(kb_spans: list[Span], ner_spans: list[Span]) -> list[Span]:
    """Longest span first; on equal length the knowledge base's span (it comes first).

    An NER span that holds a knowledge-base name of the same type ending where it ends
    ("Kremlin spokesman Dmitry Peskov") is a name with a title in front: the name wins.
    """
    by_end: dict[tuple[int, str], list[Span]] = {}
    for span in kb_spans:
        by_end.setdefault((span.end, span.label_), []).append(span)
    ner_spans = [s for s in ner_spans if not _title_before_name(s, by_end)]
    ordered = sorted(enumerate([*kb_spans, *ner_spans]), key=lambda item: (-len(item[1]), item[0]))
    return filter_spans(list(_dedupe(span for _i, span in ordered)))


def _title_before_name(ner: Span, kb_by_end: dict[tuple[int, str], list[Span]]) -> bool:
    return any(kb.start > ner.start for kb in kb_by_end.get((ner.end, ner.label_), ()))


def _dedupe(spans: Iterable[Span]) -> Iterator[Span]:
    seen: set[tuple[int, int]] = set()
    for span in spans:
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            yield span
