"""PLOVER event records (JSON Lines) from the register's events. The mapping of
accord/meeting status to PLOVER event, mode and context is data
(``export/data/plover.json``) and documented in docs/plover.md."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from functools import cache
from importlib import resources
from typing import IO, Any

from pactwatch.resolve.names import country_name, is_country
from pactwatch.store.views import EventDetail
from pactwatch.version import __version__

PLOVER_EVENTS = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "INVESTIGATE",
    "DEMAND",
    "DISAPPROVE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
    "FIGHT",
    "CRIME",
    "ACCUSE",
)
_ACTOR = {
    "type": "object",
    "required": ["actorText", "code"],
    "properties": {"actorText": {"type": "string"}, "code": {"type": "string"}, "sector": {"type": "string"}},
}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "id",
        "date",
        "source",
        "event",
        "mode",
        "context",
        "text",
        "language",
        "publication",
        "version",
    ],
    "properties": {
        "id": {"type": "string"},
        "date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
        "source": {"type": "array", "minItems": 1, "items": _ACTOR},
        "target": {"anyOf": [{"type": "string", "maxLength": 0}, {"type": "array", "items": _ACTOR}]},
        "event": {"enum": list(PLOVER_EVENTS)},
        "eventText": {"type": "string"},
        "mode": {"type": "string"},
        "context": {"type": "string"},
        "text": {"type": "string"},
        "language": {"type": "string"},
        "publication": {"type": "string"},
        "coder": {"type": "string"},
        "version": {"type": "string"},
        "dateCoded": {"type": "string"},
        "comment": {"type": "string"},
    },
}


@cache
def mapping() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("pactwatch.export").joinpath("data/plover.json").read_text()
    )
    return data


def code(ev: EventDetail) -> dict[str, str] | None:
    """(event, mode, context) for an event, or None where PLOVER does not code it."""
    m = mapping()
    s, f = ev.summary, ev.fields
    status = s.current_status if s.type == "accord" and s.current_status in ("cancelled",) else s.status
    entry = m["map"].get(f"{s.type}:{status}", m["map"].get(f"{s.type}:*"))
    if entry is None:
        return None
    event, mode = entry["event"], entry["mode"]
    material = bool(f.get("quantity") or f.get("value") or s.current_status not in (None, "signed"))
    if entry.get("material_event") and material:
        event = entry["material_event"]
    if s.type == "meeting" and not mode:
        mode = m["meeting_modes"].get((f.get("kind") or "").lower(), "")
        if not mode and len([p for p in s.parties if is_country(p)]) > 2:
            mode = "multilateral"
    contexts = [m["contexts"][x.lower()] for x in f.get("fields") or () if x.lower() in m["contexts"]]
    context = "; ".join(dict.fromkeys(contexts)) or "diplomatic"
    return {"event": event, "mode": mode, "context": context}


def record_of(ev: EventDetail) -> dict[str, Any] | None:
    coded = code(ev)
    if coded is None:
        return None
    s, f = ev.summary, ev.fields
    actors = [
        {
            "actorText": country_name(p) if is_country(p) else p,
            "code": p if is_country(p) else "IGO",
            "sector": "GOV",
        }
        for p in s.parties
    ] or [{"actorText": "unknown", "code": "---"}]
    text = " … ".join(e.text for src in ev.sources[:3] for e in src.evidence[:1])
    first = ev.sources[0] if ev.sources else None
    return {
        "id": f"pactwatch-{s.id}",
        "date": f.get("date") or (first.published if first and first.published else ""),
        "source": actors,  # compound actor: the parties act together (PLOVER SRC/TAR)
        "target": "",
        "event": coded["event"],
        "eventText": " ".join(x for x in (f.get("kind"), f.get("title")) if x),
        "mode": coded["mode"],
        "context": coded["context"],
        "text": text,
        "language": "en",
        "publication": "; ".join(dict.fromkeys(src.source for src in ev.sources)),
        "coder": f"pactwatch {__version__}",
        "version": mapping()["version"],
        "dateCoded": date.today().isoformat(),
        "comment": f"{s.type} {s.status}; {s.n_sources} source(s)",
    }


def write_plover(events: Iterable[EventDetail], out: IO[str]) -> int:
    n = 0
    for ev in events:
        rec = record_of(ev)
        if rec is None or not rec["date"]:
            continue
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n
