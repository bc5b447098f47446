"""Text normalisation: Unicode NFC, plain spaces, clean line ends, paragraphs kept."""

from __future__ import annotations

import re
import unicodedata

# Spaces that read as a plain space: no-break, en/em and other typographic spaces.
ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only get in the way of matching names.
INVISIBLES = re.compile("[\u200b\u2060\ufeff\u00ad]")
LINE_SEPARATORS = re.compile("\r\n?|[\u2028\u2029\u0085\x0b\x0c]")
TRAILING_SPACE = re.compile("[ \t]+\n")
MANY_BLANK_LINES = re.compile("\n{3,}")
RUNS_OF_SPACES = re.compile("[ \t]{2,}")


def normalise_text(text: str) -> str:
    """Return NFC text with plain spaces, '\\n' line ends and at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text)
    text = LINE_SEPARATORS.sub("\n", text)
    text = ODD_SPACES.sub(" ", text)
    text = INVISIBLES.sub("", text)
    text = RUNS_OF_SPACES.sub(" ", text)
    text = TRAILING_SPACE.sub("\n", text)
    text = MANY_BLANK_LINES.sub("\n\n", text)
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def paragraphs_from_lines(text: str) -> str:
    """Turn one-paragraph-per-line text (as HTML extraction gives) into blank-line paragraphs."""
    lines = [line.strip() for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line)


def split_headline(text: str) -> tuple[str | None, str]:
    """Split off the first line as a title when it reads as a headline; return (title, body)."""
    first, sep, rest = text.partition("\n")
    if not sep or not rest.strip() or not looks_like_headline(first):
        return None, text
    return first.strip(), rest.strip("\n")


HEADLINE_MAX_CHARS = 200
HEADLINE_MIN_WORDS = 2


def looks_like_headline(line: str) -> bool:
    """A short single line that does not end like a sentence of body text."""
    line = line.strip()
    words = line.split()
    if not (HEADLINE_MIN_WORDS <= len(words) <= 30) or len(line) > HEADLINE_MAX_CHARS:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"
