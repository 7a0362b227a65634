"""Watchlists and alerts: saved event criteria, and one alert per new or changed event.

    >>> from pactwatch.watchlist import new_watch, add_watch, check
    >>> from pactwatch.alert_sinks import PrintSink
    >>> add_watch(reg, new_watch(parties=("IND",), item="rifle", jsonl="alerts.jsonl"))
    >>> reg.ingest_extractions(extractions); check(reg, sinks=[PrintSink()])

``check`` looks at the events updated since each watch's last check (with an overlap,
so a transaction that committed late is not missed), matches them against every watch,
and records one alert per (watch, event, hash of the event's merged fields): a second
check yields nothing; an event whose merged fields change (a second source moves its
status on, say) alerts again as ``changed``. The first check of a new watch looks at
every event already stored. Alerts are recorded before they are delivered, and each
delivery is remembered per sink, so a sink that fails (a webhook that is down) gets the
alert on a later check: at-least-once delivery, never lost.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from pactwatch.alert_sinks import JsonlSink, Sink, WebhookSink, check_webhook_url
from pactwatch.errors import FetchError, NotFoundError, PactwatchError, UsageError
from pactwatch.model import RECORD_TYPES
from pactwatch.resolve.names import country_name, is_country
from pactwatch.settings import Settings
from pactwatch.store import queries
from pactwatch.store.engine import read_conn, store_errors, write_tx
from pactwatch.store.views import EventDetail, EventSummary
from pactwatch.store.watch_tables import alert_deliveries, alerts, watches
from pactwatch.store.writer import now_utc

if TYPE_CHECKING:
    from pactwatch.register import Register

__all__ = ["Alert", "Watch", "add_watch", "check", "event_hash", "list_alerts", "matches", "new_watch"]

log = logging.getLogger(__name__)

OVERLAP = timedelta(minutes=5)  # look this far behind the last check (late commits)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_WORD = re.compile(r"\w+")
_UNHASHED = ("id", "n_sources", "n_records")  # more sources saying the same is no change


@dataclass(frozen=True, slots=True)
class Watch:
    """Saved criteria; every given criterion must hold (parties: all of them take part)."""

    id: int | None
    name: str
    parties: tuple[str, ...] = ()
    type: str | None = None
    status: str | None = None  # the event's status or its current status ("first deliveries")
    item: str | None = None  # words in the item, e.g. rifle
    text: str | None = None  # words that must all occur in the event's text
    kind: str | None = None
    since: str | None = None  # earliest event date, YYYY[-MM[-DD]]
    jsonl: str | None = None  # the watch's own sinks
    webhook: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if k == "parties" else v for k, v in _fields(self).items()}

    def criteria(self) -> str:
        """The criteria in words: ``party:IND item:rifle``."""
        parts = [f"party:{p}" for p in self.parties]
        for key in ("type", "status", "kind", "item", "text", "since"):
            if getattr(self, key):
                parts.append(f"{key}:{getattr(self, key)}")
        return " ".join(parts)

    def sinks(self, settings: Settings) -> tuple[Sink, ...]:
        """The watch's own sinks (its JSONL file, its webhook)."""
        out: list[Sink] = []
        if self.jsonl:
            out.append(JsonlSink(Path(self.jsonl)))
        if self.webhook:
            out.append(WebhookSink(self.webhook, settings))
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Alert:
    """A watch matched a new or changed event (``event`` is its summary at the time)."""

    id: int
    watch_id: int
    watch: str
    event_id: str
    event_hash: str
    reason: str  # new | changed
    event: dict[str, Any]
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {**_fields(self), "created_at": _utc(self.created_at).isoformat()}


def _fields(obj: Any) -> dict[str, Any]:
    return {k: getattr(obj, k) for k in obj.__dataclass_fields__}


def _utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


# -- matching ---------------------------------------------------------------------------


