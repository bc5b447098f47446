"""Extract stage: mentions, quotations, events, times and relation cues from a parsed Doc."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep.extract.lexicon import Lexicon, load_lexicon
from sitrep.extract.mentions import find_mentions
from sitrep.extract.quotes import MentionIndex, find_quotes
from sitrep.kb import KnowledgeBase
from sitrep.schema import Document, Findings

__all__ = ["Lexicon", "extract_findings", "load_lexicon"]


def extract_findings(doc: Doc, document: Document, kb: KnowledgeBase) -> Findings:
    """Everything found in one parsed document.

    1. mentions of actors and places (names, demonyms, role nouns, pronouns);
    2. quotations and reported speech with their speakers;
    """
    lexicon = load_lexicon()
    mentions = find_mentions(doc, kb, lexicon)  # 1
    index = MentionIndex.build(doc, mentions)
    quotes = find_quotes(doc, index, lexicon, kb)  # 2
    return Findings(document=document, mentions=tuple(mentions), quotes=tuple(quotes))
