"""The one tree of errors sitrep raises; every message is a line a person can act on."""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose."""


class InputError(SitrepError):
    """An input (file, record, URL) cannot be read as news; names where the problem is."""

    def __init__(self, message: str, where: str | None = None) -> None:
        self.where = where
        self.reason = message
        super().__init__(f"{where}: {message}" if where else message)


class TooLargeError(InputError):
    """An input exceeds a configured size, depth or ratio limit."""


class UnsupportedFormatError(InputError):
    """The format of an input cannot be recognised or is not one sitrep reads."""


class ConfigError(SitrepError):
    """A setting, option or user file is invalid."""


class KnowledgeBaseError(ConfigError):
    """A knowledge-base or pattern data file is malformed (names file and line)."""


class StoreError(SitrepError):
    """The DuckDB store cannot be opened or written."""


class StoreBusyError(StoreError):
    """Another process holds the store."""


class SchemaVersionError(StoreError):
    """The store or output directory was written by a newer sitrep."""


class FetchError(SitrepError):
    """A URL cannot or may not be fetched."""


class NotFoundError(SitrepError):
    """A named actor, document or record does not exist."""
