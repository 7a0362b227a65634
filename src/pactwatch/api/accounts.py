"""Users and API tokens, stored in the register's database (``store.auth_tables``).

Passwords are hashed with argon2id (argon2-cffi); API tokens are random 256-bit strings
shown once and stored as SHA-256 hashes (a fast hash is right for high-entropy tokens).

Removing a user keeps the row (reviews name their author) but makes it inactive, forgets
the password, revokes the tokens and bumps ``session_epoch``: session cookies carry the
epoch they were issued under, so every session of the removed user ends at once, even
when the name is added again later.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, Engine, func, select, update

from pactwatch.errors import NotFoundError, StoreError, UsageError
from pactwatch.store.auth_tables import api_tokens, users
from pactwatch.store.engine import read_conn, store_errors, write_tx

TOKEN_PREFIX = "pwt_"
PREFIX_CHARS = 12  # the stored start of a token (its prefix and 8 random characters)
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")
MIN_PASSWORD = 8
LAST_USED_EVERY = timedelta(minutes=1)  # a token's last_used is written at most this often

log = logging.getLogger("pactwatch.web")

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password, only for constant-time misses")


@dataclass(frozen=True, slots=True)
class Principal:
    """Who makes a request: a user name and how they proved it (session or token)."""

    name: str
    via: str  # session | token
    session_epoch: int = 0  # the user's session epoch when the password was checked


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
    """Create a user (or set the password of a token-only or removed user); UsageError if
    an active user with a password has that name."""
    name = check_name(name)
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"the password must have at least {MIN_PASSWORD} characters")
    digest = _hasher.hash(password)
    with store_errors(url), write_tx(engine) as conn:
        row = conn.execute(
            select(users.c.id, users.c.password_hash, users.c.active).where(users.c.name == name)
        ).first()
        if row is not None and row.active and row.password_hash:
            raise UsageError(f"user {name!r} exists")
        if row is not None:  # a token-only user gets a password; a removed one comes back
            conn.execute(update(users).where(users.c.id == row.id).values(password_hash=digest, active=True))
            return int(row.id)
        res = conn.execute(
            users.insert().values(name=name, password_hash=digest, active=True, created_at=_now())
        )
        return int(res.inserted_primary_key[0])  # type: ignore[index]


def authenticate(engine: Engine, url: str, name: str, password: str) -> Principal | None:
    """The user if ``password`` is theirs; None otherwise (same work either way)."""
    with store_errors(url), read_conn(engine) as conn:
        row = conn.execute(
            select(users.c.id, users.c.password_hash, users.c.active, users.c.session_epoch).where(
                users.c.name == name.strip()
            )
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
    return Principal(name.strip(), "session", int(row.session_epoch or 0))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(engine: Engine, url: str, name: str) -> str:
    """A new API token for user ``name`` (created password-less when missing, made active
    again when removed); shown once."""
    name = check_name(name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store_errors(url), write_tx(engine) as conn:
        uid = conn.execute(select(users.c.id).where(users.c.name == name)).scalar()
        if uid is None:
            res = conn.execute(
                users.insert().values(name=name, password_hash=None, active=True, created_at=_now())
            )
            uid = res.inserted_primary_key[0]  # type: ignore[index]
        else:  # a removed user comes back (without their old password or tokens)
            conn.execute(update(users).where(users.c.id == uid).values(active=True))
        conn.execute(
            api_tokens.insert().values(
                user_id=uid,
                token_hash=token_hash(token),
                prefix=token[:PREFIX_CHARS],
                created_at=_now(),
                revoked=False,
            )
        )
    return token


def principal_for_token(engine: Engine, url: str, token: str) -> Principal | None:
    """The token's user, or None for an unknown, revoked or inactive one. Notes when the
    token was last used (at most once a minute per token)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    with store_errors(url), read_conn(engine) as conn:
        row = conn.execute(
            select(
                users.c.name, users.c.active, api_tokens.c.id, api_tokens.c.revoked, api_tokens.c.last_used
            )
            .join(users, users.c.id == api_tokens.c.user_id)
            .where(api_tokens.c.token_hash == token_hash(token))
        ).first()
    if row is None or row.revoked or not row.active:
        return None
    now = _now()
    if row.last_used is None or _aware(row.last_used) < now - LAST_USED_EVERY:
        _note_use(engine, url, int(row.id), now)
    return Principal(row.name, "token")


def _note_use(engine: Engine, url: str, token_id: int, when: datetime) -> None:
    """Best effort: a read-only or busy database still lets the token through. A plain
    transaction (no store-wide write lock): one row of api_tokens, no ingest table."""
    try:
        with store_errors(url), engine.begin() as conn:
            conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(last_used=when))
    except StoreError as e:
        log.warning("could not note the use of API token %d: %s", token_id, e)


def session_valid(engine: Engine, url: str, name: str, epoch: int) -> bool:
    """Whether a session of ``name`` issued under ``epoch`` still counts (the user is active
    and was not removed since)."""
    with store_errors(url), read_conn(engine) as conn:
        row = conn.execute(select(users.c.active, users.c.session_epoch).where(users.c.name == name)).first()
    return bool(row and row.active and int(row.session_epoch or 0) == epoch)


