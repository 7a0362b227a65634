"""Ingest: one document per transaction, idempotent by content hash, re-ingest after
an extractor upgrade replaces records and keeps analyst decisions; provenance, search, views."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from pactwatch.errors import InputError, NotFoundError
from pactwatch.register import Register
from pactwatch.store import tables as t

TEXT = "India and Russia on Monday signed a contract for 601,427 AK-203 rifles, Sergei Shoigu said."
AK = {
    "type": "accord",
    "kind": "contract",
    "date": "2021-12-06",
    "parties": ["IND", "RUS"],
    "title": "AK-203 contract",
    "quantity": 601427,
    "item": "AK-203 assault rifle",
    "participants": [{"name": "Sergei Shoigu", "role": "Defence Minister", "country": "RUS"}],
}


def _count(reg: Register, table) -> int:
    with reg.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_same_document_twice_changes_nothing(db_url: str, extraction) -> None:
    reg = Register(db_url)
    ex = extraction("hd/1", TEXT, "2021-12-06", [AK])
    first = reg.ingest_extractions([ex])
    counts = {tb.name: _count(reg, tb) for tb in (t.documents, t.records, t.statements, t.evidence, t.events)}
    second = reg.ingest_extractions([ex, replace(ex, document=replace(ex.document, source="elsewhere/copy"))])
    assert (first.new, first.records, first.events_created) == (1, 1, 1)
    assert (second.new, second.duplicates, second.records) == (0, 2, 0)
    assert counts == {
        tb.name: _count(reg, tb) for tb in (t.documents, t.records, t.statements, t.evidence, t.events)
    }


def test_provenance_of_each_fact(db_url: str, extraction) -> None:
    reg = Register(db_url)
    reg.ingest_extractions([extraction("hd/1", TEXT, "2021-12-06", [AK])])
    with reg.engine.connect() as conn:
        rec = conn.execute(select(t.records)).one()
        stmt = conn.execute(select(t.statements).where(t.statements.c.prop == "quantity")).one()
        ev = conn.execute(select(t.evidence)).one()
    assert rec.extractor == "test/1" and rec.first_seen and rec.last_seen
    assert stmt.value == "601427" and stmt.document_id == rec.document_id and stmt.extractor == "test/1"
    assert (ev.start, ev.end, ev.text) == (0, len(TEXT), TEXT)
    detail = reg.event(rec.event_id)
    assert detail.sources[0].source == "hd/1" and detail.sources[0].evidence[0].text == TEXT


def test_reingest_after_extractor_upgrade_keeps_decisions(db_url: str, extraction) -> None:
    reg = Register(db_url)
    a = extraction("hd/1", TEXT, "2021-12-06", [AK])
    other = "Moscow and New Delhi agreed on rifles."
    b = extraction(
        "gw/2",
        other,
        "2021-12-06",
        [{**AK, "title": "rifle agreement", "quantity": 1, "kind": "mou", "item": "something else"}],
    )
    reg.ingest_extractions([a, b])
    ev_a = reg.event(reg.document("hd/1").records[0]["event_id"])
    ev_b_id = reg.document("gw/2").records[0]["event_id"]
    assert ev_a.summary.id != ev_b_id
    merged = reg.merge_same(ev_a.summary.id, ev_b_id, who="analyst")
    reg.review(merged, "edit", {"status": "signed", "title": "AK-203 rifle contract"}, who="analyst")
    # extractor v2 finds a different title; the analyst's judgement and edit stay
    upgraded = extraction(
        "hd/1", TEXT, "2021-12-06", [{**AK, "title": "Kalashnikov contract"}], extractor="test/2"
    )
    s = reg.ingest_extractions([upgraded])
    assert (s.replaced, s.new) == (1, 0)
    doc = reg.document("hd/1")
    assert doc.summary.extractor == "test/2" and len(doc.records) == 1
    ev = reg.event(doc.records[0]["event_id"])
    assert ev.summary.id == merged and ev.summary.n_sources == 2
    assert ev.fields["title"] == "AK-203 rifle contract" and "analyst" in ev.values["title"]["reason"]
    assert [r.action for r in ev.reviews] == ["merge_same", "edit"]
    assert ev.reviews[1].before == {"status": "signed", "title": "AK-203 contract"}


def test_input_errors_are_counted_not_fatal(db_url: str, extraction) -> None:
    reg = Register(db_url)
    s = reg.ingest_extractions(
        [InputError("bad.bin", "binary file"), extraction("hd/1", TEXT, "2021-12-06", [AK])]
    )
    assert s.read == 2 and s.new == 1 and s.failed == (("bad.bin", "binary file"),) and not s.ok
    assert s.to_dict()["failed"] == [{"source": "bad.bin", "reason": "binary file"}]


@pytest.mark.parametrize(
    "query,hits",
    [("rifles", 1), ("Shoigu", 1), ("Russia", 1), ("submarine", 0)],
    ids=["evidence-word", "person", "country-name", "absent"],
)
def test_full_text_search(db_url: str, extraction, query: str, hits: int) -> None:
    reg = Register(db_url)
    reg.ingest_extractions([extraction("hd/1", TEXT, "2021-12-06", [AK])])
    assert reg.search(query).total == hits


def test_unknown_event_is_not_found(db_url: str) -> None:
    with pytest.raises(NotFoundError):
        Register(db_url).event("Enope")


def test_sqlite_views_are_readable(sqlite_url: str, extraction) -> None:
    reg = Register(sqlite_url)
    reg.ingest_extractions([extraction("hd/1", TEXT, "2021-12-06", [AK])])
    reg.close()
    con = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    row = con.execute("SELECT type, status, parties, title, n_sources FROM v_events").fetchone()
    src = con.execute("SELECT source, evidence FROM v_event_sources").fetchone()
    ent = con.execute("SELECT name, aliases FROM v_entities WHERE kind = 'person'").fetchone()
    assert row == ("accord", "signed", "IND;RUS", "AK-203 contract", 1)
    assert src == ("hd/1", TEXT)
    assert ent == ("Sergei Shoigu", "Sergei Shoigu")
