"""The sorted event listing of the web app (``Register.events`` sorts by date only).

It reads the store's tables (``store.tables``) and reuses ``store.queries`` for filters,
so filtering means the same as in ``Register.events``. Everything else the pages show
comes from ``Register`` (``pair_counts``, ``partners``, ``people``, ``review_log``, ...).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from pactwatch.register import Register
from pactwatch.store import queries
from pactwatch.store import tables as t
from pactwatch.store.engine import read_conn, store_errors
from pactwatch.store.views import EventFilters, EventSummary, Page

E = t.events
SORTS: dict[str, Any] = {
    "date": E.c.day,
    "type": E.c.type,
    "status": E.c.status,
    "title": E.c.title,
    "parties": E.c.parties,
    "item": E.c.item,
    "quantity": E.c.quantity,
    "sources": E.c.n_sources,
}


def events(reg: Register, f: EventFilters, sort: str = "date", order: str = "desc") -> Page[EventSummary]:
    """``Register.events`` with a sort column (one of SORTS) and order (asc/desc)."""
    if sort == "date" and order == "desc":
        return reg.events(f)
    col = SORTS.get(sort, E.c.day)
    key = col.asc() if order == "asc" else col.desc()
    with store_errors(reg.url), read_conn(reg.engine) as conn:
        q = queries._filtered(conn, f)
        total = conn.execute(select(func.count()).select_from(q.subquery())).scalar_one()
        rows = conn.execute(q.order_by(key.nulls_last(), E.c.id).limit(f.limit).offset(f.offset)).all()
    return Page(tuple(queries.summary(r) for r in rows), total, f.limit, f.offset)
