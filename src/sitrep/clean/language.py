"""Language identification (py3langid), so non-English text is flagged, not forced through."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Too few letters to tell a language apart reliably; such texts are left unknown.
MIN_LETTERS = 40
# The opening of a news text tells its language as well as the whole does; py3langid's time
# grows with the sample (3,000 characters took 6 ms an article, as long as trafilatura).
SAMPLE_CHARS = 1000
LETTERS = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(LETTERS.findall(sample)) < MIN_LETTERS:
        return None
    language, _probability = _identifier().classify(sample)
    return str(language)
