"""event blocks: type and day on event_parties, indexed with the party

Links between events look at neighbours in blocks (party, type, day window), like
records do through record_parties; with the type and day beside the party, one index
range gives a party's latest events of a type, whatever the size of the database.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event_parties", schema=None) as batch_op:
        batch_op.add_column(sa.Column("type", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("day", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE event_parties SET "
        "type = (SELECT events.type FROM events WHERE events.id = event_parties.event_id), "
        "day = (SELECT events.day FROM events WHERE events.id = event_parties.event_id)"
    )
    with op.batch_alter_table("event_parties", schema=None) as batch_op:
        batch_op.create_index("ix_event_parties_block", ["party", "type", "day", "event_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event_parties", schema=None) as batch_op:
        batch_op.drop_index("ix_event_parties_block")
        batch_op.drop_column("day")
        batch_op.drop_column("type")
