"""CSV and JSON Lines exports: one event a row/line, merged fields in the record
contract's names, with the sources and their evidence."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from pactwatch.store.views import EventDetail

CSV_COLUMNS = (
    "id",
    "type",
    "kind",
    "status",
    "current_status",
    "date",
    "parties",
    "title",
    "item",
    "quantity",
    "value_amount",
    "value_currency",
    "via",
    "period_start",
    "period_end",
    "place",
    "recurrence",
    "ordinal",
    "n_sources",
    "sources",
    "conflicts",
)
CONTRACT_FIELDS = (
    "type",
    "kind",
    "status",
    "date",
    "parties",
    "title",
    "fields",
    "quantity",
    "item",
    "count",
    "value",
    "via",
    "period",
    "amends",
    "participants",
    "place",
    "speaker",
    "quote",
    "recurrence",
    "ordinal",
)


def event_json(ev: EventDetail) -> dict[str, Any]:
    """The JSONL shape of one event."""
    f = ev.fields
    out: dict[str, Any] = {"id": ev.summary.id}
    for name in CONTRACT_FIELDS:
        out[name] = (
            ev.summary.type
            if name == "type"
            else f.get(name, [] if name in ("parties", "fields", "participants") else None)
        )
    sources: dict[str, list[dict[str, Any]]] = {}
    for s in ev.sources:
        sources.setdefault(s.source, []).extend(e.to_dict() for e in s.evidence)
    out["sources"] = [{"source": src, "evidence": evidence} for src, evidence in sources.items()]
    out["current_status"] = ev.summary.current_status
    out["conflicts"] = {k: ev.values[k] for k in ev.conflicts}
    out["links"] = [link.to_dict() for link in ev.links]
    if ev.summary.next_due:
        out["next_due"] = ev.summary.next_due
    return out


def write_jsonl(events: Iterable[EventDetail], out: IO[str]) -> int:
    n = 0
    for ev in events:
        out.write(json.dumps(event_json(ev), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[EventDetail], out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for ev in events:
        f = ev.fields
        value = f.get("value") or {}
        period = f.get("period") or {}
        w.writerow(
            {
                "id": ev.summary.id,
                "type": ev.summary.type,
                "kind": f.get("kind"),
                "status": f.get("status"),
                "current_status": ev.summary.current_status,
                "date": f.get("date"),
                "parties": ";".join(f.get("parties") or ()),
                "title": f.get("title"),
                "item": f.get("item"),
                "quantity": f.get("quantity"),
                "value_amount": value.get("amount"),
                "value_currency": value.get("currency"),
                "via": f.get("via"),
                "period_start": period.get("start"),
                "period_end": period.get("end"),
                "place": f.get("place"),
                "recurrence": f.get("recurrence"),
                "ordinal": f.get("ordinal"),
                "n_sources": ev.summary.n_sources,
                "sources": ";".join(dict.fromkeys(s.source for s in ev.sources)),
                "conflicts": ";".join(ev.conflicts),
            }
        )
        n += 1
    return n
