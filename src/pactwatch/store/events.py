"""Events in the store: candidate blocks from the indexes, assignment of new records,
and the rebuild of an event's merged fields, history, search text and links."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, func, select, update

from pactwatch.resolve import links as lk
from pactwatch.resolve import merge as mg
from pactwatch.resolve.names import country_name, is_country
from pactwatch.resolve.values import LISTS, SCALARS, Contribution, merge_values
from pactwatch.store import search as search_index
from pactwatch.store import tables as t
from pactwatch.store.engine import insert_ignore, upsert

R = t.records


def _json(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else json.loads(value)


def item_of(row: Row[Any]) -> mg.MergeItem:
    """What merging needs of a stored record (a full ``records`` row)."""
    d = _json(row.data)
    return _merge_item(row, " ".join(e["text"] for e in d.get("evidence") or ()))


def _merge_item(row: Row[Any], text: str) -> mg.MergeItem:
    precision = len(row.date.split("-")) if row.date else 0
    return mg.MergeItem(
        id=row.id,
        doc=row.document_id,
        type=row.type,
        status=row.status,
        day=row.day,
        precision=precision,
        parties=tuple(p for p in row.parties.split(";") if p),
        kind=row.kind,
        title=row.title,
        item=row.item,
        quantity=row.quantity,
        place=row.place,
        ordinal=row.ordinal,
        quote=row.quote,
        speaker=row.speaker,
        text=text,
        event=row.event_id,
    )


# What merging compares of a candidate. Only the record being placed is asked whether
# it is later news about an accord (its evidence text), so no candidate's JSON is read.
_CANDIDATE_COLS = tuple(
    R.c[n]
    for n in (
        "id",
        "document_id",
        "type",
        "status",
        "date",
        "day",
        "parties",
        "kind",
        "title",
        "item",
        "quantity",
        "place",
        "ordinal",
        "quote",
        "speaker",
        "event_id",
    )
)


def candidates(conn: Connection, item: mg.MergeItem) -> list[mg.MergeItem]:
    """Records in the item's blocks: same type, a shared party, a nearby day."""
    parties = [p for p in item.parties if is_country(p)] or list(item.parties) or [""]
    rp = t.record_parties
    q = select(rp.c.record_id).where(rp.c.party.in_(parties), rp.c.type == item.type)
    if item.type != "mechanism" and item.day is not None:
        back = mg.UPDATE_WINDOW if mg.is_update(item) else max(mg.window(item), 31)
        q = q.where(rp.c.day.between(item.day - back, item.day + 31))
    ids = list(
        dict.fromkeys(
            conn.execute(q.order_by(rp.c.day.desc()).limit(mg.MAX_CANDIDATES * len(parties))).scalars()
        )
    )
    if not ids:
        return []
    q2 = select(*_CANDIDATE_COLS).where(R.c.id.in_(ids), R.c.event_id.is_not(None)).order_by(R.c.id)
    rows = conn.execute(q2).all()
    return [_merge_item(r, "") for r in rows]


def judgements_for(conn: Connection, record_id: str) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    j = t.judgements
    rows = conn.execute(select(j).where((j.c.a == record_id) | (j.c.b == record_id))).all()
    same: dict[str, set[str]] = {record_id: set()}
    diff: dict[str, set[str]] = {record_id: set()}
    for r in rows:
        other = r.b if r.a == record_id else r.a
        (same if r.judgement == "same" else diff)[record_id].add(other)
    return same, diff


def assign_record(conn: Connection, row: Row[Any]) -> tuple[str, bool]:
    """Put a stored record into an event; returns (event id, created)."""
    item = item_of(row)
    same, diff = judgements_for(conn, item.id)
    ev, _ = mg.assign(item, candidates(conn, item), same=same, different=diff)
    role = "report"
    if ev is not None and mg.is_update(item):
        role = (
            "update"
            if conn.execute(
                select(func.count())
                .select_from(R)
                .where(
                    R.c.event_id == ev,
                    R.c.status.in_(("signed",)),
                    R.c.day < (item.day or 0) - mg.DATE_WINDOW,
                )
            ).scalar()
            else "report"
        )
    created = ev is None
    ev = ev or event_id_for(item.id)
    conn.execute(update(R).where(R.c.id == item.id).values(event_id=ev, role=role))
    return ev, created


def event_id_for(record_id: str) -> str:
    return "E" + record_id[:15]


def _overrides(conn: Connection, targets: Iterable[str]) -> dict[str, tuple[Any, str]]:
    rows = conn.execute(select(t.overrides).where(t.overrides.c.target.in_(list(targets)))).all()
    return {r.prop: (json.loads(r.value), r.who) for r in sorted(rows, key=lambda r: r.at)}


