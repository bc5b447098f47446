"""What every route shares: the store and KB per request, parameter caps, errors, pages.

No `from __future__ import annotations` here or in the route modules: FastAPI reads the
annotations of nested route functions, whose caps come from the settings at run time.
"""

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel, BeforeValidator

from sitrep.config import Settings
from sitrep.errors import NotFoundError
from sitrep.kb import KnowledgeBase
from sitrep.query.actors import resolve_actor
from sitrep.schema import ENTITY_TYPES, MODALITIES, PLOVER_TYPES
from sitrep.store import Store

DEFAULT_PAGE = 50
# Offsets past this are refused: no store is that large, and DuckDB's OFFSET is a BIGINT.
MAX_OFFSET = 1_000_000_000
M = TypeVar("M", bound=BaseModel)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# Enumerated parameters: FastAPI validates and documents them from these Literals.
if TYPE_CHECKING:  # mypy cannot read a Literal built from a tuple
    EventType = str
    EntityType = str
    Modality = str
else:
    EventType = Literal[PLOVER_TYPES]
    EntityType = Literal[ENTITY_TYPES]
    Modality = Literal[MODALITIES]


class ApiError(Exception):
    """A request the API refuses: HTTP status, a message a person can act on, the parameter."""

    def __init__(self, status: int, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter


def request_store(request: Request) -> Iterator[Store]:
    """A store on its own cursor for one request (DuckDB connections are not thread-safe)."""
    shared: Store = request.app.state.store
    cursor = shared.connection.cursor()
    try:
        yield Store(cursor, shared.path, shared.read_only)
    finally:
        cursor.close()


def request_kb(request: Request) -> KnowledgeBase:
    """The knowledge base loaded when the app was created."""
    kb: KnowledgeBase = request.app.state.kb
    return kb


StoreDep = Annotated[Store, Depends(request_store)]
KbDep = Annotated[KnowledgeBase, Depends(request_kb)]


@dataclass(frozen=True, slots=True)
class Page:
    """An offset page: how many rows and from where."""

    limit: int
    offset: int


def page_dependency(settings: Settings) -> Callable[..., Page]:
    """A `limit`/`offset` dependency capped by the `api_max_page_size` setting."""
    cap = settings.api_max_page_size

    def page(
        limit: Annotated[int, Query(ge=1, le=cap, description=f"Page size (at most {cap}).")] = min(
            DEFAULT_PAGE, cap
        ),
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
    ) -> Page:
        """The page asked for."""
        return Page(limit, offset)

    return page


def text_query(settings: Settings, description: str) -> Any:
    """A free-text or name query parameter, capped by the `api_max_query_chars` setting."""
    return Query(min_length=1, max_length=settings.api_max_query_chars, description=description)


@dataclass(frozen=True, slots=True)
class Dates:
    """An inclusive date range; either end may be open."""

    since: date | None
    until: date | None


def iso_day(value: object) -> object:
    """Refuse anything but YYYY-MM-DD before pydantic reads it (it takes '0.0' as 1970-01-01)."""
    if isinstance(value, str) and not ISO_DAY.fullmatch(value):
        raise ValueError("not a date in the form YYYY-MM-DD")
    return value


Day = Annotated[date | None, BeforeValidator(iso_day)]


def date_range(
    since: Annotated[Day, Query(description="First day (YYYY-MM-DD).")] = None,
    until: Annotated[Day, Query(description="Last day (YYYY-MM-DD).")] = None,
) -> Dates:
    """`since`/`until` as dates, refusing a range that ends before it starts."""
    if since and until and until < since:
        raise ApiError(422, f"until ({until}) is before since ({since})", "until")
    return Dates(since, until)


DatesDep = Annotated[Dates, Depends(date_range)]


def actor_id(store: Store, kb: KnowledgeBase, name: str | None, parameter: str) -> str | None:
    """The stored actor a name parameter stands for (any alias), or a 404 naming it."""
    if name is None:
        return None
    try:
        return resolve_actor(store, kb, name)
    except NotFoundError as exc:
        raise ApiError(404, str(exc), parameter) from None


def paged(model: type[M], rows: Sequence[dict[str, Any]], page: Page) -> M:
    """A page model from rows fetched with limit + 1 (the extra row says a next page exists)."""
    next_offset = page.offset + page.limit if len(rows) > page.limit else None
    body = {"limit": page.limit, "offset": page.offset, "next_offset": next_offset}
    return model.model_validate({**body, "items": rows[: page.limit]})