def _party(p: str) -> str:
    p = p.strip()
    return p.upper() if len(p) == 3 else p


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _haystack(summary: EventSummary, detail: EventDetail | None, text: str | None) -> set[str]:
    bits: list[str] = [
        str(x) for x in (summary.title, summary.kind, summary.item, summary.place, text) if x is not None
    ]
    bits += [country_name(p) if is_country(p) else p for p in summary.parties]
    if detail is not None:
        bits.append(json.dumps(detail.fields, ensure_ascii=False, default=str))
        bits += [e.text for s in detail.sources for e in s.evidence]
    return {w for b in bits for w in _words(b)}


def matches(watch: Watch, event: EventSummary | EventDetail, *, text: str | None = None) -> bool:
    """Whether the event meets every criterion of the watch. ``text`` adds searchable text
    (``check`` passes the event's stored search text: evidence, quotes, speakers)."""
    detail = event if isinstance(event, EventDetail) else None
    s = event.summary if isinstance(event, EventDetail) else event
    have = {p.casefold() for p in s.parties}
    if any(_party(p).casefold() not in have for p in watch.parties):
        return False
    if watch.type and (s.type or "").casefold() != watch.type.casefold():
        return False
    if watch.status and watch.status.casefold() not in {
        (s.status or "").casefold(),
        (s.current_status or "").casefold(),
    }:
        return False
    if watch.item and watch.item.casefold() not in (s.item or "").casefold():
        return False
    if watch.kind and watch.kind.casefold() not in (s.kind or "").casefold():
        return False
    if watch.since and not (s.date and s.date >= watch.since):
        return False
    if watch.text:
        hay = _haystack(s, detail, text)
        if not all(any(h.startswith(w) for h in hay) for w in _words(watch.text)):
            return False
    return True


def event_hash(summary: EventSummary, fields: dict[str, Any]) -> str:
    """A hash of what the event says (not of how many sources say it)."""
    view = {k: v for k, v in summary.to_dict().items() if k not in _UNHASHED}
    body = json.dumps({"summary": view, "fields": fields}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]


# -- the watchlist ----------------------------------------------------------------------


def new_watch(
    name: str | None = None,
    *,
    parties: Iterable[str] = (),
    type: str | None = None,
    status: str | None = None,
    item: str | None = None,
    text: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    jsonl: str | Path | None = None,
    webhook: str | None = None,
) -> Watch:
    """A checked, normalised watch (not yet stored); the name defaults to its criteria."""

    def clean(v: str | None) -> str | None:
        return v.strip() or None if v is not None else None

    type_ = clean(type)
    if type_ is not None and type_.lower() not in RECORD_TYPES:
        raise UsageError(f"--type must be one of {', '.join(RECORD_TYPES)}, got {type!r}")
    since_ = clean(since)
    if since_ is not None and not _DATE.match(since_):
        raise UsageError(f"--since must be YYYY[-MM[-DD]], got {since!r}")
    hook = clean(webhook)
    if hook is not None:
        try:
            check_webhook_url(hook)
        except FetchError as e:
            raise UsageError(f"--webhook: {e}") from e
    w = Watch(
        id=None,
        name="",
        parties=tuple(dict.fromkeys(_party(p) for p in parties if p.strip())),
        type=type_.lower() if type_ else None,
        status=(clean(status) or "").lower() or None,
        item=clean(item),
        text=clean(text),
        kind=clean(kind),
        since=since_,
        jsonl=str(Path(jsonl).expanduser().resolve()) if jsonl else None,
        webhook=hook,
    )
    if not w.criteria():
        raise UsageError("a watch needs at least one criterion (--party, --type, --status, --item, ...)")
    label = (name or "").strip() or w.criteria()
    if len(label) > 200:
        raise UsageError("the watch name is longer than 200 characters")
    return Watch(**{**_fields(w), "name": label})


def _watch(row: Row[Any]) -> Watch:
    return Watch(
        row.id,
        row.name,
        tuple(p for p in row.parties.split(";") if p),
        row.type,
        row.status,
        row.item,
        row.text,
        row.kind,
        row.since,
        row.jsonl,
        row.webhook,
    )


