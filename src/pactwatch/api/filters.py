"""The event filters shared by ``/api/events`` and ``/events`` (query parameters -> EventFilters).

Empty values (what an HTML form sends for "any") mean no filter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query
from pydantic import StringConstraints

from pactwatch.api.deps import MAX_LIMIT, NO_CONTROL
from pactwatch.model import RECORD_TYPES, STATUSES
from pactwatch.store.queries import SORTS
from pactwatch.store.views import EventFilters

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
PARTY = r"^[A-Za-z0-9:._ -]{0,200}$"
SORT_KEYS = tuple(SORTS)


@dataclass(frozen=True, slots=True)
class EventQuery:
    filters: EventFilters
    sort: str
    order: str
    pair: str | None

    def params(self) -> list[tuple[str, str]]:
        """The query parameters that give this selection (for links and the CSV download)."""
        f = self.filters
        out: list[tuple[str, str]] = []
        if self.pair:
            out.append(("pair", self.pair))
        out += [("party", p) for p in f.parties if not self.pair or p not in self.pair.split("-")]
        for key, value in (
            ("type", f.type),
            ("status", f.status),
            ("since", f.since),
            ("until", f.until),
            ("item", f.item),
            ("q", f.search),
        ):
            if value:
                out.append((key, value))
        if (self.sort, self.order) != ("date", "desc"):
            out += [("sort", self.sort), ("order", self.order)]
        return out


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _party(p: str) -> str:
    p = p.strip()
    return p.upper() if len(p) == 3 and p.isalpha() else p


def event_query(
    party: Annotated[
        list[Annotated[str, StringConstraints(pattern=PARTY)]] | None,
        Query(
            description="a party (ISO3 or name); repeat for all of several", examples=["IND"], max_length=10
        ),
    ] = None,
    pair: Annotated[
        str | None,
        Query(description="a country pair such as IND-RUS", pattern=r"^([A-Za-z]{3}-[A-Za-z]{3})?$"),
    ] = None,
    type: Annotated[str | None, Query(pattern="^(" + "|".join(RECORD_TYPES) + ")?$")] = None,
    status: Annotated[str | None, Query(pattern="^(" + "|".join(STATUSES) + ")?$")] = None,
    since: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[
        str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")
    ] = None,
    item: Annotated[str | None, Query(max_length=200, pattern=NO_CONTROL)] = None,
    q: Annotated[str | None, Query(max_length=500, pattern=NO_CONTROL, description="free text")] = None,
    sort: Annotated[str, Query(pattern="^(" + "|".join(SORT_KEYS) + ")$")] = "date",
    order: Annotated[str, Query(pattern="^(asc|desc)$")] = "desc",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> EventQuery:
    parties = [_party(p) for p in party or () if p.strip()]
    pair = _clean(pair)
    if pair:
        parties = [*dict.fromkeys([*(x.upper() for x in pair.split("-")), *parties])]
        pair = pair.upper()
    f = EventFilters(
        parties=tuple(parties),
        type=_clean(type),
        status=_clean(status),
        since=_clean(since),
        until=_clean(until),
        item=_clean(item),
        search=_clean(q),
        limit=limit,
        offset=offset,
    )
    return EventQuery(f, sort, order, pair)


EventQueryDep = Annotated[EventQuery, Depends(event_query)]
