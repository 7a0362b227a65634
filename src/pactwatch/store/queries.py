"""Read queries over the store, returning the typed views of ``store.views``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Row,
    Select,
    String,
    and_,
    column,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)

from pactwatch.errors import NotFoundError, UsageError
from pactwatch.store import tables as t
from pactwatch.store import views as v
from pactwatch.store.engine import json_dict
from pactwatch.store.search import fts_terms

E = t.events


def _data(row: Any) -> dict[str, Any]:
    return json_dict(row.data)


def summary(row: Row[Any]) -> v.EventSummary:
    return v.EventSummary(
        id=row.id,
        type=row.type,
        kind=row.kind,
        status=row.status,
        date=row.date,
        parties=tuple(p for p in row.parties.split(";") if p),
        title=row.title,
        item=row.item,
        quantity=row.quantity,
        place=row.place,
        n_sources=row.n_sources,
        n_records=row.n_records,
        next_due=row.next_due,
        current_status=row.current_status
        if "current_status" in row._fields
        else _data(row).get("current_status"),
    )


# What a list shows of an event: its columns, and of its JSON only the current status
# (a list of 500 events reads no JSON document whole).
LIST_COLS = (
    *(c for c in E.c if c.name not in ("data", "search_text")),
    E.c.data["current_status"].as_string().label("current_status"),
)


def resolve_event_id(conn: Connection, event_id: str) -> str:
    if conn.execute(select(E.c.id).where(E.c.id == event_id)).first():
        return event_id
    alias = conn.execute(
        select(t.event_aliases.c.event_id).where(t.event_aliases.c.old_id == event_id)
    ).first()
    if alias and alias[0] != event_id:
        return resolve_event_id(conn, alias[0])
    raise NotFoundError(f"no event {event_id!r}")


def _pg_match(query: str) -> Any:
    """PostgreSQL: the stored ``events.search_tsv`` (migration 0006) against the words."""
    return text("events.search_tsv @@ plainto_tsquery('english', :q)").bindparams(q=query)


def _fts_match(query: str) -> Any:
    return text("events_fts MATCH :q").bindparams(q=fts_terms(query))


FTS = table("events_fts", column("rowid", Integer), column("event_id", String))

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


def _matches(conn: Connection, words: str) -> Any:
    """Events whose search text has these words: on the row itself on PostgreSQL (the
    stored ``search_tsv``), through the FTS index on SQLite."""
    if conn.dialect.name == "postgresql":
        return _pg_match(words)
    return E.c.id.in_(select(FTS.c.event_id).where(_fts_match(words)))


def _conditions(
    conn: Connection, f: v.EventFilters, *, search: bool = True, parties: bool = True
) -> list[Any]:
    conds: list[Any] = []
    ep = t.event_parties
    for p in f.parties if parties else ():  # a key lookup per candidate event
        conds.append(exists().where(ep.c.event_id == E.c.id, ep.c.party == p))
    if f.type:
        conds.append(E.c.type == f.type)
    if f.status:
        conds.append(E.c.status == f.status)
    if f.since:
        conds.append(E.c.date >= f.since)
    if f.until:
        conds.append(E.c.date <= f.until + "~")  # "2021-12" includes 2021-12-31
    if f.item:
        if f.item.split():  # the index narrows, ``LIKE`` decides
            conds.append(_matches(conn, f.item))
        conds.append(func.lower(E.c.item).contains(f.item.lower()))
    if f.search and search:
        conds.append(_matches(conn, f.search))
    return conds


def _filtered(conn: Connection, f: v.EventFilters) -> tuple[Select[Any], Any, Any]:
    """The filtered list and its (day, id) columns for "newest first".

    With parties, the first party's ``event_parties`` entries drive (index ``party, day``,
    read newest first), each further party is a key lookup, and the event row comes last;
    a pair's page stops after its rows, and its count reads no event row unless other
    filters need one."""
    conds = _conditions(conn, f, parties=False)
    if not f.parties:
        return select(*LIST_COLS).where(*conds), E.c.day, E.c.id
    ep = t.event_parties
    parties = f.parties
    if len(parties) > 1:  # the party with the fewest events drives
        sizes = {
            p: conn.execute(select(func.count()).where(ep.c.party == p)).scalar_one() for p in set(parties)
        }
        parties = tuple(sorted(parties, key=lambda p: sizes[p]))
    first = ep.alias("p0")
    q = select(*LIST_COLS).select_from(first)
    for k, party in enumerate(parties[1:], 1):
        other = ep.alias(f"p{k}")
        q = q.join(other, and_(other.c.event_id == first.c.event_id, other.c.party == party))
    q = q.join(E, E.c.id == first.c.event_id).where(first.c.party == parties[0], *conds)
    return q, first.c.day, first.c.event_id


MANY = 2000  # matches from which "newest first" walks the day index (SQLite)


def _check_sort(f: v.EventFilters) -> None:
    if f.sort not in SORTS or f.order not in ("asc", "desc"):
        raise UsageError(
            f"sort by one of {', '.join(SORTS)} in order asc or desc, got {f.sort!r} {f.order!r}"
        )


def events(conn: Connection, f: v.EventFilters) -> v.Page[v.EventSummary]:
    """A page of events matching the filters, sorted (newest first by default)."""
    _check_sort(f)
    if f.search and conn.dialect.name == "sqlite" and (f.sort, f.order) == ("date", "desc"):
        return _newest_matches(conn, f)
    q, day, eid = _filtered(conn, f)
    total = conn.execute(select(func.count()).select_from(q.subquery())).scalar_one()
    if conn.dialect.name == "sqlite" and f.sort == "date" and not f.parties and total > MANY:
        # Many matches: walking the (day, id) index newest first meets a page's rows soon,
        # but SQLite's planner would rather read them all through a filter's index and
        # sort; likelihood() tells it the conditions mostly hold.
        conds = _conditions(conn, f)
        q = select(*LIST_COLS).where(*(func.likelihood(c, literal_column("0.9375")) for c in conds))
    if f.sort == "date":
        key = (day.desc(), eid.desc()) if f.order == "desc" else (day.asc().nulls_last(), eid.asc())
    else:
        col = SORTS[f.sort]
        key = (col.desc(), eid) if f.order == "desc" else (col.asc().nulls_last(), eid)
    rows = conn.execute(q.order_by(*key).limit(f.limit).offset(f.offset)).all()
    return v.Page(tuple(summary(r) for r in rows), total, f.limit, f.offset)


def _newest_matches(conn: Connection, f: v.EventFilters) -> v.Page[v.EventSummary]:
    """SQLite full-text search, newest first, in the index's own order (see store.search):
    the page reads only its rows; the count reads no event row unless other filters apply."""
    assert f.search is not None
    conds = _conditions(conn, f, search=False)
    match = _fts_match(f.search)
    if conds:
        total = conn.execute(
            select(func.count()).select_from(FTS).join(E, E.c.id == FTS.c.event_id).where(match, *conds)
        ).scalar_one()
    else:
        total = conn.execute(select(func.count()).select_from(FTS).where(match)).scalar_one()
    rows = conn.execute(
        select(*LIST_COLS)
        .select_from(FTS)
        .join(E, E.c.id == FTS.c.event_id)
        .where(match, *conds)
        .order_by(FTS.c.rowid.desc())
        .limit(f.limit)
        .offset(f.offset)
    ).all()
    return v.Page(tuple(summary(r) for r in rows), total, f.limit, f.offset)


def event(conn: Connection, event_id: str) -> v.EventDetail:
    eid = resolve_event_id(conn, event_id)
    row = conn.execute(select(E).where(E.c.id == eid)).one()
    data = _data(row)
    R, D = t.records, t.documents
    recs = conn.execute(
        select(
            R.c.id,
            R.c.role,
            R.c.status,
            R.c.date,
            R.c.extractor,
            R.c.document_id,
            D.c.source,
            D.c.url,
            D.c.outlet,
            D.c.published,
        )
        .join(D, D.c.id == R.c.document_id)
        .where(R.c.event_id == eid)
        .order_by(D.c.published, R.c.id)
    ).all()
    ev_rows = conn.execute(
        select(t.evidence)
        .where(t.evidence.c.record_id.in_([r.id for r in recs]))
        .order_by(t.evidence.c.start)
    ).all()
    by_rec: dict[str, list[v.EvidenceView]] = {}
    for e in ev_rows:
        by_rec.setdefault(e.record_id, []).append(v.EvidenceView(e.start, e.end, e.text))
    sources = tuple(
        v.SourceView(
            r.source,
            r.document_id,
            r.url,
            r.outlet,
            r.published.isoformat() if r.published else None,
            r.id,
            r.role,
            r.status,
            r.date,
            r.extractor,
            tuple(by_rec.get(r.id, ())),
        )
        for r in recs
    )
    values = data.get("values", {})
    conflicts = tuple(k for k, d in values.items() if d.get("conflict"))
    return v.EventDetail(
        summary(row),
        data.get("fields", {}),
        values,
        conflicts,
        tuple(data.get("history", ())),
        sources,
        links(conn, eid),
        reviews(conn, [eid, *data.get("records", [])]),
    )


def links(conn: Connection, eid: str) -> tuple[v.LinkView, ...]:
    L = t.links
    rows = conn.execute(select(L).where(or_(L.c.from_event == eid, L.c.to_event == eid))).all()
    out = []
    for r in rows:
        other = r.to_event if r.from_event == eid else r.from_event
        o = conn.execute(select(E.c.title, E.c.date, E.c.kind).where(E.c.id == other)).first()
        out.append(
            v.LinkView(
                r.relation,
                "out" if r.from_event == eid else "in",
                other,
                (o.title or o.kind) if o else None,
                o.date if o else None,
                r.reason,
            )
        )
    return tuple(out)


def reviews(conn: Connection, targets: list[str]) -> tuple[v.ReviewView, ...]:
    rows = conn.execute(
        select(t.reviews).where(t.reviews.c.target.in_(targets)).order_by(t.reviews.c.id)
    ).all()
    return tuple(
        v.ReviewView(r.id, r.target, r.action, r.changes, r.before, r.after, r.who, r.at.isoformat())
        for r in rows
    )


def entities(
    conn: Connection, kind: str | None, search: str | None, limit: int, offset: int
) -> v.Page[v.EntitySummary]:
    N = t.entities
    q = select(N)
    if kind:
        q = q.where(N.c.kind == kind)
    if search:
        q = q.where(
            N.c.id.in_(
                select(t.aliases.c.entity_id).where(func.lower(t.aliases.c.alias).contains(search.lower()))
            )
        )
    total = conn.execute(select(func.count()).select_from(q.subquery())).scalar_one()
    rows = conn.execute(q.order_by(N.c.kind, N.c.name).limit(limit).offset(offset)).all()
    return v.Page(_entity_summaries(conn, rows), total, limit, offset)


def _entity_summaries(conn: Connection, rows: Sequence[Row[Any]]) -> tuple[v.EntitySummary, ...]:
    """Summaries with aliases and mention counts: two queries for the whole page."""
    ids = [r.id for r in rows]
    aliases: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    if ids:
        A, M = t.aliases, t.mentions
        for eid, alias in conn.execute(select(A.c.entity_id, A.c.alias).where(A.c.entity_id.in_(ids))):
            aliases.setdefault(eid, []).append(alias)
        counts = {
            eid: int(n)
            for eid, n in conn.execute(
                select(M.c.entity_id, func.count()).where(M.c.entity_id.in_(ids)).group_by(M.c.entity_id)
            )
        }
    return tuple(
        v.EntitySummary(
            r.id, r.kind, r.name, r.country, tuple(sorted(aliases.get(r.id, ()))), counts.get(r.id, 0)
        )
        for r in rows
    )


def entity(conn: Connection, entity_id: str) -> v.EntityDetail:
    r = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).first()
    if r is None:
        raise NotFoundError(f"no entity {entity_id!r}")
    M, R = t.mentions, t.records
    if r.kind == "country" and r.country:
        # a country is a party: no roles; its events straight from the party index, in day order
        ep = t.event_parties
        roles: Sequence[Row[Any]] = ()
        evs = conn.execute(
            select(*LIST_COLS)
            .select_from(ep)
            .join(E, E.c.id == ep.c.event_id)
            .where(ep.c.party == r.country)
            .order_by(ep.c.day, ep.c.event_id)
            .limit(500)
        ).all()
    else:
        roles = conn.execute(
            select(M.c.role, func.min(R.c.date), func.max(R.c.date), func.count())
            .join(R, R.c.id == M.c.record_id)
            .where(M.c.entity_id == entity_id, M.c.role.is_not(None))
            .group_by(M.c.role)
        ).all()
        ev_ids = select(R.c.event_id).join(M, M.c.record_id == R.c.id).where(M.c.entity_id == entity_id)
        evs = conn.execute(
            select(*LIST_COLS).where(E.c.id.in_(ev_ids)).order_by(E.c.day, E.c.id).limit(500)
        ).all()
    return v.EntityDetail(
        _entity_summaries(conn, [r])[0],
        tuple(v.RoleView(x[0], x[1], x[2], x[3]) for x in roles),
        tuple(summary(e) for e in evs),
    )


def _doc(r: Row[Any]) -> v.DocumentSummary:
    return v.DocumentSummary(
        r.id,
        r.source,
        r.url,
        r.outlet,
        r.title,
        r.published.isoformat() if r.published else None,
        r.extractor,
        r.n_records,
    )


def documents(conn: Connection, limit: int, offset: int) -> v.Page[v.DocumentSummary]:
    D = t.documents
    total = conn.execute(select(func.count()).select_from(D)).scalar_one()
    rows = conn.execute(select(D).order_by(D.c.published.desc(), D.c.id).limit(limit).offset(offset)).all()
    return v.Page(tuple(_doc(r) for r in rows), total, limit, offset)


def document(conn: Connection, doc_id: str) -> v.DocumentDetail:
    D, R = t.documents, t.records
    r = conn.execute(select(D).where(or_(D.c.id == doc_id, D.c.source == doc_id))).first()
    if r is None:
        raise NotFoundError(f"no document {doc_id!r}")
    recs = conn.execute(
        select(R.c.id, R.c.event_id, R.c.data).where(R.c.document_id == r.id).order_by(R.c.idx)
    ).all()
    return v.DocumentDetail(
        _doc(r), r.text, tuple({**_data(x), "id": x.id, "event_id": x.event_id} for x in recs)
    )


def timeline(conn: Connection, a: str, b: str, limit: int, offset: int) -> v.Page[v.EventSummary]:
    f = v.EventFilters(parties=(a, b), limit=limit, offset=offset)
    q, day, eid = _filtered(conn, f)
    total = conn.execute(select(func.count()).select_from(q.subquery())).scalar_one()
    rows = conn.execute(q.order_by(day, eid).limit(limit).offset(offset)).all()
    return v.Page(tuple(summary(r) for r in rows), total, limit, offset)


def due(conn: Connection, today: date, horizon_days: int, limit: int) -> tuple[v.DueItem, ...]:
    start, end = today.isoformat(), (today + timedelta(days=horizon_days)).isoformat()
    out: list[v.DueItem] = []
    expected = conn.execute(
        select(*LIST_COLS)
        .where(E.c.status.in_(("expected", "proposed")), E.c.date >= start[:7], E.c.date <= end + "~")
        .order_by(E.c.date)
        .limit(limit)
    ).all()
    out += [v.DueItem(r.date, "expected", summary(r)) for r in expected]
    sessions = conn.execute(
        select(*LIST_COLS)
        .where(E.c.next_due.is_not(None), E.c.next_due <= end + "~")
        .order_by(E.c.next_due)
        .limit(limit)
    ).all()
    out += [v.DueItem(r.next_due, "next session", summary(r)) for r in sessions]
    ends = conn.execute(
        select(*LIST_COLS)
        .where(and_(E.c.period_end.is_not(None), E.c.period_end >= start[:4], E.c.period_end <= end[:4]))
        .order_by(E.c.period_end)
        .limit(limit)
    ).all()
    out += [v.DueItem(r.period_end, "period ends", summary(r)) for r in ends]
    return tuple(sorted(out, key=lambda d: d.due)[:limit])


# -- the web app's overviews (moved from api/insights.py) -----------------------------------


def pair_counts(conn: Connection, party: str | None = None, limit: int = 30) -> list[tuple[str, str, int]]:
    """(A, B, events) for the most frequent pairs of parties (of ``party``, when given)."""
    q = select(E.c.parties, func.count()).group_by(E.c.parties)
    if party:
        q = q.where(E.c.id.in_(select(t.event_parties.c.event_id).where(t.event_parties.c.party == party)))
    counts: dict[tuple[str, str], int] = {}
    for parties, n in conn.execute(q).all():
        ps = sorted(p for p in (parties or "").split(";") if p)
        for i, a in enumerate(ps):
            for b in ps[i + 1 :]:
                if party is None or party in (a, b):
                    counts[(a, b)] = counts.get((a, b), 0) + int(n)
    ranked = sorted(counts.items(), key=lambda x: -x[1])  # stable: ties keep first-seen order
    return [(a, b, n) for (a, b), n in ranked[:limit]]


def partners(conn: Connection, party: str, limit: int = 40) -> list[tuple[str, int]]:
    """A party's partners and the number of events they share, most first."""
    out = [(b if a == party else a, n) for a, b, n in pair_counts(conn, party, limit)]
    return sorted(out, key=lambda x: (-x[1], x[0]))


