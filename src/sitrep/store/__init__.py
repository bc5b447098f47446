"""Store stage: DuckDB tables for documents and everything extracted from them."""

from sitrep.store.db import Store
from sitrep.store.migrations import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store"]
