"""Links between stored events (fulfils, amends, session_of) and the next-due date of
mechanisms: recomputed for an event after it is rebuilt, from its neighbours in the
``event_parties`` block index."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Row, Select, bindparam, delete, func, select, union, update

from pactwatch.resolve import links as lk
from pactwatch.resolve import merge as mg
from pactwatch.resolve.names import is_country
from pactwatch.store import tables as t
from pactwatch.store.engine import insert_ignore, json_dict

__all__ = ["refresh_links", "update_next_due"]


def _ref(row: Row[Any]) -> lk.EventRef:
    """An event for linking, from its full row (its amends and recurrence are in ``data``)."""
    f = json_dict(row.data).get("fields", {})
    am = f.get("amends") or {}
    return _event_ref(row, am.get("title"), am.get("date"), f.get("recurrence"))


def _event_ref(
    row: Row[Any],
    amends_title: str | None = None,
    amends_date: str | None = None,
    recurrence: str | None = None,
) -> lk.EventRef:
    return lk.EventRef(
        row.id,
        row.type,
        row.status,
        row.day,
        tuple(p for p in row.parties.split(";") if p),
        row.kind,
        row.title,
        amends_title,
        amends_date,
        recurrence,
    )


def _as_item(ref: lk.EventRef) -> mg.MergeItem:
    return mg.MergeItem(
        id=ref.id,
        doc=ref.id,
        type=ref.type,
        status=ref.status or "",
        day=ref.day,
        parties=ref.parties,
        kind=ref.kind,
        title=ref.title,
    )


E = t.events
_NEIGHBOUR_COLS = (E.c.id, E.c.type, E.c.status, E.c.day, E.c.parties, E.c.kind, E.c.title)


@lru_cache(maxsize=64)
def _neighbour_statement(n_blocks: int, dated: bool, planned: bool | None, limit: int) -> Select[Any]:
    """The neighbour lookup as one statement (built once per shape; values are bound).

    Each (party, type) block is one range of the ``event_parties`` block index
    (parameters ``p0``/``t0``, ``p1``/``t1``, ..., ``me``, ``lo``..``hi``), read newest
    first and cut at ``limit`` (after the planned filter); the union of the blocks is
    joined to ``events`` and cut at ``limit`` again, newest first as the dialect sorts
    ``day DESC`` (PostgreSQL: events without a day first)."""
    ep = t.event_parties
    blocks = []
    for i in range(n_blocks):
        q = select(ep.c.event_id, ep.c.day).where(
            ep.c.party == bindparam(f"p{i}"),
            ep.c.type == bindparam(f"t{i}"),
            ep.c.event_id != bindparam("me"),
        )
        if dated:
            q = q.where(ep.c.day.between(bindparam("lo"), bindparam("hi")))
        if planned is not None:
            is_plan = E.c.status.in_(sorted(mg.PLAN))
            keep = is_plan if planned else (E.c.status.is_(None) | ~is_plan)
            q = q.join(E, E.c.id == ep.c.event_id).where(keep)
        q = q.order_by(ep.c.day.desc(), ep.c.event_id.desc()).limit(limit)
        sub = q.subquery()
        blocks.append(select(sub.c.event_id, sub.c.day))
    found = (blocks[0] if n_blocks == 1 else union(*blocks)).subquery()
    return (
        select(*_NEIGHBOUR_COLS)
        .join(found, found.c.event_id == E.c.id)
        .order_by(found.c.day.desc(), found.c.event_id.desc())
        .limit(limit)
    )


def _neighbours(
    conn: Connection,
    ev: lk.EventRef,
    types: tuple[str, ...],
    days: tuple[int, int] | None = None,
    limit: int = 200,
    planned: bool | None = None,
) -> list[lk.EventRef]:
    """The latest ``limit`` events sharing a party with ``ev``, of the given types,
    optionally within a day range, and optionally only planned (expected, proposed) or
    only unplanned ones (filtered before the cut). One round trip; the cost follows the
    blocks, not the size of the database; no event's JSON is read (so a neighbour's
    amends are never known)."""
    parties = [p for p in ev.parties if is_country(p)] or list(ev.parties)
    blocks = [(p, typ) for p in parties for typ in types]
    if not blocks:
        return []
    params: dict[str, Any] = {"me": ev.id}
    for i, (party, typ) in enumerate(blocks):
        params[f"p{i}"], params[f"t{i}"] = party, typ
    if days is not None:
        params["lo"], params["hi"] = days
    stmt = _neighbour_statement(len(blocks), days is not None, planned, limit)
    return [_event_ref(r) for r in conn.execute(stmt, params)]


def refresh_links(conn: Connection, event_id: str) -> None:
    """Recompute the links that start at this event, and the next-due date of mechanisms."""
    row = conn.execute(select(t.events).where(t.events.c.id == event_id)).first()
    if row is None:
        return
    ev = _ref(row)
    conn.execute(delete(t.links).where(t.links.c.from_event == event_id, t.links.c.relation != "session_of"))
    new: list[dict[str, Any]] = []
    if ev.type in ("accord", "meeting") and ev.day is not None:
        plan = ev.status in mg.PLAN
        near = (ev.day - 31, ev.day + 31)
        for other in _neighbours(conn, ev, (ev.type,), near, planned=not plan):
            if (other.status in mg.PLAN) == plan or other.day is None:
                continue
            if mg.score(_as_item(ev), _as_item(other), link=True) >= mg.THRESHOLD:
                held, expected = (other, ev) if plan else (ev, other)
                new.append(
                    {
                        "from_event": held.id,
                        "relation": "fulfils",
                        "to_event": expected.id,
                        "reason": "the expected event took place",
                    }
                )
    target = None
    if ev.type == "accord" and (ev.amends_title or ev.amends_date):
        before = (ev.day - 36600, ev.day) if ev.day is not None else None
        target = lk.amends_target(ev, _neighbours(conn, ev, ("accord",), before, limit=500))
    if target:
        new.append({"from_event": ev.id, "relation": "amends", "to_event": target[0], "reason": target[1]})
    mechanisms: list[str] = []
    if ev.type == "meeting":
        conn.execute(
            delete(t.links).where(t.links.c.from_event == event_id, t.links.c.relation == "session_of")
        )
        session = lk.session_target(ev, _neighbours(conn, ev, ("mechanism",)))
        if session:
            new.append(
                {"from_event": ev.id, "relation": "session_of", "to_event": session[0], "reason": session[1]}
            )
            mechanisms.append(session[0])
    elif ev.type == "mechanism":
        for other in _neighbours(conn, ev, ("meeting",)):
            if lk.session_target(other, [ev]):
                new.append(
                    {
                        "from_event": other.id,
                        "relation": "session_of",
                        "to_event": ev.id,
                        "reason": f"meeting matches mechanism '{ev.title or ev.kind}'",
                    }
                )
        mechanisms.append(ev.id)
    insert_ignore(conn, t.links, new)
    for mech in mechanisms:
        update_next_due(conn, mech)


def update_next_due(conn: Connection, mechanism_id: str) -> None:
    row = conn.execute(select(t.events).where(t.events.c.id == mechanism_id)).first()
    if row is None:
        return
    sessions = select(t.links.c.from_event).where(
        t.links.c.to_event == mechanism_id, t.links.c.relation == "session_of"
    )
    last = conn.execute(
        select(func.max(t.events.c.date)).where(t.events.c.id.in_(sessions), t.events.c.status == "held")
    ).scalar()
    rec = _ref(row).recurrence
    due = lk.next_due(rec, last) if last else None
    conn.execute(update(t.events).where(t.events.c.id == mechanism_id).values(next_due=due))
