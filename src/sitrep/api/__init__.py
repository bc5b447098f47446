"""The REST API and web UI (FastAPI): `create_app(db_path, settings)` over one store."""

from sitrep.api.app import create_app

__all__ = ["create_app"]
