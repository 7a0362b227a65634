"""Batch engines: documents in, extractions out, in order, whichever engine runs them.

``BatchEngine.run(items)`` takes documents (and reading errors, passed through in place)
and yields one ``Extraction`` or ``InputError`` per item, in input order. Work travels in
batches of ``batch_size`` items (a Dask task costs about 1.5 ms, a spaCy call has its
own fixed cost), and every engine runs the same task function, ``run_batch``, so the
results are the same whichever engine runs them.

* ``LocalEngine(workers=1)``: in this process.
* ``LocalEngine(workers=N)``: N worker processes (``concurrent.futures``, spawned); a pool
  broken by a dying worker is rebuilt and the unfinished batches are run again.
* ``DaskEngine`` (``pactwatch.batch.dask_engine``): a ``LocalCluster`` or a scheduler.

The extract function is a parameter (``ExtractFn``: a picklable, module-level callable
``(items, settings) -> results``), by default the real pipeline.
"""

from __future__ import annotations

import importlib
import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Protocol

from pactwatch import errors
from pactwatch.errors import InputError, PactwatchError
from pactwatch.model import Document, Extraction
from pactwatch.settings import Settings

Item = Document | InputError
Result = Extraction | InputError
ExtractFn = Callable[[Sequence[Item], Settings], Sequence[Result]]

MAX_POOL_RESTARTS = 3


class BatchEngine(Protocol):
    """Runs extraction over a stream of items; one result per item, in input order."""

    def run(self, items: Iterable[Item]) -> Iterator[Result]: ...

    def close(self) -> None: ...


def default_extract(items: Sequence[Item], settings: Settings) -> list[Result]:
    """The real pipeline (``pactwatch.pipeline.extract_stream``); loaded once per process."""
    from pactwatch.pipeline import extract_stream

    return list(extract_stream(items, settings=settings))


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive lists of at most ``size`` items (the last one may be shorter)."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


# -- the one task function every engine runs ---------------------------------------------------


def extract_batch(items: Sequence[Item], settings: Settings, extract: ExtractFn) -> list[Result]:
    """Extract one batch; one result per item, in order. If the batch raises, each document is
    tried alone, and one that still raises becomes an ``InputError`` (the rest go through)."""
    try:
        results = list(extract(items, settings))
        if len(results) != len(items):
            raise PactwatchError(f"extractor returned {len(results)} results for {len(items)} items")
        return results
    except Exception:
        if len(items) == 1:
            return [_failed(items[0], extract, settings)]
    return [_failed(item, extract, settings) for item in items]


def _failed(item: Item, extract: ExtractFn, settings: Settings) -> Result:
    if isinstance(item, InputError):
        return item
    try:
        results = list(extract([item], settings))
        if len(results) == 1:
            return results[0]
        raise PactwatchError(f"extractor returned {len(results)} results for one document")
    except Exception as e:
        return InputError(item.source, f"extraction failed: {type(e).__name__}: {e}")


def run_batch(items: Sequence[Item], settings: Settings, extract: ExtractFn) -> list[Result]:
    """``extract_batch``, the task function of the process pool and Dask. Everything in and
    out pickles, reading errors included (``InputError.__reduce__``)."""
    return extract_batch(list(items), settings, extract)


def resolve_extract(spec: ExtractFn | str) -> ExtractFn:
    """An extract function, or its dotted name ``module:function``."""
    if callable(spec):
        return spec
    module, _, name = spec.partition(":")
    fn = getattr(importlib.import_module(module), name)
    if not callable(fn):
        raise PactwatchError(f"{spec} is not callable")
    return fn


# -- local engines ---------------------------------------------------------------------------


class LocalEngine:
    """In-process (``workers=1``) or a pool of ``workers`` spawned processes."""

    def __init__(
        self,
        workers: int = 1,
        *,
        settings: Settings | None = None,
        extract: ExtractFn = default_extract,
        batch_size: int | None = None,
        in_flight: int | None = None,
    ) -> None:
        if workers < 1:
            raise errors.UsageError(f"workers must be at least 1, got {workers}")
        self.workers = workers
        self.settings = settings or Settings()
        self.extract = extract
        self.batch_size = batch_size or self.settings.batch_size
        self.in_flight = in_flight or 2 * workers
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        if self.workers == 1:
            for batch in batched(items, self.batch_size):
                yield from extract_batch(batch, self.settings, self.extract)
            return
        yield from self._run_pool(items)

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))

    def _submit(self, batch: list[Item]) -> Future[list[Result]]:
        if self._pool is None:
            self._pool = self._new_pool()
        return self._pool.submit(run_batch, batch, self.settings, self.extract)

    def _run_pool(self, items: Iterable[Item]) -> Iterator[Result]:
        window: deque[tuple[list[Item], Future[list[Result]]]] = deque()
        for batch in batched(items, self.batch_size):
            try:
                future = self._submit(batch)
            except BrokenProcessPool:
                self._rebuild(window)
                future = self._submit(batch)
            window.append((batch, future))
            while len(window) >= self.in_flight:
                yield from self._take(window)
        while window:
            yield from self._take(window)

    def _take(self, window: deque[tuple[list[Item], Future[list[Result]]]]) -> Iterator[Result]:
        """The results of the oldest batch (rebuilding the pool as often as a worker dies)."""
        while True:
            try:
                results = window[0][1].result()
            except BrokenProcessPool:
                self._rebuild(window)
                continue
            window.popleft()
            yield from results
            return

    def _rebuild(self, window: deque[tuple[list[Item], Future[list[Result]]]]) -> None:
        """A worker died: start a new pool and resubmit every unfinished batch, in order."""
        self.restarts += 1
        if self.restarts > MAX_POOL_RESTARTS:
            raise PactwatchError(f"worker processes died {self.restarts} times; giving up")
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        pending = list(window)
        window.clear()
        for batch, future in pending:
            done_ok = future.done() and not future.cancelled() and future.exception() is None
            window.append((batch, future if done_ok else self._submit(batch)))
