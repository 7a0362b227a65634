"""Sources -> engine -> register: the whole ingest as one library call.

``pactwatch ingest`` and ``pactwatch watch`` are thin layers over ``ingest_sources`` and
``ingest_items``; the engine decides where extraction runs, the register stores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from pactwatch.batch.engine import BatchEngine, Item

if TYPE_CHECKING:
    from pactwatch.register import IngestSummary, Register

Progress = Callable[[str, str], None]


def ingest_items(
    items: Iterable[Item], register: Register, engine: BatchEngine, *, progress: Progress | None = None
) -> IngestSummary:
    """Extract ``items`` on ``engine`` and store the results in ``register``."""
    return register.ingest_extractions(engine.run(items), progress=progress)


def ingest_sources(
    specs: Sequence[str],
    register: Register,
    engine: BatchEngine,
    *,
    published: date | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Read every spec (URLs, feeds, sitemaps, WARC, compressed JSONL, files, folders), extract
    on ``engine``, store in ``register``; failures are counted in the summary, never raised."""
    from pactwatch.sources.resolve import resolve_sources

    items = resolve_sources(specs, register.settings, published=published)
    return ingest_items(items, register, engine, progress=progress)
