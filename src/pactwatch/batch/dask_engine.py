"""The Dask engine: batches of documents as Dask tasks on a LocalCluster or a remote scheduler.

Each batch of ``batch_size`` documents is one task (``run_batch``, the same function the
local engines run), submitted with ``retries=``; a worker that dies mid-batch makes the
scheduler run its batch again elsewhere (and a batch that raised is retried up to
``retries`` times). At most ``in_flight`` batches are out at once, so memory stays
bounded; results are yielded in input order, each batch's results exactly once.

The client reads the sources and ships documents to the workers; the workers only
extract; the caller stores the results (in batches), so the database is written from one
place, whichever cluster runs the extraction.
"""

from __future__ import annotations

import logging
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any

from pactwatch.batch.engine import (
    ExtractFn,
    Item,
    Result,
    batched,
    default_extract,
    run_batch,
)
from pactwatch.errors import PactwatchError, UsageError
from pactwatch.settings import Settings


def warm_up(settings: Settings) -> None:
    """Load the extractor in this process now (a no-op where the extractor is not built)."""
    try:
        from pactwatch.extract.engine import get_engine
    except ImportError:
        return
    get_engine(settings)


class DaskEngine:
    """Extraction on Dask: ``scheduler=None`` starts a ``LocalCluster`` of ``workers`` processes
    (one thread each); ``scheduler="tcp://HOST:PORT"`` joins a running cluster."""

    def __init__(
        self,
        workers: int = 2,
        *,
        scheduler: str | None = None,
        settings: Settings | None = None,
        extract: ExtractFn = default_extract,
        batch_size: int | None = None,
        in_flight: int | None = None,
        retries: int = 2,
        preload: bool = True,
        memory_limit: str | int | None = "auto",
    ) -> None:
        if workers < 1:
            raise UsageError(f"workers must be at least 1, got {workers}")
        self.workers = workers
        self.scheduler = scheduler
        self.settings = settings or Settings()
        self.extract = extract
        self.batch_size = batch_size or self.settings.batch_size
        self.in_flight = in_flight
        self.retries = retries
        self.preload = preload and extract is default_extract
        self.memory_limit = memory_limit
        self._cluster: Any = None
        self._client: Any = None

    # -- lifecycle --------------------------------------------------------------------------

    @property
    def client(self) -> Any:
        """The ``distributed.Client`` (the cluster starts on first use)."""
        if self._client is None:
            self._start()
        return self._client

    def _start(self) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as e:
            raise UsageError(
                "the dask engine needs dask[distributed] (pip install 'pactwatch[scale]')"
            ) from e
        try:
            if self.scheduler:
                self._client = Client(self.scheduler, timeout="30s")
            else:
                self._cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # a free port, never a clash with another cluster
                    scheduler_kwargs={"dashboard": False},
                    silence_logs=logging.ERROR,
                    memory_limit=self.memory_limit,
                )
                self._client = Client(self._cluster)
        except (OSError, TimeoutError) as e:
            self.close()
            where = self.scheduler or "a local cluster"
            raise PactwatchError(f"cannot start or reach the Dask scheduler ({where}): {e}") from e
        if self.preload:
            self._client.run(warm_up, self.settings.replace(db_url="sqlite://"))

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def worker_count(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1).get("workers", {})) or self.workers

    # -- work -------------------------------------------------------------------------------

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        client = self.client
        in_flight = self.in_flight or max(4, 2 * self.worker_count())
        run_id = uuid.uuid4().hex[:12]
        # Workers extract only: they get no database URL (it may hold a password).
        settings = client.scatter(self.settings.replace(db_url="sqlite://"), broadcast=True, hash=False)
        window: deque[Any] = deque()
        for number, batch in enumerate(batched(items, self.batch_size)):
            window.append(
                client.submit(
                    run_batch,
                    batch,
                    settings,
                    self.extract,
                    key=f"pactwatch-batch-{run_id}-{number}",
                    retries=self.retries,
                    pure=False,
                )
            )
            while len(window) >= in_flight:
                yield from self._collect(window.popleft())
        while window:
            yield from self._collect(window.popleft())

    @staticmethod
    def _collect(future: Any) -> Iterator[Result]:
        results: list[Result] = future.result()
        future.release()
        yield from results
