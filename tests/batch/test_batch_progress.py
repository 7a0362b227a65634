"""The Rich progress utility: counts, failures, the summary table."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from pactwatch.errors import InputError
from pactwatch.progress import progress_bar, summary_table


@pytest.mark.parametrize("enabled", [True, False], ids=["drawn", "hidden"])
def test_track_counts_documents_and_failures(enabled: bool) -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=enabled, width=120)
    items: list[object] = ["a", InputError("b", "bad"), "c"]
    with progress_bar(total=3, description="ingest", enabled=enabled, console=console) as bar:
        assert list(bar.track(items)) == items
        bar.callback("d", "failed: broken")
        bar.callback("e", "new")
    assert (bar.done, bar.failed) == (5, 2)
    assert ("docs/s" in out.getvalue()) is enabled


def test_summary_table_lists_failures() -> None:
    summary = {"read": 3, "new": 1, "failed": [{"source": "x.txt", "reason": "empty"}], "ok": False}
    out = io.StringIO()
    Console(file=out, width=100).print(summary_table(summary))
    text = out.getvalue()
    assert "read" in text and "x.txt" in text and "empty" in text and "ok" not in text.split()
