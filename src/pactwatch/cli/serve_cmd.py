"""``pactwatch serve`` (the web app), ``pactwatch user add|list|remove`` and
``pactwatch token create|list|revoke``; thin over ``pactwatch.api.accounts``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from pactwatch.register import Register
    from pactwatch.settings import Settings

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: $PACTWATCH_DB, else a SQLite file in the user data folder).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
RowFn = Callable[[dict[str, Any]], list[str]]


def _settings(db: str | None) -> Settings:
    from pactwatch.settings import Settings

    return Settings.from_env(db_url=db)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    db: DbOpt = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Debug mode: an ephemeral secret if PACTWATCH_SECRET is unset.")
    ] = False,
) -> None:
    """Serve the web app and the REST API (OpenAPI at /openapi.json).

    Needs PACTWATCH_SECRET (32+ random characters) to sign sessions, except with --debug.
    """
    from pactwatch.cli.common import handle_errors

    with handle_errors():
        import uvicorn

        from pactwatch.api.app import create_app
        from pactwatch.api.config import WebConfig

        config = WebConfig.from_env(debug=debug or None)
        app = create_app(_settings(db), config=config)
        if config.ephemeral_secret:
            typer.echo(
                "pactwatch: warning: debug mode with an ephemeral secret; sessions end with the server",
                err=True,
            )
        uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False, server_header=False)


def user_add(
    name: Annotated[str, typer.Argument(help="The user name.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Add a user who can sign in to review and ingest (password hashed with argon2)."""
    from pactwatch.cli.common import handle_errors

    with handle_errors():
        from pactwatch.api.accounts import add_user
        from pactwatch.register import Register

        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        with Register(_settings(db)) as reg:
            add_user(reg.engine, reg.url, name, password)
        typer.echo(f"user {name} added")


def token_create(
    name: Annotated[
        str, typer.Argument(help="The user the token acts for (created without a password if new).")
    ],
    db: DbOpt = None,
) -> None:
    """Create an API token (printed once; stored hashed). Send it as 'Authorization: Bearer TOKEN'."""
    from pactwatch.cli.common import handle_errors

    with handle_errors():
        from pactwatch.api.accounts import create_token
        from pactwatch.register import Register

        with Register(_settings(db)) as reg:
            token = create_token(reg.engine, reg.url, name)
        typer.echo(token)


def _show(items: list[dict[str, Any]], as_json: bool, header: Sequence[str], row: RowFn, empty: str) -> None:
    """JSON, or a table (columns padded to their widest cell, the header first)."""
    if as_json:
        typer.echo(json.dumps(items, ensure_ascii=False, indent=1))
        return
    if not items:
        typer.echo(empty, err=True)
        return
    rows = [header, *(row(x) for x in items)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for r in rows:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


@contextmanager
def _open(db: str | None) -> Iterator[Register]:
    """The register, with pactwatch's errors turned into messages and exit codes."""
    from pactwatch.cli.common import handle_errors
    from pactwatch.register import Register

    with handle_errors(), Register(_settings(db)) as reg:
        yield reg


def _when(iso: str | None) -> str:
    return iso.replace("T", " ")[:16] if iso else "-"


def user_list(
    removed: Annotated[bool, typer.Option("--removed", help="Also list removed users.")] = False,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """List the users: password or token-only, created, last sign-in, usable tokens."""
    from pactwatch.api.accounts import list_users

    with _open(db) as reg:
        items = [u.to_dict() for u in list_users(reg.engine, reg.url, removed=removed)]
        _show(
            items,
            as_json,
            ["NAME", "SIGN-IN", "CREATED", "LAST LOGIN", "TOKENS"],
            lambda u: [
                u["name"],
                ("password" if u["has_password"] else "token only") if u["active"] else "removed",
                _when(u["created"]),
                _when(u["last_login"]),
                str(u["tokens"]),
            ],
            "no users (add one with: pactwatch user add NAME)",
        )


def user_remove(
    name: Annotated[str, typer.Argument(help="The user name.")],
    db: DbOpt = None,
) -> None:
    """Remove a user: their sessions end and their API tokens are revoked at once.

    The name stays in the review log; 'pactwatch user add NAME' makes a fresh account."""
    from pactwatch.api.accounts import remove_user

    with _open(db) as reg:
        n = remove_user(reg.engine, reg.url, name)
        typer.echo(f"user {name.strip()} removed ({n} token{'s' if n != 1 else ''} revoked)")


def token_list(
    user: Annotated[str | None, typer.Option("--user", help="Only this user's tokens.")] = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """List the API tokens (id, prefix, user, created, last used, revoked); never the tokens."""
    from pactwatch.api.accounts import list_tokens

    with _open(db) as reg:
        items = [t.to_dict() for t in list_tokens(reg.engine, reg.url, user=user)]
        _show(
            items,
            as_json,
            ["ID", "PREFIX", "USER", "CREATED", "LAST USED", "STATUS"],
            lambda t: [
                str(t["id"]),
                t["prefix"] + "...",
                t["user"],
                _when(t["created"]),
                _when(t["last_used"]),
                "revoked" if t["revoked"] else "active",
            ],
            "no API tokens (make one with: pactwatch token create NAME)",
        )


def token_revoke(
    token: Annotated[str, typer.Argument(help="The token's id or prefix, as 'pactwatch token list' shows.")],
    db: DbOpt = None,
) -> None:
    """Revoke an API token: requests with it are refused (401) from now on."""
    from pactwatch.api.accounts import revoke_token

    with _open(db) as reg:
        info, was_active = revoke_token(reg.engine, reg.url, token)
        what = "revoked" if was_active else "was already revoked"
        typer.echo(f"token {info.id} ({info.prefix}..., user {info.user}) {what}")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    user = typer.Typer(help="Manage the web app's users.", no_args_is_help=True)
    user.command("add")(user_add)
    user.command("list")(user_list)
    user.command("remove")(user_remove)
    app.add_typer(user, name="user")
    token = typer.Typer(help="Manage API tokens for writing through the REST API.", no_args_is_help=True)
    token.command("create")(token_create)
    token.command("list")(token_list)
    token.command("revoke")(token_revoke)
    app.add_typer(token, name="token")
