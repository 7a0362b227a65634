"""Users and API tokens, stored in the register's database (``store.auth_tables``).

Passwords are hashed with argon2id (argon2-cffi); API tokens are random 256-bit strings
shown once and stored as SHA-256 hashes (a fast hash is right for high-entropy tokens).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine, select, update

from pactwatch.errors import UsageError
from pactwatch.store.auth_tables import api_tokens, users
from pactwatch.store.engine import read_conn, store_errors, write_tx

TOKEN_PREFIX = "pwt_"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")
MIN_PASSWORD = 8

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password, only for constant-time misses")


@dataclass(frozen=True, slots=True)
class Principal:
    """Who makes a request: a user name and how they proved it (session or token)."""

    name: str
    via: str  # session | token


def _now() -> datetime:
    return datetime.now(UTC)


def check_name(name: str) -> str:
    name = name.strip()
    if not NAME_RE.match(name):
        raise UsageError(
            "a user name is 1-100 letters, digits, '_', '.', '@' or '-' (starting with a letter)"
        )
    return name


def add_user(engine: Engine, url: str, name: str, password: str) -> int:
    """Create a user (or set a password-less user's password); UsageError if it exists."""
    name = check_name(name)
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"the password must have at least {MIN_PASSWORD} characters")
    digest = _hasher.hash(password)
    with store_errors(url), write_tx(engine) as conn:
        row = conn.execute(select(users.c.id, users.c.password_hash).where(users.c.name == name)).first()
        if row is not None and row.password_hash:
            raise UsageError(f"user {name!r} exists")
        if row is not None:
            conn.execute(update(users).where(users.c.id == row.id).values(password_hash=digest))
            return int(row.id)
        res = conn.execute(
            users.insert().values(name=name, password_hash=digest, active=True, created_at=_now())
        )
        return int(res.inserted_primary_key[0])  # type: ignore[index]


def authenticate(engine: Engine, url: str, name: str, password: str) -> Principal | None:
    """The user if ``password`` is theirs; None otherwise (same work either way)."""
    with store_errors(url), read_conn(engine) as conn:
        row = conn.execute(
            select(users.c.id, users.c.password_hash, users.c.active).where(users.c.name == name.strip())
        ).first()
    stored = row.password_hash if row is not None and row.active and row.password_hash else None
    try:
        _hasher.verify(stored or _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if stored is None or row is None:
        return None
    with store_errors(url), write_tx(engine) as conn:
        values: dict[str, object] = {"last_login": _now()}
        if _hasher.check_needs_rehash(stored):
            values["password_hash"] = _hasher.hash(password)
        conn.execute(update(users).where(users.c.id == row.id).values(**values))
    return Principal(name.strip(), "session")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(engine: Engine, url: str, name: str) -> str:
    """A new API token for user ``name`` (created password-less when missing); shown once."""
    name = check_name(name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store_errors(url), write_tx(engine) as conn:
        uid = conn.execute(select(users.c.id).where(users.c.name == name)).scalar()
        if uid is None:
            res = conn.execute(
                users.insert().values(name=name, password_hash=None, active=True, created_at=_now())
            )
            uid = res.inserted_primary_key[0]  # type: ignore[index]
        conn.execute(
            api_tokens.insert().values(
                user_id=uid, token_hash=token_hash(token), prefix=token[:12], created_at=_now(), revoked=False
            )
        )
    return token


def principal_for_token(engine: Engine, url: str, token: str) -> Principal | None:
    """The token's user, or None for an unknown, revoked or inactive one."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    with store_errors(url), read_conn(engine) as conn:
        row = conn.execute(
            select(users.c.name, users.c.active, api_tokens.c.revoked)
            .join(users, users.c.id == api_tokens.c.user_id)
            .where(api_tokens.c.token_hash == token_hash(token))
        ).first()
    if row is None or row.revoked or not row.active:
        return None
    return Principal(row.name, "token")


def user_exists(engine: Engine, url: str, name: str) -> bool:
    with store_errors(url), read_conn(engine) as conn:
        row = conn.execute(select(users.c.active).where(users.c.name == name)).first()
    return bool(row and row.active)
