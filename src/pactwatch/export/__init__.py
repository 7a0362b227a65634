"""Exports of the register's events: CSV, JSON Lines, FollowTheMoney entities, PLOVER."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from pactwatch.errors import UsageError

if TYPE_CHECKING:
    from pactwatch.register import Register
    from pactwatch.store.views import EventFilters

FORMATS = ("csv", "jsonl", "ftm", "plover")


def write_export(register: Register, format: str, out: IO[str], filters: EventFilters | None = None) -> int:
    """Write every matching event to ``out``; returns the number of rows/lines written."""
    events = register.iter_events(filters)
    if format == "csv":
        from pactwatch.export.tabular import write_csv

        return write_csv(events, out)
    if format == "jsonl":
        from pactwatch.export.tabular import write_jsonl

        return write_jsonl(events, out)
    if format == "ftm":
        from pactwatch.export.ftm import write_ftm

        return write_ftm(events, out)
    if format == "plover":
        from pactwatch.export.plover import write_plover

        return write_plover(events, out)
    raise UsageError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
