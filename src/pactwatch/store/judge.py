"""Analyst decisions: ``same``/``different`` judgements that override the machine,
rejected records, and reviews (field overrides, confirmations) with a log of who,
when, before, after.

Judgements are kept between record ids, which stay the same when a document is
re-ingested; so decisions survive extractor upgrades. A rejection is a judgement of a
record on its own (``a = b``, ``rejected``): the record stays stored with its document
but belongs to no event and is never merged, until it is restored."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update

from pactwatch.errors import NotFoundError, UsageError
from pactwatch.resolve.values import LISTS, SCALARS
from pactwatch.store import event_links, queries
from pactwatch.store import events as evs
from pactwatch.store import tables as t
from pactwatch.store.engine import upsert
from pactwatch.store.writer import reassign

MAX_PAIRS = 2500
ACTIONS = ("edit", "confirm", "reject", "restore", "note")


def members(conn: Connection, ref: str) -> tuple[str | None, list[str]]:
    """(event id, record ids) for an event id or a record id."""
    R = t.records
    row = conn.execute(select(R.c.id, R.c.event_id).where(R.c.id == ref)).first()
    if row is not None:
        return row.event_id, [row.id]
    eid = queries.resolve_event_id(conn, ref)
    ids = list(
        conn.execute(select(R.c.id).where(R.c.event_id == eid).order_by(R.c.first_seen, R.c.id)).scalars()
    )
    return eid, ids


def _judge(
    conn: Connection, a_ids: list[str], b_ids: list[str], judgement: str, who: str, now: datetime
) -> None:
    rows: list[dict[str, Any]] = []
    for a in a_ids:
        for b in b_ids:
            if a != b and len(rows) < MAX_PAIRS:
                x, y = sorted((a, b))
                rows.append({"a": x, "b": y, "judgement": judgement, "who": who, "at": now})
    upsert(conn, t.judgements, rows, update=["judgement", "who", "at"])


def rejected_ids(conn: Connection, ids: list[str]) -> set[str]:
    """Those of ``ids`` that an analyst rejected."""
    j = t.judgements
    q = select(j.c.a).where(j.c.a.in_(ids), j.c.a == j.c.b, j.c.judgement == evs.REJECTED)
    return set(conn.execute(q).scalars()) if ids else set()


def _refuse_rejected(conn: Connection, ids: list[str]) -> None:
    bad = sorted(rejected_ids(conn, ids))
    if bad:
        raise UsageError(f"record {bad[0]} is rejected; restore it first")


def merge_same(conn: Connection, a: str, b: str, who: str, now: datetime) -> str:
    """Put B's records into A's event; returns the surviving event id."""
    ea, ra = members(conn, a)
    eb, rb = members(conn, b)
    if not ra or not rb:
        raise NotFoundError(f"nothing to merge: {a!r} or {b!r} has no records")
    _refuse_rejected(conn, ra + rb)
    _judge(conn, ra, rb, "same", who, now)
    target = ea or evs.event_id_for(ra[0])
    if eb and eb != target:
        evs.merge_into(conn, eb, target)
    conn.execute(update(t.records).where(t.records.c.id.in_(rb)).values(event_id=target))
    _log(conn, target, "merge_same", {"with": b}, {"events": [ea, eb]}, {"event": target}, who, now)
    evs.refresh_event(conn, target, now)
    event_links.refresh_links(conn, target)
    return target


def merge_different(conn: Connection, a: str, b: str, who: str, now: datetime) -> tuple[str, str]:
    """Keep A and B apart from now on; split them where they are one event now."""
    ea, ra = members(conn, a)
    eb, rb = members(conn, b)
    if not ra or not rb:
        raise NotFoundError(f"nothing to separate: {a!r} or {b!r} has no records")
    if set(ra) & set(rb):
        raise UsageError(f"{a} and {b} are the same record set; name two records of the event instead")
    _refuse_rejected(conn, ra + rb)
    _judge(conn, ra, rb, "different", who, now)
    if ea == eb:
        reassign(conn, rb, now)
    new_b = conn.execute(select(t.records.c.event_id).where(t.records.c.id == rb[0])).scalar_one()
    new_a = conn.execute(select(t.records.c.event_id).where(t.records.c.id == ra[0])).scalar_one()
    _log(
        conn,
        new_a,
        "merge_different",
        {"with": b},
        {"events": [ea, eb]},
        {"events": [new_a, new_b]},
        who,
        now,
    )
    return new_a, new_b


def review(conn: Connection, ref: str, action: str, changes: dict[str, Any], who: str, now: datetime) -> int:
    """Log a review of an event or record; an ``edit`` sets field values that win over
    the sources' (kept across re-ingestion); ``reject`` takes the record (an event: all
    its records) out of every event, ``restore`` puts it back. Returns the review id."""
    if action not in ACTIONS:
        raise UsageError(f"unknown review action {action!r}; use one of {', '.join(ACTIONS)}")
    if action == "restore":
        return _restore(conn, ref, changes, who, now)
    eid, rids = members(conn, ref)
    if eid is None:
        _refuse_rejected(conn, rids)
        raise NotFoundError(f"no event or record {ref!r}")
    if action == "reject":
        return _reject(conn, eid, rids, changes, who, now)
    bad = [k for k in changes if k not in SCALARS + LISTS]
    if action == "edit" and (bad or not changes):
        raise UsageError(f"cannot edit {', '.join(bad) or 'nothing'}; fields: {', '.join(SCALARS + LISTS)}")
    target = ref if ref in rids and ref != eid else eid
    before = queries.event(conn, eid).fields
    if action == "edit":
        upsert(
            conn,
            t.overrides,
            [
                {"target": target, "prop": k, "value": json.dumps(v), "who": who, "at": now}
                for k, v in changes.items()
            ],
            update=["value", "who", "at"],
        )
    evs.refresh_event(conn, eid, now)
    event_links.refresh_links(conn, eid)
    after = queries.event(conn, eid).fields
    diff_before = {k: before.get(k) for k in changes} if changes else None
    diff_after = {k: after.get(k) for k in changes} if changes else None
    return _log(conn, target, action, changes, diff_before, diff_after, who, now)


def _reject(
    conn: Connection, eid: str, rids: list[str], changes: dict[str, Any], who: str, now: datetime
) -> int:
    """Take records out of their event for good (until restored): the event is rebuilt
    without them, or disappears when none is left. Logged on the event."""
    R = t.records
    before = list(
        conn.execute(select(R.c.id).where(R.c.event_id == eid).order_by(R.c.first_seen, R.c.id)).scalars()
    )
    rows = [{"a": r, "b": r, "judgement": evs.REJECTED, "who": who, "at": now} for r in rids]
    upsert(conn, t.judgements, rows, update=["judgement", "who", "at"])
    conn.execute(update(R).where(R.c.id.in_(rids)).values(event_id=None, role=evs.REJECTED))
    evs.refresh_event(conn, eid, now)
    event_links.refresh_links(conn, eid)
    left = [r for r in before if r not in set(rids)]
    after = {"event": eid if left else None, "records": left, "rejected": rids}
    return _log(conn, eid, "reject", changes, {"event": eid, "records": before}, after, who, now)


def _restore(conn: Connection, ref: str, changes: dict[str, Any], who: str, now: datetime) -> int:
    """Undo rejections: of one record, or of every record rejected out of an event (by the
    rejections logged on it). The records are merged again as if just stored."""
    R = t.records
    if conn.execute(select(R.c.id).where(R.c.id == ref)).first() is not None:
        named = [ref]
    else:
        rv = t.reviews
        logged = conn.execute(
            select(rv.c.after).where(rv.c.target == ref, rv.c.action == "reject").order_by(rv.c.id)
        ).scalars()
        named = [r for after in logged for r in (after or {}).get("rejected") or ()]
        if not named:
            raise NotFoundError(f"no rejected record or event {ref!r}")
    rejected = rejected_ids(conn, named)
    rids = [r for r in dict.fromkeys(named) if r in rejected]
    if not rids:
        raise UsageError(f"nothing to restore: {ref} has no rejected records")
    j = t.judgements
    conn.execute(delete(j).where(j.c.a.in_(rids), j.c.a == j.c.b, j.c.judgement == evs.REJECTED))
    reassign(conn, rids, now)
    placed = dict(conn.execute(select(R.c.id, R.c.event_id).where(R.c.id.in_(rids))).tuples().all())
    after = {"events": {r: placed.get(r) for r in rids}}
    return _log(conn, ref, "restore", changes, {"rejected": rids}, after, who, now)


def _log(
    conn: Connection,
    target: str,
    action: str,
    changes: dict[str, Any],
    before: Any,
    after: Any,
    who: str,
    now: datetime,
) -> int:
    res = conn.execute(
        t.reviews.insert().values(
            target=target, action=action, changes=changes, before=before, after=after, who=who, at=now
        )
    )
    pk = res.inserted_primary_key
    return int(pk[0]) if pk else 0
