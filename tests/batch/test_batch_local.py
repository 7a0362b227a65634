"""LocalEngine (one process and a spawned pool): order, one result per item, error handling."""

from __future__ import annotations

import pytest
from batch_fakes import fake_extract
from batch_items import as_dicts, make_items

from pactwatch.batch.engine import LocalEngine, batched
from pactwatch.errors import EmptyInputError, InputError, MalformedInputError, UsageError
from pactwatch.model import Document, Extraction
from pactwatch.settings import Settings


@pytest.mark.parametrize(
    ("n", "size", "expected"), [(0, 4, []), (5, 2, [2, 2, 1]), (4, 4, [4])], ids=["empty", "ragged", "exact"]
)
def test_batched_sizes(n: int, size: int, expected: list[int]) -> None:
    assert [len(b) for b in batched(make_items(n), size)] == expected


@pytest.mark.parametrize(
    "error",
    [EmptyInputError("a.txt", "empty", line=3), MalformedInputError("b.json", "bad"), InputError("c", "x")],
    ids=["with-line", "subclass", "root"],
)
def test_errors_survive_pickling(error: InputError) -> None:
    import pickle

    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert (back.source, back.message, back.line, str(back)) == (
        error.source,
        error.message,
        error.line,
        str(error),
    )


@pytest.mark.parametrize("batch_size", [1, 7, 64], ids=["b1", "b7", "b64"])
def test_in_process_keeps_order_and_count(items: list[Document | InputError], batch_size: int) -> None:
    with LocalEngine(1, settings=Settings(batch_size=batch_size), extract=fake_extract) as engine:
        results = list(engine.run(items))
    assert [r.document.source if isinstance(r, Extraction) else r.source for r in results] == [
        i.source for i in items
    ]
    assert sum(isinstance(r, InputError) for r in results) == sum(isinstance(i, InputError) for i in items)


def test_failing_document_is_isolated() -> None:
    items = make_items(10)
    bad = Document(source="boom.txt", text="BOOM this one breaks the extractor")
    items.insert(4, bad)
    results = list(LocalEngine(1, extract=fake_extract, batch_size=4).run(items))
    assert len(results) == 11
    failed = [r for r in results if isinstance(r, InputError)]
    assert [(f.source, "extraction failed" in f.message) for f in failed] == [("boom.txt", True)]
    assert isinstance(results[3], Extraction) and isinstance(results[5], Extraction)


def test_pool_matches_in_process(items: list[Document | InputError]) -> None:
    one = list(LocalEngine(1, extract=fake_extract, batch_size=16).run(items))
    with LocalEngine(2, extract=fake_extract, batch_size=16) as engine:
        two = list(engine.run(items))
    assert as_dicts(two) == as_dicts(one)


def test_workers_must_be_positive() -> None:
    with pytest.raises(UsageError):
        LocalEngine(0)


def test_pool_runs_in_other_processes() -> None:
    import os

    from batch_fakes import pid_extract

    with LocalEngine(2, extract=pid_extract, batch_size=8) as engine:
        results = list(engine.run(make_items(64)))
    pids = {r.extractor for r in results if isinstance(r, Extraction)}
    assert pids and f"pid:{os.getpid()}" not in pids


def test_pool_survives_a_killed_worker() -> None:
    import os
    import signal
    from collections import Counter

    from batch_fakes import pid_extract

    items = make_items(160)
    results: list[Extraction | InputError] = []
    with LocalEngine(2, extract=pid_extract, batch_size=8, in_flight=4) as engine:
        for result in engine.run(items):
            results.append(result)
            if len(results) == 24:
                victim = int(result.extractor.split(":")[1])  # type: ignore[union-attr]
                os.kill(victim, signal.SIGKILL)
        assert engine.restarts >= 1
    counts = Counter(r.document.source for r in results if isinstance(r, Extraction))
    assert len(results) == 160
    assert [s for s, n in counts.items() if n != 1] == []
    assert [r.document.source for r in results if isinstance(r, Extraction)] == [i.source for i in items]
