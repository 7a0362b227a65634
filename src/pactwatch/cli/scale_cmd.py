"""``pactwatch watch`` and the engine options the ``ingest`` command shares.

``make_engine`` turns ``--engine local|dask --workers N --scheduler URL`` into a
``BatchEngine``; ``EngineOpt``, ``WorkersOpt`` and ``SchedulerOpt`` are the option
declarations, so that every command spells them the same way.
"""

from __future__ import annotations

import logging
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pactwatch.batch.engine import BatchEngine
from pactwatch.cli.common import handle_errors, stderr_console
from pactwatch.errors import InputError, UsageError
from pactwatch.model import Document
from pactwatch.settings import Settings


class EngineName(StrEnum):
    local = "local"
    dask = "dask"


EngineOpt = Annotated[
    EngineName,
    typer.Option(
        "--engine",
        case_sensitive=False,
        help="Where extraction runs: local (this machine, --workers processes) or dask "
        "(a local Dask cluster of --workers processes, or the cluster at --scheduler).",
    ),
]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="Worker processes (local or Dask).")]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="Join this running Dask scheduler instead of starting a local cluster (implies --engine dask).",
        show_default=False,
    ),
]


def make_engine(engine: str, workers: int, scheduler: str | None, settings: Settings) -> BatchEngine:
    """A batch engine from the command-line options (``UsageError`` for a bad combination)."""
    name = engine.value if isinstance(engine, Enum) else str(engine).lower()
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, got {workers}")
    if scheduler:
        name = "dask"  # --scheduler says where to run; it only makes sense with Dask
    if scheduler and not scheduler.startswith(("tcp://", "tls://", "ucx://", "ws://", "wss://", "inproc://")):
        raise UsageError(f"--scheduler must look like tcp://HOST:PORT, got {scheduler!r}")
    if name == "local":
        from pactwatch.batch.engine import LocalEngine

        return LocalEngine(workers, settings=settings)
    if name == "dask":
        from pactwatch.batch.dask_engine import DaskEngine

        return DaskEngine(workers, scheduler=scheduler, settings=settings)
    raise UsageError(f"--engine must be local or dask, got {engine!r}")


def watch_command(
    feeds_file: Annotated[
        Path,
        typer.Argument(metavar="FEEDS_FILE", help="Feed URLs, one a line ('#' comments)."),
    ],
    every: Annotated[str, typer.Option("--every", help="Time between passes: 30s, 15m, 1h, 1d.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="One pass over the feeds, then exit.")] = False,
    state: Annotated[
        Path | None,
        typer.Option(
            "--state",
            help="The watch state file (default: pactwatch-watch.json next to a SQLite database, "
            "else in the user data folder).",
            show_default=False,
        ),
    ] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Database URL (default: $PACTWATCH_DB).", show_default=False)
    ] = None,
    engine: EngineOpt = EngineName.local,
    workers: WorkersOpt = 1,
    scheduler: SchedulerOpt = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log every feed, not just problems.")
    ] = False,
) -> None:
    """Poll news feeds and ingest only their new entries, until interrupted.

    The state file keeps the entries ingested and each feed's ETag and Last-Modified:
    restarts neither lose nor repeat work.

    Network errors are logged and retried on the next pass. Exit code 0; 2 for usage errors.
    """
    from pactwatch.batch.ingest import ingest_items
    from pactwatch.register import Register
    from pactwatch.watch import parse_interval, watch

    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(message)s",
    )
    logging.getLogger("pactwatch.watch").setLevel(logging.INFO)
    console = stderr_console()
    with handle_errors():
        every_s = parse_interval(every)
        settings = Settings.from_env(db_url=db)
        register = Register(settings)
        runner = make_engine(engine.value, workers, scheduler, settings)
        try:

            def sink(items: list[Document | InputError]) -> None:
                summary = ingest_items(items, register, runner)
                console.print(
                    f"ingested {summary.new} new, {summary.duplicates} duplicate, "
                    f"{len(summary.failed)} failed; {summary.records} records, "
                    f"{summary.events_created} events created"
                )

            try:
                watch(
                    feeds_file,
                    settings,
                    sink,
                    every_s=every_s,
                    once=once,
                    state_path=state,
                    on_pass=lambda report: console.print(f"pass: {report.line()}"),
                )
            except KeyboardInterrupt:
                console.print("stopped")
        finally:
            runner.close()
            register.close()


def register(app: typer.Typer) -> None:
    app.command("watch")(watch_command)