# -- managing users and tokens (``pactwatch user list|remove``, ``pactwatch token list|revoke``) --


class _Public:
    def to_dict(self) -> dict[str, Any]:
        """The fields, times as ISO 8601 strings (UTC)."""
        values = {k: getattr(self, k) for k in self.__dataclass_fields__}  # type: ignore[attr-defined]
        return {k: _iso(v) if isinstance(v, datetime) else v for k, v in values.items()}


@dataclass(frozen=True, slots=True)
class UserInfo(_Public):
    """A user as ``pactwatch user list`` shows it; ``tokens`` counts the usable ones."""

    name: str
    active: bool
    has_password: bool
    created: datetime
    last_login: datetime | None
    tokens: int


@dataclass(frozen=True, slots=True)
class TokenInfo(_Public):
    """An API token as ``pactwatch token list`` shows it (never the token itself)."""

    id: int
    prefix: str
    user: str
    created: datetime
    last_used: datetime | None
    revoked: bool


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)  # SQLite drops the zone


def _iso(when: datetime | None) -> str | None:
    return _aware(when).isoformat(timespec="seconds") if when is not None else None


def list_users(engine: Engine, url: str, *, removed: bool = False) -> list[UserInfo]:
    """The users by name; removed ones too when ``removed``."""
    live = (
        select(api_tokens.c.user_id, func.count().label("n"))
        .where(api_tokens.c.revoked.is_(False))
        .group_by(api_tokens.c.user_id)
        .subquery()
    )
    q = (
        select(users, func.coalesce(live.c.n, 0).label("tokens"))
        .outerjoin(live, live.c.user_id == users.c.id)
        .order_by(users.c.name)
    )
    if not removed:
        q = q.where(users.c.active.is_(True))
    with store_errors(url), read_conn(engine) as conn:
        rows = conn.execute(q).all()
    return [
        UserInfo(
            r.name,
            bool(r.active),
            bool(r.password_hash),
            _aware(r.created_at),
            _aware(r.last_login) if r.last_login else None,
            int(r.tokens) if r.active else 0,
        )
        for r in rows
    ]


def _tokens(conn: Connection, *where: Any) -> list[TokenInfo]:
    rows = conn.execute(
        select(api_tokens, users.c.name.label("user"))
        .join(users, users.c.id == api_tokens.c.user_id)
        .where(*where)
        .order_by(api_tokens.c.id)
    ).all()
    return [
        TokenInfo(
            int(r.id),
            r.prefix,
            r.user,
            _aware(r.created_at),
            _aware(r.last_used) if r.last_used else None,
            bool(r.revoked),
        )
        for r in rows
    ]


def list_tokens(engine: Engine, url: str, *, user: str | None = None) -> list[TokenInfo]:
    """Every API token (revoked ones too), oldest first; only ``user``'s when given."""
    where = [users.c.name == user.strip()] if user is not None else []
    with store_errors(url), read_conn(engine) as conn:
        return _tokens(conn, *where)


def revoke_token(engine: Engine, url: str, ref: str | int) -> tuple[TokenInfo, bool]:
    """Revoke a token by id (``12``) or by prefix (``pwt_AbCd1234`` as listed, or its first
    4+ characters after ``pwt_``); it is
    refused from the next request on. Returns the token and whether it was usable until now.
    NotFoundError for no such token, UsageError for a prefix that names several."""
    key = str(ref).strip()
    if key.isdigit():
        where = api_tokens.c.id == int(key)
    elif key.startswith(TOKEN_PREFIX) and len(key) >= len(TOKEN_PREFIX) + 4:
        where = api_tokens.c.prefix.startswith(key[:PREFIX_CHARS], autoescape=True)
    else:
        raise UsageError(f"name a token by its id or its prefix ({TOKEN_PREFIX}...), not {key[:40]!r}")
    with store_errors(url), write_tx(engine) as conn:
        found = _tokens(conn, where)
        if not found:
            raise NotFoundError(f"no API token {key[:40]!r} (see: pactwatch token list)")
        if len(found) > 1:
            raise UsageError(f"{key[:40]!r} names several tokens; give its id (see: pactwatch token list)")
        token = found[0]
        conn.execute(update(api_tokens).where(api_tokens.c.id == token.id).values(revoked=True))
    return replace(token, revoked=True), not token.revoked


def remove_user(engine: Engine, url: str, name: str) -> int:
    """Remove a user: no sign-in, no session (ended at once), no token (all revoked); the row
    stays for the review log and the token list. Returns the number of tokens revoked.
    NotFoundError when no active user has that name."""
    name = name.strip()
    with store_errors(url), write_tx(engine) as conn:
        uid = conn.execute(select(users.c.id).where(users.c.name == name, users.c.active.is_(True))).scalar()
        if uid is None:
            raise NotFoundError(f"no user {name!r} (see: pactwatch user list)")
        revoked = conn.execute(
            update(api_tokens)
            .where(api_tokens.c.user_id == uid, api_tokens.c.revoked.is_(False))
            .values(revoked=True)
        ).rowcount
        conn.execute(
            update(users)
            .where(users.c.id == uid)
            .values(active=False, password_hash=None, session_epoch=users.c.session_epoch + 1)
        )
    return int(revoked)
