"""event lists at scale: indexes for newest-first listing, filter counts and due dates

``events(day, id)`` lets a list stop after its page; ``(type, status, date)``,
``(status, date)`` and ``(date)`` let the filters' counts read index entries, not event
rows; ``next_due`` and ``period_end`` serve ``pactwatch due``; ``parties`` lets the counts by
country pair read an index, not every event; ``event_parties(party,
day, event_id)`` (replacing ``(party)``) walks a party's events newest first.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 12:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_events_day": ("events", ["day", "id"]),
    "ix_events_type_status_date": ("events", ["type", "status", "date"]),
    "ix_events_status_date": ("events", ["status", "date"]),
    "ix_events_date": ("events", ["date"]),
    "ix_events_next_due": ("events", ["next_due"]),
    "ix_events_period_end": ("events", ["period_end"]),
    "ix_events_parties": ("events", ["parties"]),
    "ix_event_parties_party_day": ("event_parties", ["party", "day", "event_id"]),
}


def upgrade() -> None:
    for name, (table, cols) in INDEXES.items():
        op.create_index(name, table, cols)
    op.drop_index("ix_event_parties_party", table_name="event_parties")


def downgrade() -> None:
    op.create_index("ix_event_parties_party", "event_parties", ["party"])
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
