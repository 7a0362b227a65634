"""Watchlists and alerts, on the store's MetaData so Alembic sees them (revision 0003).

A watch is a saved set of event criteria with its own sinks (a JSONL file, a webhook);
an alert is one (watch, event, event hash): an event alerts again only when its merged
fields change (checks record alerts in a write transaction, so two checks never alert
twice). Each delivery of an alert to a sink is a row, so a failed delivery is retried by
the next check instead of being lost."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from pactwatch.store.tables import ID, metadata

watches = Table(
    "watches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("parties", Text, nullable=False, default=""),  # sorted, ';'-joined; all must take part
    Column("type", String(16)),
    Column("status", String(16)),
    Column("item", Text),
    Column("text", Text),  # words that must all occur in the event's text
    Column("kind", Text),
    Column("since", String(10)),  # earliest event date, YYYY[-MM[-DD]]
    Column("jsonl", Text),  # the watch's own sinks
    Column("webhook", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("checked_at", DateTime(timezone=True)),  # NULL: never checked (every event is looked at)
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("watch_id", Integer, ForeignKey("watches.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", String(ID), nullable=False),
    Column("event_hash", String(ID), nullable=False),  # hash of the event's merged fields
    Column("reason", String(16), nullable=False),  # new | changed
    Column("event", JSON, nullable=False),  # the event summary when the alert was made
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_alerts_watch_event", alerts.c.watch_id, alerts.c.event_id)

alert_deliveries = Table(
    "alert_deliveries",
    metadata,
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="CASCADE"), primary_key=True),
    Column("sink", String(1000), primary_key=True),  # stdout | jsonl:/path | webhook:https://...
    Column("state", String(16), nullable=False),  # pending | done
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_alert_deliveries_state", alert_deliveries.c.state)
