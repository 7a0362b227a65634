"""Exports, each validated against its format: JSONL (the contract's names, id,
sources with evidence), CSV, FollowTheMoney (re-read by followthemoney), PLOVER."""

from __future__ import annotations

import csv
import io
import json

import pytest

from pactwatch.errors import UsageError
from pactwatch.export.plover import PLOVER_EVENTS, SCHEMA
from pactwatch.export.tabular import CONTRACT_FIELDS, CSV_COLUMNS
from pactwatch.register import Register


@pytest.fixture
def reg(db_url: str, merge_corpus) -> Register:
    r = Register(db_url)
    r.ingest_extractions(merge_corpus[0])
    return r


def _export(reg: Register, fmt: str) -> str:
    out = io.StringIO()
    reg.export(fmt, out)
    return out.getvalue()


def test_jsonl(reg: Register, merge_corpus) -> None:
    lines = [json.loads(x) for x in _export(reg, "jsonl").splitlines()]
    assert len(lines) == reg.events().total == 10
    sources = {ex.document.source: ex.document.text for ex in merge_corpus[0]}
    for ev in lines:
        assert set(CONTRACT_FIELDS) | {"id", "sources"} <= set(ev)
        for s in ev["sources"]:
            assert s["source"] in sources  # exactly as `pactwatch extract` prints it
            for e in s["evidence"]:
                assert sources[s["source"]][e["start"] : e["end"]] == e["text"]
    ak = next(e for e in lines if e["item"] == "AK-203 assault rifle")
    assert ak["quantity"] == 601427 and ak["parties"] == ["IND", "RUS"] and len(ak["sources"]) == 5


def test_csv(reg: Register) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(reg, "csv"))))
    assert len(rows) == 10 and tuple(rows[0]) == CSV_COLUMNS
    assert {r["type"] for r in rows} == {"accord", "meeting", "statement", "mechanism"}


def test_followthemoney(reg: Register) -> None:
    from followthemoney import model

    lines = [json.loads(x) for x in _export(reg, "ftm").splitlines()]
    proxies = [model.get_proxy(d, cleaned=False) for d in lines]  # raises on an unknown schema
    for raw, proxy in zip(lines, proxies, strict=True):
        assert proxy.id and set(raw["properties"]) == set(proxy.properties)
        assert all(proxy.schema.get(name) is not None for name in raw["properties"]), raw
    schemata = {p.schema.name for p in proxies}
    assert {"Contract", "Event", "PublicBody", "Person", "Article", "Documentation"} <= schemata
    ids = {p.id for p in proxies}
    for p in proxies:  # every reference points at an exported entity
        for prop, value in p.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (p.schema.name, prop.name)


def test_plover(reg: Register) -> None:
    import jsonschema

    lines = [json.loads(x) for x in _export(reg, "plover").splitlines()]
    for rec in lines:
        jsonschema.validate(rec, SCHEMA)
        assert rec["event"] in PLOVER_EVENTS
    by_event = {r["eventText"]: r for r in lines}
    assert any(r["event"] == "CONSULT" for r in lines)  # meetings held
    assert any(r["event"] == "AGREE" for r in lines)  # the expected meeting
    ak = next(r for r in lines if "AK-203" in r["eventText"])
    assert ak["event"] == "COOPERATE" and ak["context"] == "military"
    assert len(lines) == 8 and by_event  # the statement and the mechanism are not PLOVER events


def test_unknown_format(reg: Register) -> None:
    with pytest.raises(UsageError, match="unknown export format"):
        _export(reg, "xml")
