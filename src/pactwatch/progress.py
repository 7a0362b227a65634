"""Rich progress for long work: documents done, documents per second, time left.

    with progress_bar(total=None, description="ingest") as bar:
        for item in bar.track(items):      # or bar.advance() / bar.callback(source, outcome)
            ...

The bar draws on standard error and only when it is a terminal (``enabled=None``), so
piped output and test runs stay clean; counting still happens either way.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

T = TypeVar("T")


class RateColumn(ProgressColumn):
    """Documents per second (Rich's own speed estimate over the last seconds)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} docs/s" if speed else "- docs/s", style="progress.data.speed")


class FailedColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        failed = int(task.fields.get("failed", 0))
        return Text(f"{failed} failed" if failed else "", style="red")


class ProgressTracker:
    """Counts documents (and failures) on one Rich task."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self._progress = progress
        self._task = task
        self.done = 0
        self.failed = 0

    def advance(self, n: int = 1, *, failed: bool = False) -> None:
        self.done += n
        if failed:
            self.failed += n
        self._progress.update(self._task, advance=n, failed=self.failed)

    def set_total(self, total: int | None) -> None:
        self._progress.update(self._task, total=total)

    def callback(self, source: str, outcome: str) -> None:
        """For ``Register.ingest_extractions(progress=...)``: one call per document."""
        del source
        self.advance(failed=outcome.startswith("failed"))

    def track(self, items: Iterable[T]) -> Iterator[T]:
        """Yield ``items`` unchanged, counting each (an ``InputError`` counts as failed)."""
        from pactwatch.errors import InputError

        for item in items:
            yield item
            self.advance(failed=isinstance(item, InputError))


@contextmanager
def progress_bar(
    *,
    total: int | None = None,
    description: str = "documents",
    enabled: bool | None = None,
    console: Console | None = None,
) -> Iterator[ProgressTracker]:
    """A progress bar on standard error (when it is a terminal, unless ``enabled`` says)."""
    console = console or Console(stderr=True)
    if enabled is None:
        enabled = sys.stderr.isatty()
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        FailedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not enabled,
        transient=False,
        speed_estimate_period=30.0,
    )
    with progress:
        task = progress.add_task(description, total=total, failed=0)
        yield ProgressTracker(progress, task)


def summary_table(summary: Mapping[str, object], *, title: str = "Summary") -> Table:
    """A two-column table of a summary's counts (e.g. ``IngestSummary.to_dict()``).

    Lists (such as ``failed``) show their length; a ``failed`` list of ``{source, reason}``
    is listed below the counts, one line each, up to 20.
    """
    table = Table(title=title, show_header=False, box=None)
    table.add_column("what", style="bold")
    table.add_column("count", justify="right")
    failed_rows: list[tuple[str, str]] = []
    for key, value in summary.items():
        if isinstance(value, bool):
            continue
        if isinstance(value, list | tuple):
            if key == "failed":
                failed_rows = [
                    (str(f.get("source")), str(f.get("reason"))) for f in value if isinstance(f, dict)
                ]
            table.add_row(key.replace("_", " "), str(len(value)))
        else:
            table.add_row(key.replace("_", " "), f"{value:,}" if isinstance(value, int) else str(value))
    for source, reason in failed_rows[:20]:
        table.add_row(Text(f"  {source}", style="red"), Text(reason, style="dim"))
    if len(failed_rows) > 20:
        table.add_row(Text(f"  ... and {len(failed_rows) - 20} more", style="red"), "")
    return table
