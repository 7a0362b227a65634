"""``/api/entities`` and ``/api/entities/{id}`` (people, organisations, countries)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from pactwatch.api.deps import NO_CONTROL, PagingDep, RegisterDep, page_links
from pactwatch.api.schemas import ERRORS, EntityDetailPublic, EntityPage
from pactwatch.register import Register

router = APIRouter(prefix="/api", tags=["entities"])

EID = Annotated[
    str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9:_.-]+$", examples=["country:IND"])
]


@router.get("/entities", response_model=EntityPage, responses=ERRORS, summary="List entities")
def list_entities(
    request: Request,
    reg: RegisterDep,
    paging: PagingDep,
    kind: Annotated[str | None, Query(pattern="^(person|organization|country)?$")] = None,
    q: Annotated[
        str | None, Query(max_length=200, pattern=NO_CONTROL, description="part of a name or alias")
    ] = None,
) -> dict[str, Any]:
    page = reg.entities(
        kind=kind or None, search=(q or "").strip() or None, limit=paging.limit, offset=paging.offset
    )
    return {**page.to_dict(), "links": page_links(request, page.total, page.limit, page.offset)}


def entity_data(reg: Register, entity_id: str) -> dict[str, Any]:
    detail = reg.entity(entity_id).to_dict()
    s = detail["summary"]
    if s["kind"] == "country" and s.get("country"):
        detail["partners"] = [{"party": p, "events": n} for p, n in reg.partners(s["country"])]
    else:
        detail["partners"] = []
    return detail


@router.get(
    "/entities/{entity_id}", response_model=EntityDetailPublic, responses=ERRORS, summary="One entity"
)
def get_entity(entity_id: EID, reg: RegisterDep) -> dict[str, Any]:
    """A person (roles over time, meetings, quotes), an organisation (contracts) or a country
    (its events and partners)."""
    return entity_data(reg, entity_id)
