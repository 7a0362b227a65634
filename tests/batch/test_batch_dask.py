"""DaskEngine on a LocalCluster with two workers: same results as local, and a killed worker
loses nothing and doubles nothing."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter

import pytest
from batch_fakes import fake_extract, pid_extract
from batch_items import as_dicts, make_items

from pactwatch.batch.engine import LocalEngine
from pactwatch.errors import InputError
from pactwatch.model import Extraction

distributed = pytest.importorskip("distributed")

from pactwatch.batch.dask_engine import DaskEngine  # noqa: E402


@pytest.fixture(scope="module")
def dask_engine():
    engine = DaskEngine(2, extract=fake_extract, batch_size=16, memory_limit=None)
    try:
        engine.client.wait_for_workers(2, timeout=60)
        yield engine
    finally:
        engine.close()


def test_same_results_local_pool_and_dask(dask_engine: DaskEngine) -> None:
    items = make_items(400, errors_every=41)
    local = as_dicts(list(LocalEngine(1, extract=fake_extract, batch_size=16).run(items)))
    with LocalEngine(2, extract=fake_extract, batch_size=16) as pool:
        local_n = as_dicts(list(pool.run(items)))
    dask = as_dicts(list(dask_engine.run(items)))
    assert local_n == local
    assert dask == local
    assert len(dask) == 400


def test_both_workers_take_part(dask_engine: DaskEngine) -> None:
    dask_engine.extract = pid_extract
    try:
        results = list(dask_engine.run(make_items(128)))
    finally:
        dask_engine.extract = fake_extract
    pids = {r.extractor for r in results if isinstance(r, Extraction)}
    assert len(pids) == 2
    assert str(os.getpid()) not in {p.split(":")[1] for p in pids}


def test_killed_worker_loses_and_doubles_nothing() -> None:
    items = make_items(240)
    engine = DaskEngine(2, extract=pid_extract, batch_size=8, in_flight=6, memory_limit=None)
    try:
        engine.client.wait_for_workers(2, timeout=60)
        worker_pids = list(engine.client.run(os.getpid).values())
        results = []
        killed = None
        deadline = time.monotonic() + 120
        for result in engine.run(items):
            results.append(result)
            if killed is None and len(results) >= 40:
                killed = worker_pids[0]
                os.kill(killed, signal.SIGKILL)
            assert time.monotonic() < deadline, "the run did not finish in time"
        assert killed is not None
    finally:
        engine.close()
    sources = Counter(r.document.source if isinstance(r, Extraction) else r.source for r in results)
    assert [s for s, n in sources.items() if n != 1] == []
    assert [r.document.source for r in results if isinstance(r, Extraction)] == [i.source for i in items]
    assert not any(isinstance(r, InputError) for r in results)
    # the killed worker did part of the work before it died; the rest was done elsewhere
    by_pid = Counter(r.extractor for r in results if isinstance(r, Extraction))
    assert f"pid:{killed}" in by_pid
    assert len(by_pid) >= 2
