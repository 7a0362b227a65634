"""``pactwatch user add``, ``pactwatch token create``, and ``pactwatch serve``'s secret check."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from pactwatch.cli import build_app


def test_user_add_and_token_create(sqlite_url: str) -> None:
    from pactwatch.api.accounts import authenticate, principal_for_token
    from pactwatch.register import Register

    runner = CliRunner()
    r = runner.invoke(
        build_app(), ["user", "add", "bob", "--password-stdin", "--db", sqlite_url], input="s3cret-password\n"
    )
    assert r.exit_code == 0, r.output
    again = runner.invoke(
        build_app(), ["user", "add", "bob", "--password-stdin", "--db", sqlite_url], input="x" * 9 + "\n"
    )
    assert again.exit_code == 2 and "exists" in again.output
    t = runner.invoke(build_app(), ["token", "create", "bob", "--db", sqlite_url])
    assert t.exit_code == 0, t.output
    token = t.output.strip()
    with Register(sqlite_url) as reg:
        assert authenticate(reg.engine, reg.url, "bob", "s3cret-password") is not None
        assert principal_for_token(reg.engine, reg.url, token).name == "bob"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "argv",
    [["user", "add", "bad name!", "--password-stdin"], ["user", "add", "carol", "--password-stdin"]],
    ids=["bad-name", "short-password"],
)
def test_user_add_refused(sqlite_url: str, argv: list[str]) -> None:
    r = CliRunner().invoke(build_app(), [*argv, "--db", sqlite_url], input="short\n")
    assert r.exit_code == 2


def test_serve_refuses_placeholder_secret(sqlite_url: str, monkeypatch: Any) -> None:
    import uvicorn

    monkeypatch.setenv("PACTWATCH_SECRET", "changethis")
    monkeypatch.delenv("PACTWATCH_DEBUG", raising=False)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("must not serve"))
    r = CliRunner().invoke(build_app(), ["serve", "--db", sqlite_url])
    assert r.exit_code == 2 and "PACTWATCH_SECRET" in r.output


def test_serve_debug_uses_ephemeral_secret(sqlite_url: str, monkeypatch: Any) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.delenv("PACTWATCH_SECRET", raising=False)
    monkeypatch.setattr(uvicorn, "run", lambda app, **k: seen.update(app=app, **k))
    r = CliRunner().invoke(build_app(), ["serve", "--db", sqlite_url, "--debug", "--port", "8123"])
    assert r.exit_code == 0, r.output
    assert seen["port"] == 8123 and seen["host"] == "127.0.0.1"
    assert seen["app"].state.config.ephemeral_secret
