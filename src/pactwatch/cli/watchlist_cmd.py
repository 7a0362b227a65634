"""CLI for watchlists and alerts: ``pactwatch watchlist add|list|remove`` and
``pactwatch alerts [--check]``; thin over ``pactwatch.watchlist``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from pactwatch.cli.store_cmd import DbOpt, _guard, _register
from pactwatch.errors import UsageError

FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table or json.")]


def _check_format(fmt: str) -> None:
    if fmt not in ("table", "json"):
        raise UsageError(f"--format must be table or json, got {fmt!r}")


def run_check(reg: Any, fmt: str = "table") -> list[Any]:
    """Check the watchlist now: print new alerts (a line each, or JSON), report failed
    deliveries on standard error. Used by ``alerts --check`` and ``ingest --alerts``."""
    from pactwatch.alert_sinks import PrintSink
    from pactwatch.watchlist import check

    _check_format(fmt)

    def err(msg: str) -> None:
        typer.echo(msg, err=True)

    if fmt == "json":
        made = check(reg, report=err)
        typer.echo(json.dumps([a.to_dict() for a in made], ensure_ascii=False, indent=1, default=str))
    else:
        made = check(reg, sinks=[PrintSink(typer.echo)], report=err)
        typer.echo(f"{len(made)} new alert{'s' if len(made) != 1 else ''}", err=True)
    return made


def register(app: typer.Typer) -> None:
    wl = typer.Typer(help="Saved event criteria that raise alerts.", no_args_is_help=True)
    app.add_typer(wl, name="watchlist")

    @wl.command("add")
    @_guard
    def add(
        name: Annotated[
            str | None, typer.Argument(help="A name for the watch (default: its criteria).")
        ] = None,
        party: Annotated[
            list[str] | None, typer.Option("--party", help="ISO code or name; repeat: all must take part.")
        ] = None,
        type: Annotated[
            str | None, typer.Option("--type", help="accord, meeting, statement, mechanism.")
        ] = None,
        status: Annotated[
            str | None, typer.Option(help="signed, held, ... or a current status (first deliveries).")
        ] = None,
        item: Annotated[str | None, typer.Option(help="Words in the item, e.g. rifle.")] = None,
        search: Annotated[str | None, typer.Option(help="Words that must all occur in the event.")] = None,
        kind: Annotated[str | None, typer.Option(help="Words in the kind, e.g. summit.")] = None,
        since: Annotated[str | None, typer.Option(help="Earliest event date, YYYY[-MM[-DD]].")] = None,
        jsonl: Annotated[
            Path | None, typer.Option(help="Append this watch's alerts to a JSONL file.")
        ] = None,
        webhook: Annotated[
            str | None, typer.Option(help="POST this watch's alerts as JSON to this URL.")
        ] = None,
        db: DbOpt = None,
    ) -> None:
        """Add a watch: a new or changed event that matches it raises an alert, once per event."""
        from pactwatch.watchlist import add_watch, new_watch

        w = new_watch(
            name,
            parties=party or (),
            type=type,
            status=status,
            item=item,
            text=search,
            kind=kind,
            since=since,
            jsonl=jsonl,
            webhook=webhook,
        )
        saved = add_watch(_register(db), w)
        typer.echo(f"watching {saved.name!r}: {saved.criteria()}")

    @wl.command("list")
    @_guard
    def list_(db: DbOpt = None, format: FormatOpt = "table") -> None:
        """List the watches with their criteria and sinks."""
        from pactwatch.watchlist import list_watches

        _check_format(format)
        items = list_watches(_register(db))
        if format == "json":
            typer.echo(json.dumps([w.to_dict() for w in items], ensure_ascii=False, indent=1))
            return
        for w in items:
            sinks = " ".join(f"{k}={v}" for k, v in (("jsonl", w.jsonl), ("webhook", w.webhook)) if v)
            typer.echo(f"{w.name}\t{w.criteria()}\t{sinks}".rstrip())
        if not items:
            typer.echo(
                "no watches (add one with: pactwatch watchlist add --party IND --item rifle)", err=True
            )

    @wl.command("remove")
    @_guard
    def remove(
        name: Annotated[str, typer.Argument(help="The watch's name.")],
        db: DbOpt = None,
    ) -> None:
        """Remove a watch and its alerts."""
        from pactwatch.watchlist import remove_watch

        gone = remove_watch(_register(db), name)
        typer.echo(f"removed {gone.name!r}")

    @app.command("alerts")
    @_guard
    def alerts_(
        check: Annotated[
            bool, typer.Option("--check", help="Check the watchlist now and print the new alerts.")
        ] = False,
        watch: Annotated[str | None, typer.Option(help="Only this watch's alerts (without --check).")] = None,
        limit: Annotated[int, typer.Option(help="At most this many (without --check).")] = 50,
        db: DbOpt = None,
        format: FormatOpt = "table",
    ) -> None:
        """Alerts raised by the watchlist, newest first; --check runs a check now."""
        from pactwatch.alert_sinks import alert_line
        from pactwatch.watchlist import list_alerts

        _check_format(format)
        reg = _register(db)
        if check:
            run_check(reg, format)
            return
        items = list_alerts(reg, watch=watch, limit=limit)
        if format == "json":
            typer.echo(json.dumps([a.to_dict() for a in items], ensure_ascii=False, indent=1, default=str))
            return
        for a in items:
            typer.echo(f"{a.to_dict()['created_at'][:19]}  {alert_line(a)}")
