"""Schema versions: Alembic migrations shipped in the package, ``upgrade()``, and the
check that refuses a database written by a newer pactwatch."""

from __future__ import annotations

from importlib import resources

from sqlalchemy import Connection, Engine, inspect, text

from pactwatch.errors import SchemaVersionError, StoreError
from pactwatch.store.engine import PG_WRITE_LOCK, redact, store_errors


def _config(conn: Connection | None = None) -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("pactwatch.store") / "migrations"))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()  # type: ignore[arg-type]
    if head is None:  # pragma: no cover - packaging error
        raise StoreError("pactwatch ships no migrations")
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}  # type: ignore[arg-type]


def current_revision(conn: Connection) -> str | None:
    """The database's schema revision; None for an empty database."""
    if not inspect(conn).has_table("alembic_version"):
        if inspect(conn).has_table("documents"):
            raise StoreError("the database has pactwatch tables but no schema version; cannot use it")
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


def check(conn: Connection, url: str) -> str | None:
    """Raise SchemaVersionError where the database is newer than this pactwatch."""
    rev = current_revision(conn)
    if rev is not None and rev not in known_revisions():
        raise SchemaVersionError(
            f"the database {redact(url)} has schema version {rev!r}, newer than this pactwatch "
            f"knows (latest {head_revision()!r}); upgrade pactwatch to use it. Nothing was changed."
        )
    return rev


def is_current(engine: Engine, url: str) -> bool:
    with store_errors(url), engine.connect() as conn:
        return check(conn, url) == head_revision()


def upgrade(engine: Engine, url: str) -> tuple[str | None, str]:
    """Bring the schema to the latest revision; returns (before, after).

    Safe to run from several processes at once: the migration runs inside one
    write transaction (SQLite ``BEGIN IMMEDIATE``, PostgreSQL advisory lock), so
    the second process sees the first one's result."""
    from alembic import command

    with store_errors(url), engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})
        before = check(conn, url)
        head = head_revision()
        if before != head:
            command.upgrade(_config(conn), "head")  # type: ignore[arg-type]
        return before, head


def ensure(engine: Engine, url: str) -> None:
    """Upgrade an empty or older database; refuse a newer one."""
    if not is_current(engine, url):
        upgrade(engine, url)
