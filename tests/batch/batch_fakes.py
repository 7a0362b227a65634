"""Picklable stand-ins for the extractor, so the engine tests do not depend on its progress.

Workers (spawned processes, Dask workers) import this module by name; it must stay at
module level and free of import-time work.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence

from pactwatch.errors import InputError
from pactwatch.model import Document, Evidence, Extraction, Record
from pactwatch.settings import Settings

PIDS_SEEN: list[int] = []


def _records(doc: Document) -> tuple[Record, ...]:
    words = doc.text.split()
    if not words:
        return ()
    first = words[0]
    start = doc.text.index(first)
    digest = int(hashlib.sha256(doc.text.encode()).hexdigest()[:6], 16)
    return (
        Record(
            type="meeting" if digest % 2 else "accord",
            status="held" if digest % 2 else "signed",
            evidence=(Evidence(start, start + len(first), first),),
            parties=("IND", "RUS")[: 1 + digest % 2],
            confidence=(digest % 1000) / 1000,
            extractor="fake/1",
        ),
    )


def fake_extract(items: Sequence[Document | InputError], settings: Settings) -> list[Extraction | InputError]:
    """One extraction per document (a record derived from the text); errors pass through."""
    out: list[Extraction | InputError] = []
    for item in items:
        if isinstance(item, InputError):
            out.append(item)
        elif "BOOM" in item.text:
            raise RuntimeError(f"cannot extract {item.source}")
        else:
            out.append(Extraction(document=item, records=_records(item), extractor="fake/1"))
    return out


def slow_extract(items: Sequence[Document | InputError], settings: Settings) -> list[Extraction | InputError]:
    """``fake_extract`` at 20 ms a document, so that a test can kill a worker mid-run."""
    time.sleep(0.02 * len(items))
    return fake_extract(items, settings)


def pid_extract(items: Sequence[Document | InputError], settings: Settings) -> list[Extraction | InputError]:
    """``fake_extract`` that stamps the worker's process id into the extractor name."""
    return [
        Extraction(r.document, r.records, extractor=f"pid:{os.getpid()}") if isinstance(r, Extraction) else r
        for r in slow_extract(items, settings)
    ]
