"""Events in the store: candidate blocks from the indexes, assignment of new records,
and the rebuild of an event's merged fields, history and search text (its links:
``event_links``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Select, bindparam, delete, func, select, union, update

from pactwatch.resolve import links as lk
from pactwatch.resolve import merge as mg
from pactwatch.resolve.names import country_name, is_country
from pactwatch.resolve.values import LISTS, SCALARS, Contribution, merge_values
from pactwatch.store import search as search_index
from pactwatch.store import tables as t
from pactwatch.store.engine import insert_ignore, json_dict, upsert

R = t.records


def item_of(row: Row[Any]) -> mg.MergeItem:
    """What merging needs of a stored record (a full ``records`` row)."""
    d = json_dict(row.data)
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


@lru_cache(maxsize=64)
def _block_statement(
    n_parties: int, dated: bool, later: bool, limit: int, exact: bool = False
) -> Select[Any]:
    """The candidate lookup as one statement (built once per shape; values are bound).

    Each party's block is one range of the ``record_parties`` block index (parameters
    ``p0``, ``p1``, ..., ``type``, ``lo``..``hi``), read newest first (``later``: oldest
    first) and cut at ``limit``; the union of the blocks gives the records that are in an
    event. ``later`` keeps later news only (filtered after the cut), outside ``event``.
    ``exact`` (a record with a full date): records with full dates count only within
    ``near_lo``..``near_hi`` (no wider gap can merge, see ``merge.window``); records with a
    month, a year or no date count in the whole range. Filtered before the cut, in SQL,
    so a dense block does not fill the cut with records that cannot match."""
    rp = t.record_parties
    blocks = []
    for i in range(n_parties):
        q = select(rp.c.record_id).where(rp.c.party == bindparam(f"p{i}"), rp.c.type == bindparam("type"))
        if dated:
            q = q.where(rp.c.day.between(bindparam("lo"), bindparam("hi")))
        if dated and exact:
            q = q.join(R, R.c.id == rp.c.record_id).where(
                rp.c.day.between(bindparam("near_lo"), bindparam("near_hi"))
                | R.c.date.is_(None)
                | (func.length(R.c.date) < 10)
            )
        q = q.order_by(rp.c.day.asc() if later else rp.c.day.desc()).limit(limit)
        blocks.append(select(q.subquery().c.record_id))
    ids = blocks[0] if n_parties == 1 else union(*blocks)
    where: list[ColumnElement[bool]] = [R.c.id.in_(ids), R.c.event_id.is_not(None)]
    if later:  # news has the role ``update`` from the moment it is placed; older news: its status
        where += [
            R.c.event_id != bindparam("event"),
            (R.c.role == "update") | R.c.status.in_(mg.NEWS_STATUSES),
        ]
    return select(*_CANDIDATE_COLS).where(*where).order_by(R.c.id)


def _blocks(
    conn: Connection,
    item: mg.MergeItem,
    days: tuple[int, int] | None,
    *,
    later: bool = False,
    wide: bool = False,
) -> list[mg.MergeItem]:
    """Placed records in the item's blocks (its type and each of its states, else each
    party), optionally within a day range, at most ``MAX_CANDIDATES`` per block: one busy
    party cannot crowd out another, and the cost follows the blocks, not the size of the
    database. One round trip; no record's JSON is read."""
    parties = [p for p in item.parties if is_country(p)] or list(item.parties) or [""]
    exact = days is not None and not later and not wide and item.precision == 3 and not mg.is_update(item)
    stmt = _block_statement(len(parties), days is not None, later, mg.MAX_CANDIDATES, exact)
    params: dict[str, Any] = {f"p{i}": p for i, p in enumerate(parties)}
    params["type"] = item.type
    if days is not None:
        params["lo"], params["hi"] = days
    if exact and item.day is not None:
        params["near_lo"], params["near_hi"] = item.day - mg.DATE_WINDOW, item.day + mg.DATE_WINDOW
    if later:
        params["event"] = item.event
    return [_merge_item(r, "") for r in conn.execute(stmt, params)]


def candidates(conn: Connection, item: mg.MergeItem, *, wide: bool = False) -> list[mg.MergeItem]:
    """Records in the item's blocks: same type, a shared party, a nearby day (``wide``:
    full-date records across the whole month too, as for coarse dates)."""
    days = None
    if item.type != "mechanism" and item.day is not None:
        back = mg.UPDATE_WINDOW if mg.is_update(item) else max(mg.window(item), 31)
        days = (item.day - back, item.day + 31)
    return _blocks(conn, item, days, wide=wide)


