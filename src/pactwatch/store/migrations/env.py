"""Alembic environment for pactwatch. Run through ``pactwatch.store.schema.upgrade``
(or ``pactwatch db upgrade``), which hands over an open connection."""

from __future__ import annotations

from alembic import context

from pactwatch.store.tables import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - plain `alembic` CLI use
    from pactwatch.store.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
