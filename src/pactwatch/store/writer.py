"""Write extractions into the store: one document per transaction, idempotent by the
document's content hash; a newer extractor's records replace the old ones, while
analyst judgements, overrides and the review log stay."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, Engine, delete, select, update

from pactwatch.model import Extraction, Record
from pactwatch.resolve import merge as mg
from pactwatch.resolve.values import LISTS, SCALARS
from pactwatch.store import events as evs
from pactwatch.store import tables as t
from pactwatch.store.engine import insert_ignore, write_tx
from pactwatch.store.entities import add_mentions

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


def record_id(doc_id: str, rec: Record, idx: int) -> str:
    """Stable across extractor versions where the evidence span is the same."""
    span = f"{rec.evidence[0].start}-{rec.evidence[0].end}" if rec.evidence else f"#{idx}"
    return hashlib.sha256(f"{doc_id}|{rec.type}|{span}".encode()).hexdigest()[:32]


def _hid(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32]


def now_utc() -> datetime:
    return datetime.now(UTC)


def store_extraction(engine: Engine, ex: Extraction) -> DocResult:
    """Store one document's records and merge them into events, in one transaction."""
    doc = ex.document
    doc_id = doc.content_hash
    extractor = ex.extractor or (ex.records[0].extractor if ex.records else "")
    with write_tx(engine) as conn:
        now = now_utc()
        existing = conn.execute(select(t.documents.c.extractor).where(t.documents.c.id == doc_id)).first()
        if existing is not None and existing.extractor == extractor:
            conn.execute(update(t.documents).where(t.documents.c.id == doc_id).values(last_seen=now))
            return DocResult(doc.source, doc_id, "duplicate", 0, 0, 0)
        touched: set[str] = set()
        first_seen: dict[str, datetime] = {}
        if existing is not None:
            old = conn.execute(
                select(t.records.c.id, t.records.c.event_id, t.records.c.first_seen).where(
                    t.records.c.document_id == doc_id
                )
            ).all()
            touched.update(r.event_id for r in old if r.event_id)
            first_seen = {r.id: r.first_seen for r in old}
            conn.execute(delete(t.records).where(t.records.c.document_id == doc_id))
            conn.execute(
                update(t.documents)
                .where(t.documents.c.id == doc_id)
                .values(extractor=extractor, last_seen=now, n_records=len(ex.records))
            )
        else:
            conn.execute(
                t.documents.insert().values(
                    id=doc_id,
                    source=doc.source,
                    url=doc.url,
                    outlet=doc.outlet,
                    title=doc.title,
                    published=doc.published,
                    language=doc.language,
                    text=doc.text,
                    extractor=extractor,
                    n_records=len(ex.records),
                    first_seen=now,
                    last_seen=now,
                )
            )
        ids = _write_records(conn, doc_id, ex, extractor, now, first_seen)
        created = 0
        rows = {r.id: r for r in conn.execute(select(t.records).where(t.records.c.id.in_(ids)))}
        for rid in ids:  # placing one record changes no other record's row
            ev, new = evs.assign_record(conn, rows[rid])
            created += new
            touched.add(ev)
        for ev in sorted(touched):
            evs.refresh_event(conn, ev, now)
        for ev in sorted(touched):
            evs.refresh_links(conn, ev)
        outcome: Outcome = "replaced" if existing is not None else "new"
        return DocResult(doc.source, doc_id, outcome, len(ids), created, len(touched))


def _write_records(
    conn: Connection,
    doc_id: str,
    ex: Extraction,
    extractor: str,
    now: datetime,
    first_seen: dict[str, datetime],
) -> list[str]:
    doc = ex.document
    ids: list[str] = []
    recs: list[dict[str, Any]] = []
    parties: list[dict[str, Any]] = []
    stmts: list[dict[str, Any]] = []
    evid: list[dict[str, Any]] = []
    for idx, rec in enumerate(ex.records):
        rid = record_id(doc_id, rec, idx)
        while rid in ids:
            rid = _hid(rid, idx)
        ids.append(rid)
        data = rec.to_dict()
        day, _ = mg.day_of(rec.date, doc.published)
        seen = first_seen.get(rid, now)
        recs.append(
            {
                "id": rid,
                "document_id": doc_id,
                "idx": idx,
                "type": rec.type,
                "kind": rec.kind,
                "status": rec.status,
                "date": rec.date,
                "day": day,
                "parties": ";".join(sorted(set(rec.parties))),
                "title": rec.title,
                "item": rec.item,
                "quantity": rec.quantity,
                "place": rec.place,
                "quote": rec.quote,
                "speaker": rec.speaker.name if rec.speaker else None,
                "recurrence": rec.recurrence,
                "ordinal": rec.ordinal,
                "confidence": rec.confidence,
                "extractor": rec.extractor or extractor,
                "span_start": rec.evidence[0].start if rec.evidence else None,
                "span_end": rec.evidence[-1].end if rec.evidence else None,
                "data": data,
                "event_id": None,
                "role": "report",
                "first_seen": seen,
                "last_seen": now,
            }
        )
        for p in sorted(set(rec.parties)) or [""]:
            parties.append({"record_id": rid, "party": p, "type": rec.type, "day": day})
        for prop in SCALARS + LISTS:
            vals = data.get(prop) if prop in LISTS else [data.get(prop)]
            for v in vals or ():
                if v is None:
                    continue
                value = json.dumps(v, sort_keys=True, ensure_ascii=False)
                stmts.append(
                    {
                        "id": _hid(rid, prop, value),
                        "record_id": rid,
                        "document_id": doc_id,
                        "prop": prop,
                        "value": value,
                        "extractor": extractor,
                        "first_seen": seen,
                        "last_seen": now,
                    }
                )
        for e in rec.evidence:
            evid.append(
                {
                    "id": _hid(rid, e.start, e.end),
                    "record_id": rid,
                    "document_id": doc_id,
                    "start": e.start,
                    "end": e.end,
                    "text": e.text,
                    "extractor": extractor,
                    "first_seen": seen,
                    "last_seen": now,
                }
            )
    if recs:
        conn.execute(t.records.insert(), recs)
    insert_ignore(conn, t.record_parties, parties)
    insert_ignore(conn, t.statements, stmts)
    insert_ignore(conn, t.evidence, evid)
    for r in recs:
        add_mentions(conn, r["id"], doc_id, r["data"], r["day"], now)
    return ids


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
        evs.refresh_links(conn, ev)
    return touched


def as_dict(value: Any) -> Any:
    return value if isinstance(value, dict) else json.loads(value)
