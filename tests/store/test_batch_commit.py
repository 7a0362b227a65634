"""Documents committed in batches: the same register as one transaction per document,
a killed ingest keeps every finished batch, and a failing batch is retried per document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from pactwatch.errors import StoreError
from pactwatch.model import Extraction
from pactwatch.register import Register
from pactwatch.settings import Settings
from pactwatch.store import tables as t
from pactwatch.store import writer


def _register(url: str, every: int) -> Register:
    return Register(Settings.from_env(db_url=url, commit_every=every, commit_wait_s=3600.0))


def _grouping(reg: Register) -> tuple[Any, ...]:
    """Each event as its sorted (document source, record type) members, with merged fields."""
    out = []
    with reg.engine.connect() as conn:
        rows = conn.execute(
            select(t.records.c.event_id, t.records.c.type, t.records.c.role, t.documents.c.source).join(
                t.documents, t.documents.c.id == t.records.c.document_id
            )
        ).all()
    by_event: dict[str, list[tuple[str, str, str]]] = {}
    for r in rows:
        by_event.setdefault(r.event_id, []).append((r.source, r.type, r.role))
    for eid, members in by_event.items():
        d = reg.event(eid)
        out.append((tuple(sorted(members)), d.summary.status, d.summary.date, d.summary.parties))
    return tuple(sorted(out, key=repr))


def _links(reg: Register) -> int:
    with reg.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.links)).scalar_one())


def test_batches_give_the_same_register_as_single_commits(db_url: str, tmp_path, merge_corpus) -> None:
    extractions = merge_corpus[0]
    one = _register(f"sqlite:///{tmp_path}/one.sqlite", 1)
    s1 = one.ingest_extractions(extractions)
    many = _register(db_url, 7)
    s7 = many.ingest_extractions(extractions)
    assert s1.to_dict() == s7.to_dict()
    assert s7.new == len(extractions) and s7.records > 0
    assert _grouping(one) == _grouping(many)
    assert _links(one) == _links(many)


def test_a_killed_ingest_keeps_the_finished_batches(sqlite_url: str, merge_corpus) -> None:
    extractions = merge_corpus[0][:7]
    reg = _register(sqlite_url, 3)

    def dies_after_five() -> Iterator[Extraction]:
        for k, ex in enumerate(extractions):
            if k == 5:
                raise KeyboardInterrupt
            yield ex

    with pytest.raises(KeyboardInterrupt):
        reg.ingest_extractions(dies_after_five())
    with reg.engine.connect() as conn:
        stored = set(conn.execute(select(t.documents.c.source)).scalars())
    assert stored == {ex.document.source for ex in extractions[:3]}  # batch 2 was in flight
    again = reg.ingest_extractions(extractions)
    assert (again.duplicates, again.new) == (3, 4)


def test_a_failing_batch_is_stored_one_document_at_a_time(
    sqlite_url: str, merge_corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    extractions = merge_corpus[0][:6]
    sizes: list[int] = []
    real = writer.store_extractions

    def flaky(engine: Any, batch: Any) -> Any:
        sizes.append(len(batch))
        if len(batch) > 1:
            raise StoreError("database is locked")
        return real(engine, batch)

    monkeypatch.setattr("pactwatch.register.store_extractions", flaky)
    progress: list[tuple[str, str]] = []
    summary = _register(sqlite_url, 4).ingest_extractions(
        extractions, progress=lambda s, o: progress.append((s, o))
    )
    assert sizes == [4, 1, 1, 1, 1, 2, 1, 1]
    assert summary.new == 6 and [s for s, _ in progress] == [ex.document.source for ex in extractions]


def test_a_database_error_on_one_document_is_raised(sqlite_url: str, merge_corpus, monkeypatch) -> None:
    def broken(engine: Any, batch: Any) -> Any:
        raise StoreError("disk full")

    monkeypatch.setattr("pactwatch.register.store_extractions", broken)
    with pytest.raises(StoreError, match="disk full"):
        _register(sqlite_url, 4).ingest_extractions(merge_corpus[0][:2])


def test_commit_every_must_be_positive() -> None:
    from pactwatch.errors import ConfigError

    with pytest.raises(ConfigError, match="commit_every"):
        Settings.from_env(commit_every=0)