def add_watch(register: Register, watch: Watch) -> Watch:
    """Store a watch; its name must be new. Returns it with its id."""
    row = {k: v for k, v in _fields(watch).items() if k != "id"}
    row["parties"] = ";".join(watch.parties)
    with store_errors(register.url), write_tx(register.engine) as conn:
        if conn.execute(select(watches.c.id).where(watches.c.name == watch.name)).first():
            raise UsageError(f"a watch named {watch.name!r} exists; remove it first or choose another name")
        new_id = conn.execute(insert(watches).values(**row, created_at=now_utc())).inserted_primary_key
    return Watch(**{**_fields(watch), "id": int(new_id[0])})  # type: ignore[index]


def list_watches(register: Register) -> tuple[Watch, ...]:
    with store_errors(register.url), read_conn(register.engine) as conn:
        return tuple(_watch(r) for r in conn.execute(select(watches).order_by(watches.c.name)))


def remove_watch(register: Register, name: str) -> Watch:
    """Remove a watch, its alerts and their deliveries."""
    with store_errors(register.url), write_tx(register.engine) as conn:
        row = conn.execute(select(watches).where(watches.c.name == name)).first()
        if row is None:
            raise NotFoundError(f"no watch named {name!r}")
        ids = select(alerts.c.id).where(alerts.c.watch_id == row.id)
        conn.execute(delete(alert_deliveries).where(alert_deliveries.c.alert_id.in_(ids)))
        conn.execute(delete(alerts).where(alerts.c.watch_id == row.id))
        conn.execute(delete(watches).where(watches.c.id == row.id))
        return _watch(row)


def _alert(row: Row[Any]) -> Alert:
    event = row.event if isinstance(row.event, dict) else json.loads(row.event)
    return Alert(
        row.id, row.watch_id, row.name, row.event_id, row.event_hash, row.reason, event, row.created_at
    )


def _alert_query() -> Any:
    return select(alerts, watches.c.name).join(watches, watches.c.id == alerts.c.watch_id)


def list_alerts(register: Register, *, watch: str | None = None, limit: int = 50) -> tuple[Alert, ...]:
    """Stored alerts, newest first."""
    q = _alert_query()
    if watch:
        q = q.where(watches.c.name == watch)
    with store_errors(register.url), read_conn(register.engine) as conn:
        return tuple(_alert(r) for r in conn.execute(q.order_by(alerts.c.id.desc()).limit(limit)))


# -- checking ---------------------------------------------------------------------------

Candidate = tuple[Watch, str, str, dict[str, Any]]  # watch, event id, event hash, event summary


def _candidates(conn: Connection) -> tuple[list[Candidate], list[int]]:
    rows = conn.execute(select(watches)).all()
    if not rows:
        return [], []
    marks = {r.id: _utc(r.checked_at) - OVERLAP if r.checked_at is not None else None for r in rows}
    known = [m for m in marks.values() if m is not None]
    E = queries.E
    q = select(E)
    if len(known) == len(marks):
        q = q.where(E.c.updated_at >= min(known))
    out: list[Candidate] = []
    for ev in conn.execute(q.order_by(E.c.updated_at, E.c.id)):
        summary = queries.summary(ev)
        data = ev.data if isinstance(ev.data, dict) else json.loads(ev.data)
        h = event_hash(summary, data.get("fields", {}))
        for r in rows:
            mark = marks[r.id]
            if mark is not None and _utc(ev.updated_at) < mark:
                continue
            w = _watch(r)
            if matches(w, summary, text=ev.search_text):
                out.append((w, ev.id, h, summary.to_dict()))
    return out, [r.id for r in rows]


