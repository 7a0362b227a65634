"""CLI over the register: ingest, db upgrade, events, show, entities, timeline, due,
merge, export. Each command is a few lines over ``pactwatch.register.Register``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from pactwatch.cli.scale_cmd import EngineName, EngineOpt, SchedulerOpt, WorkersOpt, make_engine
from pactwatch.errors import PactwatchError, UsageError

F = TypeVar("F", bound=Callable[..., Any])
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: $PACTWATCH_DB, else a SQLite file in the user data folder).",
        show_default=False,
    ),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]


def _register(db: str | None, **settings_overrides: Any) -> Any:
    from pactwatch.register import Register
    from pactwatch.settings import Settings

    settings = Settings.from_env(db_url=db, **settings_overrides)
    return Register(settings)


def _fail(e: PactwatchError) -> None:
    from pactwatch.cli.common import exit_code_for, print_error

    print_error(e)
    raise typer.Exit(exit_code_for(e))


def _guard(fn: F) -> F:
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PactwatchError as e:
            _fail(e)

    return wrapper  # type: ignore[return-value]


def _print_events(items: list[Any], fmt: str, total: int | None = None) -> None:
    rows = [i.to_dict() for i in items]
    if fmt == "json":
        typer.echo(
            json.dumps(
                {"items": rows, "total": total if total is not None else len(rows)},
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    cols = ["id", "type", "status", "date", "parties", "title", "item", "quantity", "n_sources"]
    if fmt == "csv":
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([";".join(r[c]) if isinstance(r[c], list) else r[c] for c in cols])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*cols, title=f"{len(rows)} of {total if total is not None else len(rows)} events")
    for r in rows:
        table.add_row(
            *("" if r[c] is None else ",".join(r[c]) if isinstance(r[c], list) else str(r[c]) for c in cols)
        )
    Console().print(table)


def register(app: typer.Typer) -> None:
    db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
    app.add_typer(db_app, name="db")

    @app.command()
    @_guard
    def ingest(
        paths: Annotated[
            list[str],
            typer.Argument(help="Files, folders, URLs, feeds, sitemaps, WARC, .jsonl.gz/.zst; '-': stdin."),
        ],
        db: DbOpt = None,
        engine: EngineOpt = EngineName.local,
        workers: WorkersOpt = 1,
        scheduler: SchedulerOpt = None,
        published: Annotated[
            str | None, typer.Option(help="Publication date YYYY-MM-DD for all inputs.")
        ] = None,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No per-document progress.")] = False,
        alerts: Annotated[bool, typer.Option("--alerts", help="Check the watchlist afterwards.")] = False,
        commit_every: Annotated[
            int,
            typer.Option(
                "--commit-every",
                min=1,
                help="Documents per write transaction (1: commit each document on its own).",
            ),
        ] = 50,
    ) -> None:
        """Extract documents and store their records in the register, committed in batches
        (a killed ingest loses only the batch in flight; run it again to resume)."""
        pub = None
        if published:
            try:
                pub = date.fromisoformat(published)
            except ValueError as e:
                raise UsageError(f"--published must be YYYY-MM-DD, got {published!r}") from e
        from pactwatch.batch.ingest import ingest_sources
        from pactwatch.progress import progress_bar

        reg = _register(db, commit_every=commit_every)
        runner = make_engine(engine.value, workers, scheduler, reg.settings)
        try:
            with progress_bar(description="ingest", enabled=False if quiet else None) as bar:
                s = ingest_sources(paths, reg, runner, published=pub, progress=bar.callback)
        finally:
            runner.close()
        typer.echo(
            f"documents read: {s.read}, new: {s.new}, skipped as duplicates: {s.duplicates}, "
            f"replaced: {s.replaced}, failed: {len(s.failed)}; records: {s.records}, "
            f"events created: {s.events_created}, changed: {s.events_touched - s.events_created}"
        )
        for source, reason in s.failed:
            typer.echo(f"failed: {source}: {reason}", err=True)
        if alerts:
            from pactwatch.cli.watchlist_cmd import run_check

            run_check(reg)
        if s.failed:
            raise typer.Exit(1)

    @db_app.command("upgrade")
    @_guard
    def db_upgrade(db: DbOpt = None) -> None:
        """Create or upgrade the database schema to this version of pactwatch."""
        from pactwatch.register import Register
        from pactwatch.settings import Settings

        reg = Register(Settings.from_env(db_url=db), upgrade=False)
        before, after = reg.upgrade()
        typer.echo(
            f"schema {before or 'empty'} -> {after}" if before != after else f"schema is current ({after})"
        )

    @app.command()
    @_guard
    def events(
        db: DbOpt = None,
        party: Annotated[
            list[str] | None, typer.Option("--party", help="ISO code or name; repeat for several.")
        ] = None,
        type: Annotated[
            str | None, typer.Option("--type", help="accord, meeting, statement, mechanism.")
        ] = None,
        status: Annotated[str | None, typer.Option(help="signed, held, expected, ...")] = None,
        since: Annotated[str | None, typer.Option(help="Earliest date, YYYY[-MM[-DD]].")] = None,
        until: Annotated[str | None, typer.Option(help="Latest date, YYYY[-MM[-DD]].")] = None,
        item: Annotated[str | None, typer.Option(help="Words in the item, e.g. rifle.")] = None,
        search: Annotated[str | None, typer.Option(help="Full-text search.")] = None,
        limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
        offset: Annotated[int, typer.Option(help="Skip this many.")] = 0,
        sort: Annotated[
            str, typer.Option(help="date, type, status, title, parties, item, quantity or sources.")
        ] = "date",
        order: Annotated[str, typer.Option(help="desc or asc.")] = "desc",
        format: FormatOpt = "table",
    ) -> None:
        """List merged events, newest first (or by --sort/--order)."""
        from pactwatch.store.views import EventFilters

        f = EventFilters(
            parties=tuple(p.upper() if len(p) == 3 else p for p in party or ()),
            type=type,
            status=status,
            since=since,
            until=until,
            item=item,
            search=search,
            limit=limit,
            offset=offset,
            sort=sort,
            order=order,
        )
        page = _register(db).events(f)
        _print_events(list(page.items), format, page.total)

    @app.command()
    @_guard
    def show(
        event: Annotated[str, typer.Argument(help="Event id.")],
        db: DbOpt = None,
        format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    ) -> None:
        """Show one event: fields, values per source with the preferred one, sources with evidence, links."""
        ev = _register(db).event(event)
        if format == "json":
            typer.echo(json.dumps(ev.to_dict(), ensure_ascii=False, indent=1, default=str))
            return
        s = ev.summary
        typer.echo(f"{s.id}  {s.type} {s.kind or ''}  {s.status}  {s.date or ''}  {', '.join(s.parties)}")
        typer.echo(f"  {s.title or ''}  (current status: {s.current_status}; {s.n_sources} sources)")
        for k, v in ev.fields.items():
            if v not in (None, [], {}):
                typer.echo(f"  {k}: {json.dumps(v, ensure_ascii=False)}")
        for k in ev.conflicts:
            d = ev.values[k]
            typer.echo(
                f"  conflict in {k}: prefer {json.dumps(d['value'], ensure_ascii=False)} ({d['reason']})"
            )
            for val in d["values"]:
                typer.echo(f"    {json.dumps(val['value'], ensure_ascii=False)}: {', '.join(val['sources'])}")
        for h in ev.history if s.type == "accord" else ():
            typer.echo(f"  history {h['date']}: {h['status']} ({h['source']})")
        for src in ev.sources:
            typer.echo(f"  source {src.source} [{src.role}, {src.status}, {src.published or ''}]")
            for e in src.evidence:
                typer.echo(f"    \u201c{e.text}\u201d [{e.start}:{e.end}]")
        for link in ev.links:
            typer.echo(
                f"  link {link.relation} ({link.direction}) {link.event_id} "
                f"{link.title or ''} {link.reason or ''}"
            )

    @app.command()
    @_guard
    def entities(
        db: DbOpt = None,
        kind: Annotated[str | None, typer.Option(help="country, person, organization.")] = None,
        search: Annotated[str | None, typer.Option(help="Words in a name or alias.")] = None,
        limit: int = 100,
        format: FormatOpt = "table",
    ) -> None:
        """List resolved entities with their aliases."""
        page = _register(db).entities(kind=kind, search=search, limit=limit)
        if format == "json":
            typer.echo(json.dumps(page.to_dict(), ensure_ascii=False, indent=1))
            return
        for e in page.items:
            typer.echo(f"{e.id}\t{e.kind}\t{e.name}\t{e.mentions}\t{'; '.join(e.aliases)}")

    @app.command()
    @_guard
    def timeline(
        a: Annotated[str, typer.Argument(help="A party, e.g. IND.")],
        b: Annotated[str, typer.Argument(help="Another party, e.g. RUS.")],
        db: DbOpt = None,
        format: FormatOpt = "table",
    ) -> None:
        """Events between two parties, oldest first."""
        page = _register(db).timeline(a, b)
        _print_events(list(page.items), format, page.total)

    @app.command()
    @_guard
    def due(
        db: DbOpt = None,
        days: Annotated[int, typer.Option(help="Look this many days ahead.")] = 365,
        format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    ) -> None:
        """Expected events and mechanism sessions coming up; accords whose period ends soon."""
        items = _register(db).due(horizon_days=days)
        if format == "json":
            typer.echo(json.dumps([i.to_dict() for i in items], ensure_ascii=False, indent=1))
            return
        for i in items:
            typer.echo(
                f"{i.due}\t{i.reason}\t{i.event.id}\t{i.event.title or i.event.kind or ''}\t"
                f"{','.join(i.event.parties)}"
            )

    @app.command()
    @_guard
    def merge(
        a: Annotated[str, typer.Argument(help="Event or record id.")],
        b: Annotated[str, typer.Argument(help="Event or record id.")],
        same: Annotated[bool, typer.Option("--same", help="A and B are one event.")] = False,
        different: Annotated[bool, typer.Option("--different", help="A and B are different events.")] = False,
        who: Annotated[str | None, typer.Option(help="Who decides (default: $USER).")] = None,
        db: DbOpt = None,
    ) -> None:
        """Record an analyst's judgement; it overrides the machine and is remembered."""
        import getpass

        if same == different:
            raise UsageError("say --same or --different")
        reg = _register(db)
        person = who or getpass.getuser()
        if same:
            typer.echo(f"merged into {reg.merge_same(a, b, who=person)}")
        else:
            x, y = reg.merge_different(a, b, who=person)
            typer.echo(f"kept apart: {x} and {y}")

    @app.command()
    @_guard
    def export(
        format: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl, ftm or plover.")] = "jsonl",
        output: Annotated[Path | None, typer.Option("-o", "--output", help="File (default: stdout).")] = None,
        db: DbOpt = None,
    ) -> None:
        """Export all events."""
        reg = _register(db)
        if output is None:
            n = reg.export(format, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as fh:
                n = reg.export(format, fh)
        typer.echo(f"exported {n} {'entities' if format == 'ftm' else 'records'}", err=True)
