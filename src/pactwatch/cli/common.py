"""What every ``pactwatch`` command shares: exit codes, the error-to-exit-code map, consoles.

The one place where errors become exit codes:

* ``0`` (``EXIT_OK``): everything went through;
* ``1`` (``EXIT_FAILED``): some input (or the store, a fetch, ...) failed; the rest went through;
* ``2`` (``EXIT_USAGE``): the command line or a setting was wrong; nothing was done.

Commands report an input's failure as one line on standard error (``InputError``'s
``str()`` names the input and, where known, the line) and carry on with the other inputs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TextIO

import typer
from rich.console import Console

from pactwatch.errors import ConfigError, InputError, PactwatchError, UsageError

# The click ``UsageError`` class that this Typer handles (Typer >= 0.2x vendors its own click).
ClickUsageError: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")

PIPED_WIDTH = 140

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

# Most specific first; the first class an error is an instance of decides.
_EXIT_CODES: tuple[tuple[type[BaseException], int], ...] = (
    (UsageError, EXIT_USAGE),
    (ConfigError, EXIT_USAGE),
    (InputError, EXIT_FAILED),
    (PactwatchError, EXIT_FAILED),
)


def exit_code_for(error: BaseException) -> int:
    """The process exit code for an error pactwatch raised on purpose (1 for anything else)."""
    for cls, code in _EXIT_CODES:
        if isinstance(error, cls):
            return code
    return EXIT_FAILED


def stdout_console() -> Console:
    """A Rich console on standard output (looked up when printing, so test runners can swap it)."""
    console = Console(soft_wrap=False, highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPED_WIDTH  # piped or captured: wide enough for a records table
    return console


def stderr_console() -> Console:
    """A Rich console on standard error, for messages that must not mix with the output."""
    return Console(stderr=True, soft_wrap=True, highlight=False)


def error_line(error: BaseException) -> str:
    """The one-line message for an error: ``pactwatch: error: <input>[:<line>]: <message>``."""
    text = " ".join(str(error).split()) or type(error).__name__
    return f"pactwatch: error: {text}"


def print_error(error: BaseException, *, stream: TextIO | None = None) -> None:
    """Write ``error_line(error)`` to standard error, plainly (no markup, no wrapping)."""
    out = stream if stream is not None else sys.stderr
    out.write(error_line(error) + "\n")
    out.flush()


@dataclass(slots=True)
class Outcome:
    """Counts what a command did, and gives its exit code."""

    ok: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def succeeded(self) -> None:
        self.ok += 1

    def failed_with(self, error: BaseException, *, stream: TextIO | None = None) -> None:
        self.failed += 1
        self.errors.append(error_line(error))
        print_error(error, stream=stream)

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed else EXIT_OK


@contextmanager
def handle_errors() -> Iterator[None]:
    """Turn a ``PactwatchError`` escaping a command into one stderr line and its exit code.

    Usage errors become click usage errors (exit code 2 with the command's usage line).
    """
    try:
        yield
    except (UsageError, ConfigError) as e:
        raise usage_error(str(e)) from e
    except PactwatchError as e:
        print_error(e)
        raise typer.Exit(exit_code_for(e)) from e


def usage_error(message: str) -> Exception:
    """An exception that makes the command print ``message`` with its usage line and exit with 2."""
    return ClickUsageError(message)


def parse_date_option(value: str | None, *, option: str = "--published") -> date | None:
    """Parse an ISO ``YYYY-MM-DD`` date from the command line; a bad one is a usage error (exit 2)."""
    if value is None or value == "":
        return None
    try:
        if len(value) != 10:
            raise ValueError("expected YYYY-MM-DD")
        return date.fromisoformat(value)
    except ValueError as e:
        raise typer.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD", param_hint=option) from e
