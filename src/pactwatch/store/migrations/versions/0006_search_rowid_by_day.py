"""search index: SQLite FTS rowids ordered by day; a stored tsvector on PostgreSQL

SQLite: each ``events_fts`` row gets the rowid ``day << 42 | hash(event id)`` (see
``pactwatch.store.search``), so a search reads its newest matches straight from the
index; the index is rebuilt.

PostgreSQL: ``events.search_tsv``, a stored generated column, replaces the expression
index on ``to_tsvector(search_text)``, so matching rows are not parsed again on every
search.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 10:00:00
"""

from __future__ import annotations

import hashlib

from alembic import op
from sqlalchemy import text

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_HASH_BITS = 42
_DAY_BITS = 20


def _rowid(event_id: str, day: int | None) -> int:  # frozen copy of search.fts_rowid
    h = int(hashlib.sha256(event_id.encode()).hexdigest()[:16], 16) & ((1 << _HASH_BITS) - 1)
    d = day if day is not None and 0 < day < (1 << _DAY_BITS) else 0
    return (d << _HASH_BITS) | h


def _rebuild(rowid: object) -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    conn.execute(text("DELETE FROM events_fts"))
    taken: set[int] = set()
    last = ""
    while True:
        rows = conn.execute(
            text("SELECT id, day, search_text FROM events WHERE id > :last ORDER BY id LIMIT 5000"),
            {"last": last},
        ).all()
        if not rows:
            return
        params = []
        for event_id, day, body in rows:
            r = rowid(event_id, day)  # type: ignore[operator]
            while r in taken:
                r += 1
            taken.add(r)
            params.append({"r": r, "e": event_id, "b": body or ""})
        conn.execute(text("INSERT INTO events_fts(rowid, event_id, body) VALUES (:r, :e, :b)"), params)
        last = rows[-1][0]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE events ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(search_text, ''))) STORED"
        )
        op.execute("CREATE INDEX ix_events_search_tsv ON events USING gin (search_tsv)")
        op.execute("DROP INDEX IF EXISTS ix_events_search")
    _rebuild(_rowid)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_events_search ON events USING gin (to_tsvector('english', search_text))")
        op.execute("DROP INDEX IF EXISTS ix_events_search_tsv")
        op.execute("ALTER TABLE events DROP COLUMN search_tsv")
    _rebuild(lambda event_id, day: int(hashlib.sha256(event_id.encode()).hexdigest()[:15], 16))