def later(conn: Connection, item: mg.MergeItem) -> list[mg.MergeItem]:
    """Later news in a signing's blocks, outside its event: accord records from a month
    before it to ``UPDATE_WINDOW`` after, the nearest ``MAX_CANDIDATES`` per party, of
    which the news."""
    days = mg.later_days(item)
    if days is None or item.event is None or not mg.is_anchor(item):
        return []
    return _blocks(conn, item, days, later=True)


REJECTED = "rejected"  # a judgement of a record on its own (a = b), and its role while it holds


def judgement_rows(conn: Connection, record_ids: list[str]) -> list[Row[Any]]:
    """Every judgement that names one of these records (read once for a batch)."""
    j = t.judgements
    rows: list[Row[Any]] = []
    for k in range(0, len(record_ids), 500):
        chunk = record_ids[k : k + 500]
        rows += conn.execute(select(j).where(j.c.a.in_(chunk) | j.c.b.in_(chunk))).all()
    return rows


def judgements_for(
    conn: Connection, record_id: str, known: Sequence[Row[Any]] | None = None
) -> tuple[dict[str, set[str]], dict[str, set[str]], bool]:
    """(same, different, rejected): the analyst's decisions about one record, from the
    store, or from ``known`` (``judgement_rows`` of a set of records that includes it)."""
    j = t.judgements
    if known is None:
        rows = conn.execute(select(j).where((j.c.a == record_id) | (j.c.b == record_id))).all()
    else:
        rows = [r for r in known if record_id in (r.a, r.b)]
    same: dict[str, set[str]] = {record_id: set()}
    diff: dict[str, set[str]] = {record_id: set()}
    rejected = False
    for r in rows:
        if r.judgement == REJECTED:
            rejected = rejected or r.a == r.b == record_id
            continue
        other = r.b if r.a == record_id else r.a
        (same if r.judgement == "same" else diff)[record_id].add(other)
    return same, diff, rejected


def different_for(conn: Connection, ids: list[str]) -> dict[str, set[str]]:
    """Record id -> the records an analyst said are a different event, for ``ids``."""
    j = t.judgements
    out: dict[str, set[str]] = {i: set() for i in ids}
    if not ids:
        return out
    rows = conn.execute(
        select(j.c.a, j.c.b).where(j.c.judgement == "different", j.c.a.in_(ids) | j.c.b.in_(ids))
    )
    for a, b in rows:
        for x, y in ((a, b), (b, a)):
            if x in out:
                out[x].add(y)
    return out


def assign_record(
    conn: Connection, row: Row[Any], judged: Sequence[Row[Any]] | None = None
) -> tuple[str, bool]:
    """Put a stored record into an event; returns (event id, created). ``judged``: the
    judgements naming it, when the caller read them for a whole batch (``judgement_rows``).

    A rejected record goes into no event (its role is ``rejected``; the id returned is
    the one it would found, which the caller's rebuild leaves as its members make it).
    A signing takes in the events made only of later news about it that were stored
    before it (``adopt_updates``). Roles (report, update) are settled by ``refresh_event``."""
    item = item_of(row)
    same, diff, rejected = judgements_for(conn, item.id, judged)
    if rejected:
        conn.execute(update(R).where(R.c.id == item.id).values(event_id=None, role=REJECTED))
        return event_id_for(item.id), False
    # an analyst's "same" may join records further apart than the date window allows
    found = candidates(conn, item, wide=bool(same[item.id]))
    ev, _ = mg.assign(item, found, same=same, different=diff)
    created = ev is None
    ev = ev or _new_event_id(conn, item.id, diff[item.id])
    role = "update" if mg.is_update(item) else "report"  # until refresh_event settles it
    conn.execute(update(R).where(R.c.id == item.id).values(event_id=ev, role=role))
    adopt_updates(conn, replace(item, event=ev))
    return ev, created


def adopt_updates(conn: Connection, anchor: mg.MergeItem) -> list[str]:
    """Later news stored before its accord: move the events made only of such news that
    this signing is the accord of into its event (their old ids keep resolving).
    Returns the ids merged away; the caller rebuilds the signing's event."""
    orphans = mg.adoptable(anchor, later(conn, anchor))
    if not orphans or anchor.event is None:
        return []
    inside = [
        _merge_item(r, "")
        for r in conn.execute(select(*_CANDIDATE_COLS).where(R.c.event_id == anchor.event))
        if r.id != anchor.id
    ]
    merged: list[str] = []
    for orphan in orphans:
        rows = conn.execute(select(R).where(R.c.event_id == orphan)).all()
        members = [item_of(r) for r in rows]
        diff = different_for(conn, [m.id for m in members])
        if mg.adopts(anchor, members, inside, different=diff):
            merge_into(conn, orphan, anchor.event)
            inside.extend(members)
            merged.append(orphan)
    return merged


