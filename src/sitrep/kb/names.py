"""Name normalisation: one key for all the ways news writes a name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources

import yaml

VARIANTS_FILE = "data/kb/name_variants.yaml"
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "ʻ": "'"})
DASHES = re.compile(r"[-‐‑‒–—]+")
NON_WORD = re.compile(r"[^\w' ]+")
SPACES = re.compile(r"\s+")
# The Arabic article, written "al-", "Al " or "el-", is one word for matching.  Its
# assimilated forms (as-, at-, an-) are English words too, so they are matched only
# as written (surface_variants covers "as-Sadr" / "as Sadr").
PARTICLES = frozenset({"al", "el"})
LEADING_THE = re.compile(r"^the ")


@lru_cache(maxsize=1)
def variant_map() -> Mapping[str, str]:
    """Each variant spelling of a name part mapped to its group's first spelling."""
    text = resources.files("sitrep").joinpath(VARIANTS_FILE).read_text(encoding="utf-8")
    mapping: dict[str, str] = {}
    for group in yaml.safe_load(text) or []:
        canonical = fold(str(group[0]))
        for member in group:
            mapping[fold(str(member))] = canonical
    return mapping


def fold(text: str) -> str:
    """Casefold, strip accents and unify apostrophes."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(APOSTROPHES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=1 << 16)
def token_norm(token: str) -> str:
    """The normalised form of one word (used as spaCy's NORM for alias matching)."""
    folded = fold(token)
    if folded in PARTICLES:
        return "al"
    return variant_map().get(folded, folded)


@lru_cache(maxsize=1 << 17)
def alias_key(name: str) -> str:
    """A lookup key: 'Al-Sharaa', 'al Sharaa' and 'AL SHARAA' all give 'al sharaa'."""
    text = fold(name).replace(".", "")
    text = DASHES.sub(" ", text)
    text = NON_WORD.sub(" ", text)
    text = LEADING_THE.sub("", SPACES.sub(" ", text).strip())
    words = [token_norm(word) for word in text.split(" ") if word]
    return " ".join(words)


def surface_variants(alias: str) -> list[str]:
    """Surface forms that tokenise differently: 'al-Sharaa' / 'al Sharaa', ' and ’."""
    forms = {alias}
    for form in list(forms):
        forms.add(
            re.sub(r"\b([Aa]l|[Ee]l|[Aa]d|[Aa]sh?|[Aa]t|[Aa]z|[Aa]n|[Aa]r)-(?=\w)", r"\1 ", form)
        )
        forms.add(re.sub(r"\b([Aa]l|[Ee]l)\s(?=[A-Z])", r"\1-", form))
    for form in list(forms):
        if "'" in form:
            forms.add(form.replace("'", "’"))
        if "’" in form:
            forms.add(form.replace("’", "'"))
    return sorted(forms)


def slug(text: str) -> str:
    """An ASCII id part: 'Hay'at Tahrir al-Sham' -> 'hayat-tahrir-al-sham'."""
    folded = fold(text).replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def is_acronym(alias: str) -> bool:
    """Short all-capital names (HTS, U.N., EU) are matched case-sensitively."""
    letters = alias.replace(".", "").replace("-", "").replace(" ", "")
    return 1 < len(letters) <= 6 and letters.isupper()


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """Items in first-seen order without repeats."""
    return tuple(dict.fromkeys(items))
