"""The ``pactwatch`` command: a thin Typer layer over the library.

Each command group lives in its own module and exposes ``register(app)``.
Error-to-exit-code mapping lives in ``pactwatch.cli.common``.
"""

from __future__ import annotations

import importlib

import typer

COMMAND_MODULES = (
    "pactwatch.cli.extract_cmd",
    "pactwatch.cli.store_cmd",
    "pactwatch.cli.serve_cmd",
    "pactwatch.cli.scale_cmd",
    "pactwatch.cli.watchlist_cmd",
)


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="pactwatch",
        help="Turn news about international agreements and diplomacy into an evidence-backed register.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name == name:  # that command group is not built (yet); the others still work
                continue
            raise
        module.register(app)
    return app


def main() -> None:
    build_app()()
