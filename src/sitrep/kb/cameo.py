"""PLOVER event types to CAMEO codes, QuadClass and Goldstein values (data/cameo.yaml).

The API is small and meant to stay: `cameo_for(plover_type)` gives a `CameoCode`
(root, code, quad, goldstein) and `quad_class(code)` the QuadClass of any CAMEO code.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from sitrep.errors import KnowledgeBaseError, NotFoundError
from sitrep.kb.loader import read_text, yaml_items
from sitrep.schema import PLOVER_TYPES

CAMEO_FILE = "data/cameo.yaml"
KEYS = frozenset({"plover", "root", "code", "quad", "goldstein", "name"})
ROOT = re.compile(r"^(0[1-9]|1[0-9]|20)$")
CODE = re.compile(r"^\d{3,4}$")
# GDELT's QuadClass by CAMEO root: 1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict (GDELT event codebook 2.0).
QUAD_BY_ROOT = {f"{root:02d}": 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
                for root in range(1, 21)}  # fmt: skip


class CameoCode(NamedTuple):
    """The CAMEO coding of a PLOVER type: root (2 digits), event code, QuadClass, Goldstein."""

    root: str
    code: str
    quad: int
    goldstein: float


def cameo_for(plover_type: str) -> CameoCode:
    """The CAMEO coding of a PLOVER event type (NotFoundError for another type)."""
    mapping = load_cameo()
    try:
        return mapping[plover_type.upper()]
    except KeyError:
        valid = ", ".join(PLOVER_TYPES)
        raise NotFoundError(
            f"no CAMEO code for event type {plover_type!r}; PLOVER types: {valid}"
        ) from None


def quad_class(code: str) -> int:
    """GDELT's QuadClass (1-4) of a CAMEO event code or root ('190' -> 4)."""
    try:
        return QUAD_BY_ROOT[code[:2]]
    except KeyError:
        raise NotFoundError(f"{code!r} is not a CAMEO event code") from None


def load_cameo(path: Path | None = None) -> dict[str, CameoCode]:
    """The validated PLOVER -> CAMEO table (the packaged one, read once, when `path` is None)."""
    if path is None:
        return _packaged()
    return _load(path, read_text(path))


@cache
def _packaged() -> dict[str, CameoCode]:
    text = resources.files("sitrep").joinpath(CAMEO_FILE).read_text("utf-8")
    return _load(CAMEO_FILE, text)


def _load(path: Path | str, text: str) -> dict[str, CameoCode]:
    table: dict[str, CameoCode] = {}
    for line, item in yaml_items(Path(path), text):
        plover, code = _entry(item, f"{path}:{line}")
        if plover in table:
            raise KnowledgeBaseError(f"{path}:{line}: PLOVER type {plover} is mapped twice")
        table[plover] = code
    missing = [t for t in PLOVER_TYPES if t not in table]
    if missing:
        raise KnowledgeBaseError(f"{path}: no entry for PLOVER type {missing[0]}")
    return table


def _entry(item: Any, where: str) -> tuple[str, CameoCode]:
    if not isinstance(item, dict):
        raise KnowledgeBaseError(f"{where}: each entry must be a mapping of keys to values")
    unknown = sorted(set(item) - KEYS)
    if unknown:
        raise KnowledgeBaseError(f"{where}: unknown key {unknown[0]!r}; valid keys: "
                                 f"{', '.join(sorted(KEYS))}")  # fmt: skip
    plover = item.get("plover")
    if plover not in PLOVER_TYPES:
        raise KnowledgeBaseError(f"{where}: {plover!r} is not a PLOVER event type; valid "
                                 f"types: {', '.join(PLOVER_TYPES)}")  # fmt: skip
    root, code = _root(item.get("root"), where), item.get("code")
    if not isinstance(code, str) or not CODE.match(code) or not code.startswith(root):
        raise KnowledgeBaseError(
            f"{where}: code {code!r} must be 3 or 4 digits, quoted, under root {root}"
        )
    return plover, CameoCode(root, code, _quad(item.get("quad"), root, where),
                             _goldstein(item.get("goldstein"), where))  # fmt: skip


def _root(value: Any, where: str) -> str:
    if not isinstance(value, str) or not ROOT.match(value):
        raise KnowledgeBaseError(
            f"{where}: root {value!r} must be a quoted CAMEO root code from '01' to '20'"
        )
    return value


def _quad(value: Any, root: str, where: str) -> int:
    expected = QUAD_BY_ROOT[root]
    if value != expected or isinstance(value, bool):
        raise KnowledgeBaseError(f"{where}: quad {value!r} is wrong; root {root} is QuadClass "
                                 f"{expected}")  # fmt: skip
    return expected


def _goldstein(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > 10:
        raise KnowledgeBaseError(f"{where}: goldstein {value!r} must be a number from -10 to 10")
    return float(value)
