"""Extract stage: mentions, quotations, events, times and relation cues from a parsed Doc."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from sitrep.extractors.aliases import find_alias_links
from sitrep.extractors.events import find_events
from sitrep.extractors.lexicon import Lexicon, load_lexicon
from sitrep.extractors.mentions import KnownNames, find_mentions
from sitrep.extractors.modality import load_cues
from sitrep.extractors.patterns import load_patterns
from sitrep.extractors.quotes import MentionIndex, find_quotes
from sitrep.extractors.relations import accusations, find_relations
from sitrep.extractors.sentences import text_of
from sitrep.extractors.times import estimate_published, find_times
from sitrep.kb import KnowledgeBase
from sitrep.schema import Document, Findings

__all__ = ["KnownNames", "Lexicon", "extract_findings", "load_lexicon", "load_patterns"]


def extract_findings(
    doc: Doc, document: Document, kb: KnowledgeBase, pattern_files: tuple[str, ...] = (),
    known_names: KnownNames | None = None,
) -> Findings:  # fmt: skip
    """Everything found in one parsed document.

    1. a publication date, estimated from anchors when the article has none;
    2. mentions of actors and places (names, demonyms, role nouns, pronouns);
    3. aliases the text declares ("X, better known as Y");
    4. quotations and reported speech with their speakers;
    5. temporal expressions, normalised against the publication date;
    6. events with actors, place, date and modality;
    7. stance cues (relation nouns, evaluative words in quotations).
    """
    lexicon = load_lexicon()
    # 1. publication date
    if document.published is None:
        estimate = estimate_published(doc, kb)
        if estimate is not None:
            document = replace(document, estimated_published=estimate, published_estimated=True)
    # 2. mentions, 3. declared aliases
    mentions = find_mentions(doc, kb, lexicon, known_names)
    alias_links = find_alias_links(text_of(doc), mentions)
    index = MentionIndex.build(doc, mentions)
    # 4. quotations
    quotes = find_quotes(doc, index, lexicon, kb)
    # 5. times, 6. events
    times = find_times(doc, document.id, document.date)
    patterns = load_patterns(pattern_files)
    events = find_events(doc, index, quotes, times, patterns, load_cues(), lexicon)
    # 7. stance cues, and accusations made in quotations
    relations = find_relations(doc, index, quotes)
    events.extend(accusations(relations, quotes))
    return Findings(
        document=document, mentions=tuple(mentions), quotes=tuple(quotes), events=tuple(events),
        times=tuple(times), relations=tuple(relations), alias_links=tuple(alias_links),
    )  # fmt: skip
