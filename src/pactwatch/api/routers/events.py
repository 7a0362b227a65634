"""``/api/events``, ``/api/events/{id}``, ``/api/pairs/{A}-{B}``, ``/api/overview``."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from pactwatch.api.deps import RegisterDep, page_links
from pactwatch.api.filters import EventQueryDep
from pactwatch.api.schemas import ERRORS, EventDetailPublic, EventPage, Overview, PairPublic
from pactwatch.register import Register
from pactwatch.store.views import EventFilters

router = APIRouter(prefix="/api", tags=["events"])

ID = Annotated[
    str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9:_.-]+$", examples=["3f9a1c2b7d4e5f60"])
]
PAIR = Annotated[str, Path(pattern=r"^[A-Za-z]{3}-[A-Za-z]{3}$", examples=["IND-RUS"])]


def event_page(request: Request, reg: Register, eq: Any) -> dict[str, Any]:
    page = reg.events(replace(eq.filters, sort=eq.sort, order=eq.order))
    return {**page.to_dict(), "links": page_links(request, page.total, page.limit, page.offset)}


@router.get("/events", response_model=EventPage, responses=ERRORS, summary="List and filter events")
def list_events(request: Request, reg: RegisterDep, eq: EventQueryDep) -> dict[str, Any]:
    """Events matching every filter given (party, pair, type, status, date range, item, free
    text), sorted (``sort``/``order``) and paged (``limit``/``offset``)."""
    return event_page(request, reg, eq)


@router.get("/events/{event_id}", response_model=EventDetailPublic, responses=ERRORS, summary="One event")
def get_event(event_id: ID, reg: RegisterDep) -> dict[str, Any]:
    """Every field with the value each source gave, conflicts, history, evidence, links and
    reviews. An id merged into another event resolves to the surviving event."""
    return reg.event(event_id).to_dict()


def pair_data(reg: Register, pair: str, limit: int = 500) -> dict[str, Any]:
    a, b = (x.upper() for x in pair.split("-", 1))
    page = reg.timeline(a, b, limit=limit)
    events = [e.to_dict() for e in page.items]
    mechanisms = [e for e in events if e["type"] == "mechanism"]
    people = [{"entity_id": i, "name": n, "mentions": m} for i, n, m in reg.people([e["id"] for e in events])]
    return {"a": a, "b": b, "events": events, "total": page.total, "mechanisms": mechanisms, "people": people}


@router.get("/pairs/{pair}", response_model=PairPublic, responses=ERRORS, summary="A country pair")
def get_pair(pair: PAIR, reg: RegisterDep) -> dict[str, Any]:
    """The accords, meetings, statements and mechanisms of two parties in date order (at most
    500), their mechanisms and the people involved."""
    return pair_data(reg, pair)


def overview_data(reg: Register, today: date | None = None) -> dict[str, Any]:
    latest = {
        typ: [e.to_dict() for e in reg.events(EventFilters(type=typ, limit=8)).items]
        for typ in ("accord", "meeting")
    }
    due = [d.to_dict() for d in reg.due(today=today, horizon_days=365, limit=12)]
    pairs = [{"a": a, "b": b, "events": n} for a, b, n in reg.pair_counts(limit=20)]
    return {
        "accords": latest["accord"],
        "meetings": latest["meeting"],
        "due": due,
        "pairs": pairs,
        "counts": reg.counts(),
    }


@router.get("/overview", response_model=Overview, responses=ERRORS, summary="The home page's data")
def overview(
    reg: RegisterDep, today: Annotated[date | None, Query(description="defaults to today")] = None
) -> dict[str, Any]:
    """Latest accords and meetings, what is due in the next year, counts by country pair."""
    return overview_data(reg, today)
