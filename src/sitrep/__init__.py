"""sitrep: open, sourced news intelligence.

>>> import sitrep
>>> result = sitrep.extract("Putin met Erdogan in Ankara on Monday.")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "extract", "load_settings"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract(text: str, **metadata: Any) -> Any:
    """Extract entities, quotes, events, stances and times from one article's text.

    Keyword arguments title, published, source and url set the document's metadata.
    Returns a `sitrep.schema.Extraction`.
    """
    from sitrep.config import load_settings
    from sitrep.pipeline import extract_text

    return extract_text(text, load_settings(), **metadata)


def load_settings(*args: Any, **kwargs: Any) -> Any:
    """Settings from defaults, the user file and SITREP_* variables (see sitrep.config)."""
    from sitrep.config import load_settings as load

    return load(*args, **kwargs)
