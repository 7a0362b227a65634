"""Write extractions into the store: a batch of documents per transaction, idempotent by
each document's content hash; a newer extractor's records replace the old ones, while
analyst judgements, overrides and the review log stay."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Connection, Engine, delete, select, update

from pactwatch.model import Extraction
from pactwatch.store import event_links
from pactwatch.store import events as evs
from pactwatch.store import tables as t
from pactwatch.store.engine import write_tx
from pactwatch.store.rows import RowSet, document_row, record_id

__all__ = ["DocResult", "record_id", "store_extraction", "store_extractions"]

Outcome = Literal["new", "duplicate", "replaced"]


@dataclass(frozen=True, slots=True)
class DocResult:
    """What storing one document did."""

    source: str
    document_id: str
    outcome: Outcome
    records: int
    events_created: int
    events_touched: int


def now_utc() -> datetime:
    return datetime.now(UTC)


def store_extraction(engine: Engine, ex: Extraction) -> DocResult:
    """Store one document's records and merge them into events, in one transaction."""
    return store_extractions(engine, [ex])[0]


def store_extractions(engine: Engine, batch: Sequence[Extraction]) -> list[DocResult]:
    """Store several documents in one transaction: all of them or none.

    The documents' rows (records, their fields, evidence, mentions) are written together,
    a few statements for the whole batch; then the records are placed into events document
    by document, in order, as one transaction per document would place them (placing
    reads only assigned records); the events they touch are rebuilt and re-linked once, at
    the end, however many documents touched them."""
    with write_tx(engine) as conn:
        now = now_utc()
        plan = _plan(conn, batch)
        touched: set[str] = set()
        first_seen: dict[str, datetime] = {}
        replaced = [doc_id for doc_id, (outcome, _) in plan.items() if outcome == "replaced"]
        if replaced:
            old = conn.execute(
                select(t.records.c.id, t.records.c.event_id, t.records.c.first_seen).where(
                    t.records.c.document_id.in_(replaced)
                )
            ).all()
            touched.update(r.event_id for r in old if r.event_id)
            first_seen = {r.id: r.first_seen for r in old}
            conn.execute(delete(t.records).where(t.records.c.document_id.in_(replaced)))
        dups = [doc_id for doc_id, (outcome, _) in plan.items() if outcome == "duplicate"]
        if dups:
            conn.execute(update(t.documents).where(t.documents.c.id.in_(dups)).values(last_seen=now))
        rows = RowSet()
        ids_of: dict[str, list[str]] = {}
        for doc_id, (outcome, ex) in plan.items():
            if outcome == "duplicate":
                continue
            extractor = _extractor(ex)
            if outcome == "replaced":
                conn.execute(
                    update(t.documents)
                    .where(t.documents.c.id == doc_id)
                    .values(extractor=extractor, last_seen=now, n_records=len(ex.records))
                )
            else:
                rows.documents.append(document_row(doc_id, ex, extractor, now))
            ids_of[doc_id] = rows.add_records(doc_id, ex, extractor, now, first_seen)
        rows.write(conn, now)
        all_ids = [rid for ids in ids_of.values() for rid in ids]
        stored = {}
        for chunk in _chunks(all_ids, 500):
            stored.update({r.id: r for r in conn.execute(select(t.records).where(t.records.c.id.in_(chunk)))})
        judged = evs.judgement_rows(conn, all_ids)  # almost always none: one query, not one per record
        results: list[DocResult] = []
        for ex in batch:
            doc_id = ex.document.content_hash
            outcome, first = plan[doc_id]
            if outcome == "duplicate" or first is not ex:
                results.append(DocResult(ex.document.source, doc_id, "duplicate", 0, 0, 0))
                continue
            created = 0
            mine: set[str] = set()
            for rid in ids_of[doc_id]:  # placing one record changes no other record's row
                ev, new = evs.assign_record(conn, stored[rid], judged)
                created += new
                mine.add(ev)
            touched |= mine
            results.append(
                DocResult(ex.document.source, doc_id, outcome, len(ids_of[doc_id]), created, len(mine))
            )
        overrides = evs.any_overrides(conn)
        for ev in sorted(touched):
            evs.refresh_event(conn, ev, now, overrides=overrides)
        for ev in sorted(touched):
            event_links.refresh_links(conn, ev)
        return results


def _extractor(ex: Extraction) -> str:
    return ex.extractor or (ex.records[0].extractor if ex.records else "")


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for k in range(0, len(items), size):
        yield items[k : k + size]


def _plan(conn: Connection, batch: Sequence[Extraction]) -> dict[str, tuple[Outcome, Extraction]]:
    """What to do with each distinct document of the batch (the first of equal ones):
    new, a duplicate of what is stored (same extractor), or replaced (another extractor)."""
    ids = list(dict.fromkeys(ex.document.content_hash for ex in batch))
    stored: dict[str, str] = {}
    for chunk in _chunks(ids, 500):
        stored.update(
            (r.id, r.extractor)
            for r in conn.execute(
                select(t.documents.c.id, t.documents.c.extractor).where(t.documents.c.id.in_(chunk))
            )
        )
    plan: dict[str, tuple[Outcome, Extraction]] = {}
    for ex in batch:
        doc_id = ex.document.content_hash
        if doc_id in plan:
            continue
        if doc_id not in stored:
            plan[doc_id] = ("new", ex)
        elif stored[doc_id] == _extractor(ex):
            plan[doc_id] = ("duplicate", ex)
        else:
            plan[doc_id] = ("replaced", ex)
    return plan


def reassign(conn: Connection, record_ids: list[str], now: datetime) -> set[str]:
    """Run merging again for these records (after a judgement); returns touched events."""
    touched: set[str] = set()
    rows = conn.execute(select(t.records).where(t.records.c.id.in_(record_ids))).all()
    touched.update(r.event_id for r in rows if r.event_id)
    conn.execute(update(t.records).where(t.records.c.id.in_(record_ids)).values(event_id=None))
    for r in sorted(rows, key=lambda r: (r.first_seen, r.id)):
        row = conn.execute(select(t.records).where(t.records.c.id == r.id)).one()
        ev, _ = evs.assign_record(conn, row)
        touched.add(ev)
    for ev in sorted(touched):
        evs.refresh_event(conn, ev, now)
    for ev in sorted(touched):
        event_links.refresh_links(conn, ev)
    return touched
