"""Full-text search over events: the SQLite FTS5 index and the PostgreSQL tsvector query.

On SQLite, an event's row in ``events_fts`` has a rowid made of its day and a hash of its
id (``fts_rowid``). FTS5 walks a term's matches in rowid order, so "newest first" is the
index's own order: a search page reads its 50 rows and stops, and a count reads no event
row, however many events match. Ties within a day fall in hash order (stable).

The rowid changes when an event's day does, so ``index_event`` is called before the
event's row is updated (it reads the old day from it) and ``unindex_event`` before the
row is deleted.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Connection, text

HASH_BITS = 42  # 2**42 ids per day: a collision needs millions of events on one day
DAY_BITS = 20  # proleptic ordinals up to 1,048,575 (the year 2870)
_PROBES = 8  # slots tried when two events of one day share a hash


def fts_rowid(event_id: str, day: int | None) -> int:
    """The FTS rowid of an event: its day in the high bits, newest largest (no day: 0)."""
    h = int(hashlib.sha256(event_id.encode()).hexdigest()[:16], 16) & ((1 << HASH_BITS) - 1)
    d = day if day is not None and 0 < day < (1 << DAY_BITS) else 0
    return (d << HASH_BITS) | h


def fts_terms(query: str) -> str:
    """A user's words as an FTS5 query: each word a quoted phrase, all required."""
    terms = " ".join('"' + w.replace('"', "") + '"' for w in query.split() if w.replace('"', ""))
    return terms or '""'


def _slot(conn: Connection, event_id: str, day: int | None) -> int | None:
    """The rowid this event occupies for ``day``, if any."""
    base = fts_rowid(event_id, day)
    for k in range(_PROBES):
        found = conn.execute(
            text("SELECT event_id FROM events_fts WHERE rowid = :r"), {"r": base + k}
        ).first()
        if found is not None and found[0] == event_id:
            return base + k
    return None


def unindex_event(conn: Connection, event_id: str) -> None:
    """Remove the event from the search index (call before its row changes or goes)."""
    if conn.dialect.name != "sqlite":
        return
    old = conn.execute(text("SELECT day FROM events WHERE id = :e"), {"e": event_id}).first()
    slot = _slot(conn, event_id, old[0] if old is not None else None)
    if slot is not None:
        conn.execute(text("DELETE FROM events_fts WHERE rowid = :r"), {"r": slot})


def index_event(conn: Connection, event_id: str, day: int | None, body: str) -> None:
    """(Re)index the event's search text under its new day (call before updating its row).
    PostgreSQL indexes ``events.search_text`` itself (a GIN expression index)."""
    if conn.dialect.name != "sqlite":
        return
    unindex_event(conn, event_id)
    insert_fts(conn, [(event_id, day, body)])


def insert_fts(conn: Connection, rows: list[tuple[str, int | None, str]]) -> None:
    """Add (event id, day, text) rows to the SQLite index (events not yet in it)."""
    taken: set[int] = set()
    params: list[dict[str, Any]] = []
    for event_id, day, body in rows:
        r = fts_rowid(event_id, day)
        while r in taken or conn.execute(text("SELECT 1 FROM events_fts WHERE rowid = :r"), {"r": r}).first():
            r += 1
        taken.add(r)
        params.append({"r": r, "e": event_id, "b": body})
    if params:
        conn.execute(text("INSERT INTO events_fts(rowid, event_id, body) VALUES (:r, :e, :b)"), params)
