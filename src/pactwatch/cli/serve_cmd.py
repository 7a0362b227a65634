"""``pactwatch serve`` (the web app), ``pactwatch user add``, ``pactwatch token create``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from pactwatch.settings import Settings

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: $PACTWATCH_DB, else a SQLite file in the user data folder).",
        show_default=False,
    ),
]


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


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    user = typer.Typer(help="Manage the web app's users.", no_args_is_help=True)
    user.command("add")(user_add)
    app.add_typer(user, name="user")
    token = typer.Typer(help="Manage API tokens for writing through the REST API.", no_args_is_help=True)
    token.command("create")(token_create)
    app.add_typer(token, name="token")
