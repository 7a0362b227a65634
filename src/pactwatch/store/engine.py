"""Database engines: SQLite (WAL, busy timeout, write transactions that take the lock
up front) and PostgreSQL through psycopg 3, with errors turned into ``StoreError``.

Dialect-specific upserts live here too, in one place.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, TextClause, bindparam, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from pactwatch.errors import StoreError

BUSY_TIMEOUT_MS = 60_000
PG_WRITE_LOCK = 0x70AC7  # advisory lock: one writer merges at a time


def normalize_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` use psycopg 3; a bare path means a SQLite file."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def redact(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def sqlite_path(url: str) -> Path | None:
    u = make_url(normalize_url(url))
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; creates the SQLite file's folder. Raises StoreError."""
    try:
        norm = normalize_url(url)
        u = make_url(norm)
    except ArgumentError as e:
        raise StoreError(f"not a database URL: {url!r} ({e})") from e
    backend = u.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(norm)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"cannot create the folder for the database {path}: {e}") from e
        engine = create_engine(norm, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _sqlite_setup(engine)
        return engine
    if backend == "postgresql":
        try:
            return create_engine(norm, pool_pre_ping=True, connect_args={"connect_timeout": 10})
        except (ArgumentError, ImportError) as e:
            raise StoreError(f"cannot use {redact(norm)}: {e}") from e
    raise StoreError(f"unsupported database {backend!r} in {redact(norm)}: use sqlite:/// or postgresql://")


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        with contextlib.suppress(Exception):  # a read-only file cannot switch journal mode
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Take the write lock at BEGIN so a concurrent writer waits (busy timeout)
        # instead of failing when it upgrades a read snapshot to a write.
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")


def describe(e: BaseException, url: str) -> str:
    """A one-line, user-facing reason for a database error."""
    msg = str(getattr(e, "orig", None) or e).strip().splitlines()[0] if str(e).strip() else repr(e)
    low = msg.lower()
    path = sqlite_path(url)
    if "readonly" in low or "read-only" in low:
        return f"the database {path or redact(url)} is read-only; nothing was written"
    if "unable to open database" in low:
        return f"cannot open the SQLite file {path}: check that it exists and is readable"
    if "connection refused" in low or "could not connect" in low or "connection failed" in low:
        return f"cannot connect to {redact(url)}: {msg}"
    if "file is not a database" in low:
        return f"{path} is not a SQLite database"
    return f"database error on {redact(url)}: {msg}"


@contextlib.contextmanager
def store_errors(url: str) -> Iterator[None]:
    """Turn SQLAlchemy/driver errors into StoreError with a clear message."""
    try:
        yield
    except StoreError:
        raise
    except (DBAPIError, SQLAlchemyError, OSError) as e:
        raise StoreError(describe(e, url)) from e


@contextlib.contextmanager
def write_tx(engine: Engine) -> Iterator[Connection]:
    """One write transaction; on PostgreSQL serialized with an advisory lock."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})
        yield conn


@contextlib.contextmanager
def read_conn(engine: Engine) -> Iterator[Connection]:
    """A read connection (SQLite: a deferred transaction, so readers never wait)."""
    with engine.connect().execution_options(sqlite_begin="DEFERRED") as conn:
        yield conn


def json_dict(value: Any) -> dict[str, Any]:
    """A JSON column's value as a dict (a driver or a raw statement may hand back text)."""
    return value if isinstance(value, dict) else json.loads(value)


def insert_ignore(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows, skipping those whose primary key exists."""
    if rows:
        _conflict_insert(conn, table, rows, None)


def upsert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]], update: Sequence[str]) -> None:
    """Insert rows; where the primary key exists, update the named columns."""
    if rows:
        _conflict_insert(conn, table, rows, tuple(update))


# INSERT ... ON CONFLICT statements, one per (dialect, table, columns, updated columns).
# SQLAlchemy compiles its dialect ``insert().on_conflict_...()`` constructs anew on every
# execution (they are not cacheable); these are built once, as text with typed binds (so
# JSON and dates convert as they do for the table), and run through the statement cache.
_CONFLICT_SQL: dict[tuple[str, str, tuple[str, ...], tuple[str, ...] | None], TextClause] = {}


def _conflict_insert(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]], update: tuple[str, ...] | None
) -> None:
    keys = tuple(rows[0])
    missing = [c for c in table.columns if c.name not in rows[0] and c.default is not None]
    if any(not getattr(c.default, "is_scalar", False) for c in missing):
        _construct_insert(conn, table, rows, update)  # a computed default: leave it to SQLAlchemy
        return
    if missing:
        defaults = {c.name: getattr(c.default, "arg", None) for c in missing}
        rows = [{**defaults, **r} for r in rows]
        keys += tuple(defaults)
    ck = (conn.dialect.name, table.fullname, keys, update)
    stmt = _CONFLICT_SQL.get(ck)
    if stmt is None:
        q = conn.dialect.identifier_preparer
        cols = ", ".join(q.quote(k) for k in keys)
        values = ", ".join(f":{k}" for k in keys)
        if update is None:
            tail = "ON CONFLICT DO NOTHING"
        else:
            pk = ", ".join(q.quote(c.name) for c in table.primary_key.columns)
            sets = ", ".join(f"{q.quote(n)} = excluded.{q.quote(n)}" for n in update)
            tail = f"ON CONFLICT ({pk}) DO UPDATE SET {sets}"
        sql = f"INSERT INTO {q.format_table(table)} ({cols}) VALUES ({values}) {tail}"
        stmt = text(sql).bindparams(*(bindparam(k, type_=table.c[k].type) for k in keys))
        _CONFLICT_SQL[ck] = stmt
    conn.execute(stmt, list(rows))


def _construct_insert(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]], update: tuple[str, ...] | None
) -> None:
    stmt = _insert(conn, table)
    if update is None:
        conn.execute(stmt.on_conflict_do_nothing(), list(rows))
        return
    keys = [c.name for c in table.primary_key.columns]
    stmt = stmt.on_conflict_do_update(
        index_elements=keys, set_={name: getattr(stmt.excluded, name) for name in update}
    )
    conn.execute(stmt, list(rows))


def _insert(conn: Connection, table: Table) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def env_db_url() -> str | None:
    return os.environ.get("PACTWATCH_DB") or None
