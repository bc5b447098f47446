"""Routes over documents, search, store statistics and health.

No `from __future__ import annotations`: see params.py.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from sitrep.api.models import DocumentDetail, DocumentPage, Health, SearchResults, Stats
from sitrep.api.params import (
    ApiError,
    KbDep,
    Page,
    StoreDep,
    page_dependency,
    paged,
    text_query,
)
from sitrep.config import Settings
from sitrep.errors import NotFoundError
from sitrep.query.documents import document_records, list_documents, store_summary
from sitrep.query.search import has_search_index, search


def router(settings: Settings) -> APIRouter:
    """Routes over documents, search, statistics and health, with this app's caps."""
    api = APIRouter(tags=["documents"])
    PageDep = Annotated[Page, Depends(page_dependency(settings))]
    DocId = Annotated[
        str, Path(max_length=settings.api_max_query_chars, description="Id or 6+ char prefix.")
    ]
    Q = Annotated[str, text_query(settings, "Words to find in documents and quotes.")]

    @api.get("/api/documents")
    def documents(store: StoreDep, page: PageDep) -> DocumentPage:
        """Stored documents, newest first."""
        return paged(DocumentPage, list_documents(store, page.limit + 1, page.offset), page)

    @api.get("/api/documents/{doc_id}")
    def document(store: StoreDep, doc_id: DocId) -> DocumentDetail:
        """One document's clean text with every extracted span (mentions, quotes, events, times)."""
        try:
            return DocumentDetail.model_validate(document_records(store, doc_id))
        except NotFoundError as exc:
            raise ApiError(404, str(exc), "doc_id") from None

    @api.get("/api/search")
    def find(store: StoreDep, kb: KbDep, q: Q, page: PageDep) -> SearchResults:
        """Full-text search over documents and quotes, and the actors the query names."""
        return SearchResults.model_validate(search(store, q, kb, page.limit, page.offset))

    @api.get("/api/stats")
    def stats(store: StoreDep) -> Stats:
        """Counts per table, near-duplicate clusters and the date range."""
        return Stats.model_validate(store_summary(store))

    @api.get("/api/health")
    def health(store: StoreDep) -> Health:
        """The server is up: documents, schema version, whether writable and indexed."""
        documents = store.query("SELECT count(*) AS n FROM documents")[0]["n"]
        return Health(
            status="ok", documents=documents, schema_version=store.schema_version(),
            writable=not store.read_only, search_index=has_search_index(store),
        )  # fmt: skip

    return api
