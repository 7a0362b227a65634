"""Merged field values of an event: every value with the sources that gave it, the
one preferred, and why (analyst, agreement, majority, precision, confidence)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

SCALARS = (
    "kind",
    "status",
    "date",
    "title",
    "quantity",
    "item",
    "count",
    "value",
    "via",
    "period",
    "amends",
    "place",
    "speaker",
    "quote",
    "recurrence",
    "ordinal",
)
LISTS = ("parties", "fields", "participants")


@dataclass(frozen=True, slots=True)
class Contribution:
    """One record's value of one field."""

    prop: str
    value: Any
    record_id: str
    source: str
    published: str | None
    confidence: float


def _precision(prop: str, value: Any) -> float:
    """Higher is more precise: an exact count over a round one, a day over a month."""
    if prop == "quantity" and isinstance(value, int) and value:
        digits = str(abs(value))
        return -float(len(digits) - len(digits.rstrip("0")))
    if prop == "date" and isinstance(value, str):
        return float(value.count("-"))
    if isinstance(value, str):
        return len(value) / 1000.0
    return 0.0


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def prefer(
    prop: str, contributions: list[Contribution], override: Any = None, override_by: str | None = None
) -> dict[str, Any]:
    """The value to show for ``prop``, every value given, and the reason."""
    groups: dict[str, list[Contribution]] = defaultdict(list)
    for c in contributions:
        groups[_key(c.value)].append(c)
    values = [
        {
            "value": cs[0].value,
            "sources": sorted({c.source for c in cs}),
            "records": sorted({c.record_id for c in cs}),
        }
        for cs in groups.values()
    ]
    n_sources = len({c.source for c in contributions})
    if override is not None:
        return {"value": override, "reason": f"set by analyst {override_by}", "values": values}
    if len(groups) == 1:
        reason = "reported by the only source" if n_sources == 1 else f"all {n_sources} sources agree"
        return {"value": values[0]["value"], "reason": reason, "values": values}

    def rank(cs: list[Contribution]) -> tuple[int, float, float, str]:
        earliest = min((c.published or "9999") for c in cs)
        return (
            len({c.source for c in cs}),
            _precision(prop, cs[0].value),
            max(c.confidence for c in cs),
            "".join(chr(0x10FFFF - ord(ch)) for ch in earliest),
        )

    ordered = sorted(groups.values(), key=rank, reverse=True)
    top, second = ordered[0], ordered[1]
    n_top, n_second = len({c.source for c in top}), len({c.source for c in second})
    if n_top > n_second:
        reason = f"reported by {n_top} of {n_sources} sources"
    elif _precision(prop, top[0].value) > _precision(prop, second[0].value):
        reason = "sources disagree equally; the most precise value"
    elif max(c.confidence for c in top) > max(c.confidence for c in second):
        reason = "sources disagree equally; the extractor was most confident of it"
    else:
        reason = "sources disagree equally; the earliest report"
    return {"value": top[0].value, "reason": reason, "values": values, "conflict": True}


def merge_values(
    contributions: Iterable[Contribution],
    overrides: Mapping[str, tuple[Any, str]] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(merged fields in the contract's names, per-field provenance and conflicts)."""
    overrides = overrides or {}
    by_prop: dict[str, list[Contribution]] = defaultdict(list)
    for c in contributions:
        by_prop[c.prop].append(c)
    merged: dict[str, Any] = {}
    detail: dict[str, Any] = {}
    for prop in SCALARS:
        cs = [c for c in by_prop.get(prop, []) if c.value is not None]
        ov = overrides.get(prop)
        if not cs and ov is None:
            merged[prop] = None
            continue
        d = prefer(prop, cs, ov[0] if ov else None, ov[1] if ov else None)
        merged[prop] = d["value"]
        detail[prop] = d
    for prop in LISTS:
        seen: dict[str, dict[str, Any]] = {}
        for c in by_prop.get(prop, []):
            entry = seen.setdefault(_key(c.value), {"value": c.value, "sources": set()})
            entry["sources"].add(c.source)
        ov = overrides.get(prop)
        merged[prop] = ov[0] if ov else [e["value"] for e in seen.values()]
        if seen:
            detail[prop] = {
                "values": [{"value": e["value"], "sources": sorted(e["sources"])} for e in seen.values()]
            }
    return merged, detail
