"""The rows that storing documents adds, computed apart from writing them: a batch's
documents, records, record fields (statements), evidence and mentions are gathered
without touching the database, then written with one statement per table."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from pactwatch.model import Extraction, Record
from pactwatch.resolve import merge as mg
from pactwatch.resolve.values import LISTS, SCALARS
from pactwatch.store import tables as t
from pactwatch.store.engine import insert_ignore
from pactwatch.store.entities import MentionWriter


def record_id(doc_id: str, rec: Record, idx: int) -> str:
    """Stable across extractor versions where the evidence span is the same."""
    span = f"{rec.evidence[0].start}-{rec.evidence[0].end}" if rec.evidence else f"#{idx}"
    return hashlib.sha256(f"{doc_id}|{rec.type}|{span}".encode()).hexdigest()[:32]


def _hid(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32]


def document_row(doc_id: str, ex: Extraction, extractor: str, now: datetime) -> dict[str, Any]:
    doc = ex.document
    return {
        "id": doc_id,
        "source": doc.source,
        "url": doc.url,
        "outlet": doc.outlet,
        "title": doc.title,
        "published": doc.published,
        "language": doc.language,
        "text": doc.text,
        "extractor": extractor,
        "n_records": len(ex.records),
        "first_seen": now,
        "last_seen": now,
    }


@dataclass
class RowSet:
    """The rows a batch of documents adds, gathered first (no database access) and then
    written with one statement per table."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    parties: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def add_records(
        self, doc_id: str, ex: Extraction, extractor: str, now: datetime, first_seen: dict[str, datetime]
    ) -> list[str]:
        """Rows for one document's records; returns their ids, in order."""
        doc = ex.document
        ids: list[str] = []
        for idx, rec in enumerate(ex.records):
            rid = record_id(doc_id, rec, idx)
            while rid in ids:
                rid = _hid(rid, idx)
            ids.append(rid)
            data = rec.to_dict()
            day, _ = mg.day_of(rec.date, doc.published)
            seen = first_seen.get(rid, now)
            self.records.append(
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
                self.parties.append({"record_id": rid, "party": p, "type": rec.type, "day": day})
            for prop in SCALARS + LISTS:
                vals = data.get(prop) if prop in LISTS else [data.get(prop)]
                for v in vals or ():
                    if v is None:
                        continue
                    value = json.dumps(v, sort_keys=True, ensure_ascii=False)
                    self.statements.append(
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
                self.evidence.append(
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
        return ids

    def write(self, conn: Connection, now: datetime) -> None:
        if self.documents:
            conn.execute(t.documents.insert(), self.documents)
        if self.records:
            conn.execute(t.records.insert(), self.records)
        insert_ignore(conn, t.record_parties, self.parties)
        insert_ignore(conn, t.statements, self.statements)
        insert_ignore(conn, t.evidence, self.evidence)
        mentions = MentionWriter(conn, now)
        for r in self.records:
            mentions.add(r["id"], r["document_id"], r["data"], r["day"])
        mentions.flush()