def merge_into(conn: Connection, old: str, target: str) -> None:
    """Move every record of event ``old`` into ``target`` and drop ``old``; its id (and
    the ids merged into it before) resolve to ``target`` from now on. The caller
    rebuilds ``target`` and its links."""
    conn.execute(update(R).where(R.c.event_id == old).values(event_id=target))
    upsert(conn, t.event_aliases, [{"old_id": old, "event_id": target}], update=["event_id"])
    conn.execute(update(t.event_aliases).where(t.event_aliases.c.event_id == old).values(event_id=target))
    drop_event(conn, old)


def event_id_for(record_id: str) -> str:
    return "E" + record_id[:15]


def _new_event_id(conn: Connection, record_id: str, different: set[str]) -> str:
    """The id of the event a record founds: from its own id, unless records an analyst
    keeps apart from it still hold that id (it founded the event they stay in)."""
    eid, n = event_id_for(record_id), 0
    while (
        different
        and conn.execute(select(R.c.id).where(R.c.event_id == eid, R.c.id.in_(different)).limit(1)).first()
    ):
        n += 1
        eid = event_id_for(hashlib.sha256(f"{record_id}|{n}".encode()).hexdigest())
    return eid


def any_overrides(conn: Connection) -> bool:
    """Whether an analyst has overridden any value at all (if not, a batch need not ask
    for each event)."""
    return conn.execute(select(t.overrides.c.target).limit(1)).first() is not None


def _overrides(conn: Connection, targets: Iterable[str]) -> dict[str, tuple[Any, str]]:
    rows = conn.execute(select(t.overrides).where(t.overrides.c.target.in_(list(targets)))).all()
    return {r.prop: (json.loads(r.value), r.who) for r in sorted(rows, key=lambda r: r.at)}


def refresh_event(conn: Connection, event_id: str, now: datetime, *, overrides: bool = True) -> None:
    """Rebuild one event from its member records (or drop it when it has none).
    ``overrides=False``: the caller knows no override exists (``any_overrides``)."""
    members = conn.execute(
        select(R, t.documents.c.source, t.documents.c.published)
        .join(t.documents, t.documents.c.id == R.c.document_id)
        .where(R.c.event_id == event_id)
        .order_by(R.c.day, R.c.id)
    ).all()
    if not members:
        drop_event(conn, event_id)
        return
    datas = [json_dict(m.data) for m in members]
    texts = [" ".join(e["text"] for e in d.get("evidence") or ()) for d in datas]
    roles = mg.roles([_merge_item(m, x) for m, x in zip(members, texts, strict=True)])
    for role in ("report", "update"):
        moved = [m.id for m in members if roles[m.id] == role and m.role != role]
        if moved:
            conn.execute(update(R).where(R.c.id.in_(moved)).values(role=role))
    contributions: list[Contribution] = []
    history: list[dict[str, Any]] = []
    search: list[str] = []
    reported = "report" in roles.values()  # else the event is known from later news only
    for m, d, ev_text in zip(members, datas, texts, strict=True):
        role = roles[m.id]
        pub = m.published.isoformat() if m.published else None
        props = LISTS + (SCALARS if role == "report" or not reported else ())
        for prop in props:
            vals = d.get(prop) if prop in LISTS else [d.get(prop)]
            for v in vals or ():
                contributions.append(Contribution(prop, v, m.id, m.source, pub, float(m.confidence)))
        label = lk.update_label(ev_text, m.status) if role == "update" else m.status
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
    fixed = _overrides(conn, [event_id, *(m.id for m in members)]) if overrides else {}
    merged, detail = merge_values(contributions, fixed)
    history.sort(key=lambda h: (h["date"] or "", h["record"]))
    first = members[0]
    parties = sorted({p for p in merged.get("parties") or ()})
    search.extend(country_name(p) for p in parties if is_country(p))
    day, _ = mg.day_of(merged.get("date"), None)
    status = merged.get("status") or first.status
    current = history[-1]["status"] if first.type == "accord" and "update" in roles.values() else status
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
