"""Managing users and API tokens: ``pactwatch token list|revoke``, ``pactwatch user
list|remove`` and the library functions under them. A revoked token is refused at once;
removing a user revokes their tokens and ends their sessions, also when the name comes back."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from pactwatch.api import accounts
from pactwatch.cli import build_app
from pactwatch.errors import NotFoundError, UsageError
from pactwatch.register import Register


def cli(url: str, *argv: str, input: str | None = None) -> Any:
    return CliRunner().invoke(build_app(), [*argv, "--db", url], input=input)


def me(env: Any, **kw: Any) -> Any:
    return env.client.get("/api/auth/me", **kw)


# -- tokens -----------------------------------------------------------------------------------


def test_token_list(sqlite_env: Any) -> None:
    with Register(sqlite_env.url) as reg:
        accounts.create_token(reg.engine, reg.url, "robot")  # a token-only user
    r = cli(sqlite_env.url, "token", "list", "--json")
    assert r.exit_code == 0, r.output
    items = json.loads(r.stdout)
    assert [(t["id"], t["user"], t["revoked"]) for t in items] == [(1, "alice", False), (2, "robot", False)]
    assert items[0]["prefix"] == sqlite_env.token[:12] and items[0]["last_used"] is None
    assert sqlite_env.token not in r.stdout  # never the token itself
    table = cli(sqlite_env.url, "token", "list", "--user", "robot")
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["ID", "PREFIX", "USER", "CREATED", "LAST", "USED", "STATUS"]
    assert len(lines) == 2 and lines[1].split()[2:3] == ["robot"] and lines[1].endswith("active")


def test_token_last_used_is_recorded(sqlite_env: Any) -> None:
    assert me(sqlite_env, headers=sqlite_env.auth()).json()["name"] == "alice"
    with Register(sqlite_env.url) as reg:
        (token,) = accounts.list_tokens(reg.engine, reg.url, user="alice")
    assert token.last_used is not None and token.last_used >= token.created


@pytest.mark.parametrize("by", ["id", "prefix"])
def test_token_revoke_is_immediate(env: Any, by: str) -> None:
    assert me(env, headers=env.auth()).json()["name"] == "alice"
    ref = "1" if by == "id" else env.token[:12]
    r = cli(env.url, "token", "revoke", ref)
    assert r.exit_code == 0, r.output
    assert "revoked" in r.stdout and "alice" in r.stdout
    refused = me(env, headers=env.auth())  # the running app, no restart
    assert refused.status_code == 401 and refused.json()["error"]["type"] == "auth_required"
    listed = json.loads(cli(env.url, "token", "list", "--json").stdout)
    assert listed[0]["revoked"] is True
    again = cli(env.url, "token", "revoke", ref)
    assert again.exit_code == 0 and "already revoked" in again.stdout


@pytest.mark.parametrize(
    ("ref", "code"),
    [("99", 1), ("pwt_nope", 1), ("hello", 2)],
    ids=["unknown-id", "unknown-prefix", "not-a-ref"],
)
def test_token_revoke_refused(sqlite_env: Any, ref: str, code: int) -> None:
    r = cli(sqlite_env.url, "token", "revoke", ref)
    assert r.exit_code == code, r.output
    assert me(sqlite_env, headers=sqlite_env.auth()).status_code == 200  # nothing else was revoked


def test_prefix_naming_several_tokens_is_refused(db_url: str) -> None:
    from sqlalchemy import update

    from pactwatch.store.auth_tables import api_tokens

    with Register(db_url) as reg:
        first = accounts.create_token(reg.engine, reg.url, "robot")
        accounts.create_token(reg.engine, reg.url, "robot")
        with reg.engine.begin() as conn:  # two tokens whose listed prefixes look alike
            conn.execute(update(api_tokens).where(api_tokens.c.id == 2).values(prefix=first[:8] + "zzzz"))
        with pytest.raises(UsageError, match="several"):
            accounts.revoke_token(reg.engine, reg.url, first[:8])
        with pytest.raises(UsageError, match="prefix"):
            accounts.revoke_token(reg.engine, reg.url, "pwt_")  # too short to name one
        with pytest.raises(NotFoundError):
            accounts.revoke_token(reg.engine, reg.url, 3)
        assert not any(t.revoked for t in accounts.list_tokens(reg.engine, reg.url))
        info, _ = accounts.revoke_token(reg.engine, reg.url, first[:12])
        assert info.id == 1


@pytest.mark.parametrize("pattern", ["pwt_%%%%", "pwt_____"], ids=["percent", "underscore"])
def test_prefix_is_matched_literally(sqlite_url: str, pattern: str) -> None:
    with Register(sqlite_url) as reg:
        token = accounts.create_token(reg.engine, reg.url, "robot")
        with pytest.raises(NotFoundError):  # '%' and '_' are no wildcards
            accounts.revoke_token(reg.engine, reg.url, pattern)
        info, was_active = accounts.revoke_token(reg.engine, reg.url, token[:8])
        assert was_active and info.revoked and info.user == "robot"
        assert accounts.principal_for_token(reg.engine, reg.url, token) is None


# -- users ------------------------------------------------------------------------------------


def test_user_list(sqlite_env: Any) -> None:
    with Register(sqlite_env.url) as reg:
        accounts.create_token(reg.engine, reg.url, "robot")
    r = cli(sqlite_env.url, "user", "list", "--json")
    assert r.exit_code == 0, r.output
    got = {u["name"]: (u["active"], u["has_password"], u["tokens"]) for u in json.loads(r.stdout)}
    assert got == {"alice": (True, True, 1), "robot": (True, False, 1)}
    table = cli(sqlite_env.url, "user", "list").stdout.splitlines()
    assert table[0].split()[:2] == ["NAME", "SIGN-IN"]
    assert [line.split()[0] for line in table[1:]] == ["alice", "robot"]
    assert "token only" in table[2]


def test_user_remove_revokes_tokens_and_ends_sessions(signed_in: Any, web: Any) -> None:
    env = signed_in
    assert me(env).json() == {"name": "alice", "via": "session"}
    r = cli(env.url, "user", "remove", "alice")
    assert r.exit_code == 0, r.output
    assert "removed (1 token revoked)" in r.stdout
    # the same browser, the same cookie: no longer signed in; the token is refused
    assert me(env).json() == {"name": None, "via": None}
    assert me(env, headers=env.auth()).status_code == 401
    review = env.client.post(
        "/review",
        data={
            "target": env.ids["ak"],
            "action": "confirm",
            "csrf_token": web.csrf_of(env.client.get("/login").text),
        },
    )
    assert review.status_code == 401
    assert web.login(env.client, "alice", web.PASSWORD).status_code == 401  # the password is gone
    users = json.loads(cli(env.url, "user", "list", "--json").stdout)
    assert users == []
    removed = json.loads(cli(env.url, "user", "list", "--removed", "--json").stdout)
    assert [(u["name"], u["active"], u["tokens"]) for u in removed] == [("alice", False, 0)]


def test_removed_user_added_again_starts_afresh(signed_in: Any, web: Any) -> None:
    env = signed_in
    old_cookie = env.client.cookies.get("pactwatch_session")
    assert cli(env.url, "user", "remove", "alice").exit_code == 0
    added = cli(env.url, "user", "add", "alice", "--password-stdin", input="a-new-password\n")
    assert added.exit_code == 0, added.output
    assert me(env).json()["name"] is None  # the old session stays ended
    assert me(env, headers=env.auth()).status_code == 401  # and the old token revoked
    assert web.login(env.client, "alice", web.PASSWORD).status_code == 401
    assert web.login(env.client, "alice", "a-new-password").status_code == 303
    assert env.client.cookies.get("pactwatch_session") != old_cookie
    assert me(env).json() == {"name": "alice", "via": "session"}


def test_token_create_brings_a_removed_user_back(db_url: str) -> None:
    with Register(db_url) as reg:
        accounts.add_user(reg.engine, reg.url, "bob", "bobs-password")
        assert accounts.remove_user(reg.engine, reg.url, "bob") == 0
        token = accounts.create_token(reg.engine, reg.url, "bob")
        who = accounts.principal_for_token(reg.engine, reg.url, token)
        assert who is not None and who.name == "bob"
        assert accounts.authenticate(reg.engine, reg.url, "bob", "bobs-password") is None
        (info,) = accounts.list_users(reg.engine, reg.url)
        assert (info.name, info.active, info.has_password, info.tokens) == ("bob", True, False, 1)


def test_user_remove_unknown(sqlite_env: Any) -> None:
    r = cli(sqlite_env.url, "user", "remove", "nobody")
    assert r.exit_code == 1 and "no user 'nobody'" in r.output
    assert cli(sqlite_env.url, "user", "remove", "alice").exit_code == 0
    assert cli(sqlite_env.url, "user", "remove", "alice").exit_code == 1  # already removed


def test_session_epoch_migration(sqlite_url: str) -> None:
    """A register at revision 0004 with a user keeps them signed in after the upgrade."""
    from alembic import command
    from sqlalchemy import text

    from pactwatch.store import schema
    from pactwatch.store.engine import make_engine

    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        command.upgrade(schema._config(conn), "0004")  # type: ignore[arg-type]
        conn.execute(
            text("INSERT INTO users (name, password_hash, active, created_at) VALUES ('old', NULL, 1, :t)"),
            {"t": "2026-01-01 00:00:00"},
        )
    engine.dispose()
    with Register(sqlite_url) as reg:
        assert schema.is_current(reg.engine, reg.url)
        assert accounts.session_valid(reg.engine, reg.url, "old", 0)
        assert not accounts.session_valid(reg.engine, reg.url, "old", 1)
        accounts.remove_user(reg.engine, reg.url, "old")
        assert not accounts.session_valid(reg.engine, reg.url, "old", 0)
