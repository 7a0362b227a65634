"""``/api/search?q=``: free-text search over events."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from pactwatch.api.deps import NO_CONTROL, PagingDep, RegisterDep, page_links
from pactwatch.api.schemas import ERRORS, EventPage

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=EventPage, responses=ERRORS, summary="Search events")
def search(
    request: Request,
    reg: RegisterDep,
    paging: PagingDep,
    q: Annotated[str, Query(min_length=1, max_length=500, pattern=NO_CONTROL, examples=["AK-203"])],
) -> dict[str, Any]:
    """Events whose title, kind, item, place, quote, speaker, evidence or party names match
    the words of ``q`` (full-text: FTS5 on SQLite, tsvector on PostgreSQL)."""
    page = reg.search(q, limit=paging.limit, offset=paging.offset)
    return {**page.to_dict(), "links": page_links(request, page.total, page.limit, page.offset)}
