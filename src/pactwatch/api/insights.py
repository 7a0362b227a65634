"""Read-only queries the web app needs beyond ``Register``'s public methods: sorted event
lists, counts by country pair, a country's partners, the people of a pair, the review log.

They read the store's tables (``store.tables``) and reuse ``store.queries`` for filters,
so filtering means the same as in ``Register.events``. Candidates to move into Register.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

from sqlalchemy import func, select

from pactwatch.register import Register
from pactwatch.store import queries
from pactwatch.store import tables as t
from pactwatch.store.engine import read_conn, store_errors
from pactwatch.store.views import EventFilters, EventSummary, Page, ReviewView

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


def pair_counts(reg: Register, *, party: str | None = None, limit: int = 30) -> list[tuple[str, str, int]]:
    """(A, B, events) for the most frequent pairs of parties (of ``party``, when given)."""
    with store_errors(reg.url), read_conn(reg.engine) as conn:
        q = select(E.c.parties, func.count()).group_by(E.c.parties)
        if party:
            q = q.where(
                E.c.id.in_(select(t.event_parties.c.event_id).where(t.event_parties.c.party == party))
            )
        rows = conn.execute(q).all()
    counts: Counter[tuple[str, str]] = Counter()
    for parties, n in rows:
        ps = sorted(p for p in (parties or "").split(";") if p)
        for a, b in combinations(ps, 2):
            if party is None or party in (a, b):
                counts[(a, b)] += n
    return [(a, b, n) for (a, b), n in counts.most_common(limit)]


def partners(reg: Register, party: str, limit: int = 40) -> list[tuple[str, int]]:
    """A party's partners and the number of events they share."""
    out = [(b if a == party else a, n) for a, b, n in pair_counts(reg, party=party, limit=limit)]
    return sorted(out, key=lambda x: (-x[1], x[0]))


def people(reg: Register, event_ids: list[str], limit: int = 30) -> list[tuple[str, str, int]]:
    """(entity id, name, mentions) of the people named in these events."""
    if not event_ids:
        return []
    M, R, N = t.mentions, t.records, t.entities
    with store_errors(reg.url), read_conn(reg.engine) as conn:
        rows = conn.execute(
            select(N.c.id, N.c.name, func.count())
            .join(M, M.c.entity_id == N.c.id)
            .join(R, R.c.id == M.c.record_id)
            .where(N.c.kind == "person", R.c.event_id.in_(event_ids[:2000]))
            .group_by(N.c.id, N.c.name)
            .order_by(func.count().desc(), N.c.name)
            .limit(limit)
        ).all()
    return [(r[0], r[1], int(r[2])) for r in rows]


def reviews(reg: Register, *, limit: int = 50, offset: int = 0) -> Page[ReviewView]:
    """The review log, newest first."""
    V = t.reviews
    with store_errors(reg.url), read_conn(reg.engine) as conn:
        total = conn.execute(select(func.count()).select_from(V)).scalar_one()
        rows = conn.execute(select(V).order_by(V.c.id.desc()).limit(limit).offset(offset)).all()
    items = tuple(
        ReviewView(r.id, r.target, r.action, r.changes, r.before, r.after, r.who, r.at.isoformat())
        for r in rows
    )
    return Page(items, total, limit, offset)


def counts(reg: Register) -> dict[str, int]:
    """Numbers of events by type, and of documents."""
    with store_errors(reg.url), read_conn(reg.engine) as conn:
        by_type: dict[str, int] = {
            str(k): int(v) for k, v in conn.execute(select(E.c.type, func.count()).group_by(E.c.type))
        }
        docs = conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
    return {**{str(k): int(v) for k, v in by_type.items()}, "documents": int(docs)}


def event_for_record(reg: Register, ref: str) -> str | None:
    """The event id of a record id (or the id itself when it names an event)."""
    with store_errors(reg.url), read_conn(reg.engine) as conn:
        row = conn.execute(select(t.records.c.event_id).where(t.records.c.id == ref)).first()
    return row[0] if row else None


def document_texts(reg: Register, ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """(text, title) of documents by id, in one query (``Register.document`` also matches
    by source, which has no index: a scan per call on a large register)."""
    D = t.documents
    if not ids:
        return {}
    with store_errors(reg.url), read_conn(reg.engine) as conn:
        rows = conn.execute(select(D.c.id, D.c.text, D.c.title).where(D.c.id.in_(ids))).all()
    return {r.id: (r.text, r.title) for r in rows}