def refresh_event(conn: Connection, event_id: str, now: datetime) -> None:
    """Rebuild one event from its member records (or drop it when it has none)."""
    members = conn.execute(
        select(R, t.documents.c.source, t.documents.c.published)
        .join(t.documents, t.documents.c.id == R.c.document_id)
        .where(R.c.event_id == event_id)
        .order_by(R.c.day, R.c.id)
    ).all()
    if not members:
        drop_event(conn, event_id)
        return
    contributions: list[Contribution] = []
    history: list[dict[str, Any]] = []
    search: list[str] = []
    for m in members:
        d = _json(m.data)
        pub = m.published.isoformat() if m.published else None
        ev_text = " ".join(e["text"] for e in d.get("evidence") or ())
        props = LISTS + (SCALARS if m.role == "report" else ())
        for prop in props:
            vals = d.get(prop) if prop in LISTS else [d.get(prop)]
            for v in vals or ():
                contributions.append(Contribution(prop, v, m.id, m.source, pub, float(m.confidence)))
        label = lk.update_label(ev_text, m.status) if m.role == "update" else m.status
        history.append(
            {
                "date": m.date or pub,
                "status": label,
                "record": m.id,
                "source": m.source,
                "evidence": [
                    {"start": e["start"], "end": e["end"], "text": e["text"]} for e in d.get("evidence") or ()
                ],
            }
        )
        search.extend(
            str(x)
            for x in (
                d.get("title"),
                d.get("kind"),
                d.get("item"),
                d.get("place"),
                d.get("quote"),
                (d.get("speaker") or {}).get("name"),
                ev_text,
            )
            if x
        )
    merged, detail = merge_values(contributions, _overrides(conn, [event_id, *(m.id for m in members)]))
    history.sort(key=lambda h: (h["date"] or "", h["record"]))
    first = members[0]
    parties = sorted({p for p in merged.get("parties") or ()})
    search.extend(country_name(p) for p in parties if is_country(p))
    day, _ = mg.day_of(merged.get("date"), None)
    status = merged.get("status") or first.status
    current = (
        history[-1]["status"]
        if first.type == "accord" and any(m.role == "update" for m in members)
        else status
    )
    sources = sorted({m.source for m in members})
    data = {
        "fields": merged,
        "values": detail,
        "history": history,
        "current_status": current,
        "sources": sources,
        "records": [m.id for m in members],
    }
    period = merged.get("period") or {}
    row = {
        "id": event_id,
        "type": first.type,
        "kind": merged.get("kind"),
        "status": status,
        "date": merged.get("date"),
        "day": day if day is not None else first.day,
        "parties": ";".join(parties),
        "title": merged.get("title"),
        "item": merged.get("item"),
        "quantity": merged.get("quantity"),
        "place": merged.get("place"),
        "n_records": len(members),
        "n_sources": len(sources),
        "period_end": str(period.get("end")) if period.get("end") else None,
        "search_text": " ".join(dict.fromkeys(search))[:20000],
        "data": data,
        "updated_at": now,
    }
    cols = [c for c in row if c != "id"]
    search_index.index_event(conn, event_id, row["day"], row["search_text"])  # before the row changes
    upsert(conn, t.events, [{**row, "next_due": None}], update=cols)
    conn.execute(delete(t.event_parties).where(t.event_parties.c.event_id == event_id))
    insert_ignore(
        conn,
        t.event_parties,
        [{"event_id": event_id, "party": p, "type": row["type"], "day": row["day"]} for p in parties],
    )
    conn.execute(delete(t.status_updates).where(t.status_updates.c.event_id == event_id))
    upd = [
        {
            "record_id": h["record"],
            "event_id": event_id,
            "date": h["date"],
            "status": h["status"],
            "evidence": " … ".join(e["text"] for e in h["evidence"]),
        }
        for h in history
    ]
    insert_ignore(conn, t.status_updates, upd if first.type == "accord" else [])


def drop_event(conn: Connection, event_id: str) -> None:
    search_index.unindex_event(conn, event_id)  # before the row goes
    conn.execute(delete(t.event_parties).where(t.event_parties.c.event_id == event_id))
    conn.execute(delete(t.links).where((t.links.c.from_event == event_id) | (t.links.c.to_event == event_id)))
    conn.execute(delete(t.status_updates).where(t.status_updates.c.event_id == event_id))
    conn.execute(delete(t.events).where(t.events.c.id == event_id))


def _ref(row: Row[Any]) -> lk.EventRef:
    """An event for linking, from its full row (its amends and recurrence are in ``data``)."""
    f = _json(row.data).get("fields", {})
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


def _neighbours(
    conn: Connection,
    ev: lk.EventRef,
    types: tuple[str, ...],
    days: tuple[int, int] | None = None,
    limit: int = 200,
) -> list[lk.EventRef]:
    """The latest ``limit`` events sharing a party with ``ev``, of the given types,
    optionally within a day range.

    Each (party, type) block is one range of the ``event_parties`` block index, read
    newest first and cut at ``limit``; the union of those is cut at ``limit`` again.
    The cost follows the blocks, not the size of the database; no event's JSON is read."""
    parties = [p for p in ev.parties if is_country(p)] or list(ev.parties)
    ep = t.event_parties
    found: dict[str, int | None] = {}
    for party in parties:
        for typ in types:
            q = select(ep.c.event_id, ep.c.day).where(
                ep.c.party == party, ep.c.type == typ, ep.c.event_id != ev.id
            )
            if days is not None:
                q = q.where(ep.c.day.between(*days))
            q = q.order_by(ep.c.day.desc(), ep.c.event_id.desc()).limit(limit)
            found.update((r.event_id, r.day) for r in conn.execute(q))
    if not found:
        return []
    # newest first, as ORDER BY day DESC sorts on this dialect (PostgreSQL: NULLs first)
    nulls_first = conn.dialect.name == "postgresql"
    order = sorted(
        found.items(),
        key=lambda kv: ((kv[1] is None) == nulls_first, kv[1] or 0, kv[0]),
        reverse=True,
    )
    ids = [eid for eid, _ in order[:limit]]
    rows = {r.id: r for r in conn.execute(select(*_NEIGHBOUR_COLS).where(E.c.id.in_(ids)))}
    return [_event_ref(rows[i]) for i in ids if i in rows]  # a neighbour's amends: never read


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
        for other in _neighbours(conn, ev, (ev.type,), near):
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


def today_ordinal() -> int:
    return date.today().toordinal()
