"""The real extractor gives the same to_dict() output on every engine."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pactwatch.batch.engine import LocalEngine
from pactwatch.errors import InputError
from pactwatch.model import Document

pytest.importorskip("pactwatch.extract.engine")
pytest.importorskip("distributed")

from pactwatch.batch.dask_engine import DaskEngine

BENCH = Path(__file__).resolve().parents[2] / "bench"


def generated(n: int) -> list[Document | InputError]:
    sys.path.insert(0, str(BENCH))
    try:
        import generate
    finally:
        sys.path.remove(str(BENCH))
    from pactwatch.ingest.newsplease import document_from_newsplease

    return [document_from_newsplease(a.news_please(), f"gen:{i}") for i, a in enumerate(generate.generate(n))]


def dicts(results: list) -> list[dict]:  # type: ignore[type-arg]
    return [r.to_dict() if not isinstance(r, InputError) else {"error": str(r)} for r in results]


@pytest.mark.slow
def test_local_pool_and_dask_agree_on_real_extraction() -> None:
    items = generated(48)
    one = dicts(list(LocalEngine(1, batch_size=16).run(items)))
    with LocalEngine(2, batch_size=16) as pool:
        two = dicts(list(pool.run(items)))
    with DaskEngine(2, batch_size=16, memory_limit=None) as dask:
        three = dicts(list(dask.run(items)))
    assert sum(len(d["records"]) for d in one) > 0
    assert two == one
    assert three == one
