"""Links between events: an expected event that happened (``fulfils``), an accord
that amends another (``amends``), a meeting that is a session of a standing
mechanism (``session_of``); dated status updates of accords; when a mechanism's
next session is due."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from pactwatch.resolve.names import fold

RECURRENCE_MONTHS = {
    "annual": 12,
    "annually": 12,
    "yearly": 12,
    "biennial": 24,
    "biannual": 6,
    "semiannual": 6,
    "quarterly": 3,
    "monthly": 1,
    "triennial": 36,
}


@cache
def _status_data() -> dict[str, Any]:
    raw = resources.files("pactwatch.resolve").joinpath("data/status_updates.json").read_text()
    data: dict[str, Any] = json.loads(raw)
    return data


@lru_cache(maxsize=4096)  # asked of one record several times while it is merged
def update_label(text: str, status: str | None) -> str | None:
    """The status an accord's later news gives it ("first deliveries", "delayed", ...)."""
    low = fold(text)
    for label, phrases in _status_data()["phrases"]:
        if any(fold(p) in low for p in phrases):
            return str(label)
    if status is None:
        return None
    return _status_data()["record_status"].get(status, status)


def add_months(day: date, months: int) -> date:
    m = day.month - 1 + months
    y = day.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(day.day, 28))


def next_due(recurrence: str | None, last_session: str | None) -> str | None:
    """The date the next session of a recurring mechanism is due, from its last session."""
    if not recurrence or not last_session:
        return None
    months = RECURRENCE_MONTHS.get(fold(recurrence).replace("-", ""))
    if months is None:
        return None
    parts = last_session.split("-")
    try:
        start = date(
            int(parts[0]), int(parts[1]) if len(parts) > 1 else 7, int(parts[2]) if len(parts) > 2 else 1
        )
    except (ValueError, IndexError):
        return None
    due = add_months(start, months)
    return due.isoformat() if len(parts) == 3 else due.isoformat()[: 3 * len(parts) + 1]


@dataclass(frozen=True, slots=True)
class EventRef:
    """What linking needs to know of an event."""

    id: str
    type: str
    status: str | None
    day: int | None
    parties: tuple[str, ...]
    kind: str | None = None
    title: str | None = None
    amends_title: str | None = None
    amends_date: str | None = None
    recurrence: str | None = None


def _sim(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    return fuzz.token_set_ratio(fold(a), fold(b)) / 100.0


def _countries(parties: tuple[str, ...]) -> set[str]:
    return {p for p in parties if len(p) == 3 and p.isupper()}


def amends_target(event: EventRef, candidates: list[EventRef]) -> tuple[str, str] | None:
    """The accord this accord amends, and why."""
    if event.type != "accord" or not (event.amends_title or event.amends_date):
        return None
    best: tuple[float, str, str] | None = None
    for c in candidates:
        if c.id == event.id or c.type != "accord" or (c.day and event.day and c.day > event.day):
            continue
        if (
            _countries(event.parties)
            and _countries(c.parties)
            and not (_countries(event.parties) & _countries(c.parties))
        ):
            continue
        s = _sim(event.amends_title, c.title)
        if event.amends_date and c.day and date.fromordinal(c.day).isoformat().startswith(event.amends_date):
            s += 0.5
        if s >= 0.8 and (best is None or s > best[0]):
            best = (s, c.id, f"amends {event.amends_title or ''} {event.amends_date or ''}".strip())
    return (best[1], best[2]) if best else None


def session_target(event: EventRef, mechanisms: list[EventRef]) -> tuple[str, str] | None:
    """The standing mechanism this meeting is a session of, and why."""
    if event.type != "meeting":
        return None
    best: tuple[float, str, str] | None = None
    for m in mechanisms:
        if m.type != "mechanism" or not (_countries(event.parties) & _countries(m.parties) or not m.parties):
            continue
        s = max(_sim(event.title, m.title), 0.9 * _sim(event.kind, m.kind) if m.kind else 0.0)
        if s >= 0.75 and (best is None or s > best[0]):
            best = (s, m.id, f"meeting matches mechanism '{m.title or m.kind}'")
    return (best[1], best[2]) if best else None