def people(conn: Connection, event_ids: list[str], limit: int = 30) -> list[tuple[str, str, int]]:
    """(entity id, name, mentions) of the people named in these events (the first 2,000)."""
    if not event_ids:
        return []
    M, R, N = t.mentions, t.records, t.entities
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


def review_log(conn: Connection, limit: int, offset: int) -> v.Page[v.ReviewView]:
    """The review log, newest first."""
    V = t.reviews
    total = conn.execute(select(func.count()).select_from(V)).scalar_one()
    rows = conn.execute(select(V).order_by(V.c.id.desc()).limit(limit).offset(offset)).all()
    items = tuple(
        v.ReviewView(r.id, r.target, r.action, r.changes, r.before, r.after, r.who, r.at.isoformat())
        for r in rows
    )
    return v.Page(items, total, limit, offset)


def counts(conn: Connection) -> dict[str, int]:
    """Numbers of events by type, and of documents (``documents``)."""
    by_type = {str(k): int(n) for k, n in conn.execute(select(E.c.type, func.count()).group_by(E.c.type))}
    docs = conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
    return {**by_type, "documents": int(docs)}


def event_for_record(conn: Connection, record_id: str) -> str | None:
    """The event id of a record id; None when no record has that id."""
    row = conn.execute(select(t.records.c.event_id).where(t.records.c.id == record_id)).first()
    return row[0] if row else None


def document_texts(conn: Connection, ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """(text, title) of documents by id, in one query (``document`` also matches by source,
    which has no index: a scan per call on a large register)."""
    if not ids:
        return {}
    D = t.documents
    rows = conn.execute(select(D.c.id, D.c.text, D.c.title).where(D.c.id.in_(ids))).all()
    return {r.id: (r.text, r.title) for r in rows}