def _record(
    conn: Connection, found: list[Candidate], sink_keys: Sequence[str], settings: Settings
) -> list[Alert]:
    now = now_utc()
    made: list[Alert] = []
    present = set(conn.execute(select(watches.c.id)).scalars())  # one removed meanwhile makes none
    for w, eid, h, summary in found:
        if w.id not in present:
            continue
        last = conn.execute(
            select(alerts.c.event_hash)
            .where(alerts.c.watch_id == w.id, alerts.c.event_id == eid)
            .order_by(alerts.c.id.desc())
            .limit(1)
        ).scalar()
        if last == h:
            continue
        reason = "new" if last is None else "changed"
        res = conn.execute(
            insert(alerts).values(
                watch_id=w.id, event_id=eid, event_hash=h, reason=reason, event=summary, created_at=now
            )
        )
        aid = int(res.inserted_primary_key[0])  # type: ignore[index]
        keys = dict.fromkeys([*sink_keys, *(s.key for s in w.sinks(settings))])
        if keys:
            conn.execute(
                insert(alert_deliveries),
                [
                    {"alert_id": aid, "sink": k, "state": "pending", "attempts": 0, "updated_at": now}
                    for k in keys
                ],
            )
        made.append(Alert(aid, w.id or 0, w.name, eid, h, reason, summary, now))
    return made


def _deliver_pending(
    register: Register, sinks: Sequence[Sink], report: Callable[[str], None] | None
) -> tuple[int, int]:
    """Try every pending delivery whose sink is at hand; returns (delivered, failed)."""
    given = {s.key: s for s in sinks}
    D = alert_deliveries
    with store_errors(register.url), read_conn(register.engine) as conn:
        pending = conn.execute(
            _alert_query()
            .add_columns(D.c.sink, D.c.attempts, watches.c.jsonl, watches.c.webhook)
            .join(D, D.c.alert_id == alerts.c.id)
            .where(D.c.state == "pending")
            .order_by(alerts.c.id, D.c.sink)
        ).all()
    done = failed = 0
    for row in pending:
        own = Watch(row.watch_id, row.name, jsonl=row.jsonl, webhook=row.webhook).sinks(register.settings)
        sink = given.get(row.sink) or next((s for s in own if s.key == row.sink), None)
        if sink is None:
            continue  # a sink given to an earlier check and not to this one: it waits for it
        error = None
        try:
            sink.deliver(_alert(row))
        except (PactwatchError, OSError) as e:
            error = str(e) or type(e).__name__
            log.warning("alert %s to %s failed (will retry next check): %s", row.id, row.sink, error)
            if report:
                report(f"alert {row.id} to {row.sink} failed (will retry next check): {error}")
        with store_errors(register.url), write_tx(register.engine) as conn:
            conn.execute(
                update(D)
                .where(D.c.alert_id == row.id, D.c.sink == row.sink)
                .values(
                    state="pending" if error else "done",
                    attempts=D.c.attempts + 1,
                    last_error=error,
                    updated_at=now_utc(),
                )
            )
        done, failed = (done, failed + 1) if error else (done + 1, failed)
    return done, failed


def check(
    register: Register,
    *,
    sinks: Sequence[Sink] = (),
    report: Callable[[str], None] | None = None,
) -> list[Alert]:
    """Alert on events new or changed since the last check; deliver to ``sinks`` and to each
    watch's own sinks (and retry deliveries that failed before). Returns the new alerts.
    A failed delivery is logged (and passed to ``report``) and retried next time."""
    started = now_utc()
    with store_errors(register.url), read_conn(register.engine) as conn:
        found, watch_ids = _candidates(conn)
    made: list[Alert] = []
    if watch_ids:
        with store_errors(register.url), write_tx(register.engine) as conn:
            made = _record(conn, found, [s.key for s in sinks], register.settings)
            conn.execute(update(watches).where(watches.c.id.in_(watch_ids)).values(checked_at=started))
    _deliver_pending(register, sinks, report)
    return made


def pending_deliveries(register: Register) -> int:
    """How many deliveries wait for a retry."""
    D = alert_deliveries
    with store_errors(register.url), read_conn(register.engine) as conn:
        return int(
            conn.execute(select(func.count()).select_from(D).where(D.c.state == "pending")).scalar_one()
        )
