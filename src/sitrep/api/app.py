"""The FastAPI application: the REST API and the web UI over one store."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from sitrep import __version__
from sitrep.api import actors, documents, occurrences, relations, stories, web
from sitrep.api.models import ErrorBody
from sitrep.api.params import ApiError
from sitrep.config import Settings
from sitrep.errors import NotFoundError, SitrepError
from sitrep.kb import load_kb
from sitrep.store import Store

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The request cannot be served."},
    404: {"model": ErrorBody, "description": "A named actor or document is not in the store."},
    422: {"model": ErrorBody, "description": "A parameter is invalid (named in the body)."},
}
DESCRIPTION = (
    "Actors, quotes, events, relations and places extracted from news, each traced to its "
    "sentence. Every list is paginated with `limit`/`offset`; names accept any alias; every "
    'error is `{"error": "...", "parameter": "..."}`.'
)


def create_app(db_path: str, settings: Settings, writable: bool = False) -> FastAPI:
    """The API and web UI over the store at `db_path` (opened read-only unless `writable`).

    1. check that the store opens (a writable one gets its search index rebuilt); the
       server opens it again when it starts and closes it when it stops;
    2. load the knowledge base once, for name lookups and roles;
    3. add the API routes, the error handlers and the web UI.
    """
    # 1. store
    with Store.open(db_path, read_only=not writable) as store:
        if writable:
            store.build_search_index()
    app = FastAPI(
        title="sitrep", version=__version__, description=DESCRIPTION,
        responses=ERROR_RESPONSES, lifespan=_serving(db_path, writable),
    )  # fmt: skip
    # 2. knowledge base
    app.state.kb = load_kb(settings.kb_files)
    # 3. routes, errors, UI
    for module in (documents, actors, relations, stories, occurrences):
        app.include_router(module.router(settings))
    app.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(SitrepError, _sitrep_error)  # type: ignore[arg-type]
    web.mount(app)
    return app


def _serving(
    db_path: str, writable: bool
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """The store is open while the server runs."""
        app.state.store = Store.open(db_path, read_only=not writable)
        try:
            yield
        finally:
            app.state.store.close()

    return lifespan


def error_response(status: int, message: str, parameter: str | None = None) -> JSONResponse:
    """The JSON body every error has: {"error": ..., "parameter": ...}."""
    body = ErrorBody(error=message, parameter=parameter)
    return JSONResponse(body.model_dump(), status_code=status)


async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status, exc.message, exc.parameter)


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    first = exc.errors()[0]
    location = [str(part) for part in first.get("loc", ())]
    parameter = location[-1] if len(location) > 1 else None
    given = f" (got {first['input']!r})" if first.get("input") is not None else ""
    reason = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    message = f"{parameter or 'request'}: {reason}{given}"
    return error_response(422, message[:500], parameter)


async def _sitrep_error(request: Request, exc: SitrepError) -> JSONResponse:
    return error_response(404 if isinstance(exc, NotFoundError) else 400, str(exc))
