"""Analyst decisions. Review ``reject`` and ``restore``: a rejected record leaves its
event and is never merged again, also after its document is re-ingested, until it is
restored; every step is in the review log. ``different`` separates even a founder."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from pactwatch.errors import NotFoundError, UsageError
from pactwatch.register import Register
from pactwatch.store import tables as t

AK = {
    "type": "accord",
    "kind": "contract",
    "date": "2021-12-06",
    "parties": ["IND", "RUS"],
    "title": "AK-203 contract",
    "item": "AK-203 assault rifle",
}


@pytest.fixture
def three(extraction):
    """Two reports of the AK-203 signing (one with a wrong figure) and later news."""
    return [
        extraction("hd/1", "India and Russia signed a contract for 601,427 AK-203 rifles.", "2021-12-06",
                   [{**AK, "quantity": 601427}]),
        extraction("gw/2", "New Delhi and Moscow signed the AK-203 contract for 5 rifles.", "2021-12-06",
                   [{**AK, "quantity": 5}]),
        extraction("tp/3", "Indo-Russia Rifles delivered the first batch of AK-203 rifles.", "2024-07-01",
                   [{**AK, "status": "ongoing", "date": "2024-07-01"}]),
    ]  # fmt: skip


@pytest.fixture
def reg(db_url: str, three) -> Register:
    """A register holding the three documents: one event (two reports, one update)."""
    register = Register(db_url)
    register.ingest_extractions(three)
    return register


def _rec(reg: Register, source: str) -> dict:
    return reg.document(source).records[0]


def _role(reg: Register, rid: str) -> str:
    with reg.engine.connect() as conn:
        return conn.execute(select(t.records.c.role).where(t.records.c.id == rid)).scalar_one()


def test_a_rejected_record_leaves_its_event(reg: Register) -> None:
    eid = _rec(reg, "hd/1")["event_id"]
    wrong = _rec(reg, "gw/2")["id"]
    assert reg.event(eid).values["quantity"]["conflict"]
    reg.review(wrong, "reject", {"note": "figure misread"}, who="ana")
    ev = reg.event(eid)
    assert sorted(s.source for s in ev.sources) == ["hd/1", "tp/3"] and ev.summary.n_sources == 2
    assert ev.fields["quantity"] == 601427 and "quantity" not in ev.conflicts
    assert _rec(reg, "gw/2")["event_id"] is None and _role(reg, wrong) == "rejected"
    assert reg.events().total == 1  # the rejected record founds no event of its own
    log = ev.reviews[-1]
    assert (log.action, log.who, log.target, log.changes) == (
        "reject",
        "ana",
        eid,
        {"note": "figure misread"},
    )
    all_ids = sorted(_rec(reg, s)["id"] for s in ("hd/1", "gw/2", "tp/3"))
    assert log.before["event"] == eid and sorted(log.before["records"]) == all_ids
    assert log.after["rejected"] == [wrong] and log.after["event"] == eid


def test_a_rejection_survives_reingestion_and_is_never_merged(reg: Register, three) -> None:
    wrong = _rec(reg, "gw/2")["id"]
    eid = _rec(reg, "hd/1")["event_id"]
    reg.review(wrong, "reject", who="ana")
    s = reg.ingest_extractions([replace(three[1], extractor="test/2")])
    assert s.replaced == 1
    assert _rec(reg, "gw/2")["id"] == wrong and _rec(reg, "gw/2")["event_id"] is None
    assert _role(reg, wrong) == "rejected" and reg.event(eid).summary.n_sources == 2
    with pytest.raises(UsageError, match="rejected"):
        reg.merge_same(eid, wrong, who="bo")
    with pytest.raises(UsageError, match="rejected"):
        reg.review(wrong, "edit", {"quantity": 6}, who="bo")


def test_rejecting_an_event_rejects_all_its_records(reg: Register) -> None:
    eid = _rec(reg, "hd/1")["event_id"]
    before = reg.event(eid)
    reg.review(eid, "reject", who="ana")
    assert reg.events().total == 0 and reg.search("AK-203").total == 0
    with pytest.raises(NotFoundError):
        reg.event(eid)
    assert {_role(reg, _rec(reg, s)["id"]) for s in ("hd/1", "gw/2", "tp/3")} == {"rejected"}
    # restoring the event id brings back what its rejection took out
    reg.review(eid, "restore", who="bo")
    after = reg.event(eid)
    assert after.fields == before.fields and after.history == before.history
    assert [(s.source, s.role) for s in after.sources] == [(s.source, s.role) for s in before.sources]
    assert [(r.action, r.who) for r in after.reviews] == [("reject", "ana"), ("restore", "bo")]
    restored = sorted(after.reviews[-1].before["rejected"])
    assert restored == sorted(_rec(reg, s)["id"] for s in ("hd/1", "gw/2", "tp/3"))


def test_restoring_a_record_merges_it_again(reg: Register) -> None:
    eid = _rec(reg, "hd/1")["event_id"]
    wrong = _rec(reg, "gw/2")["id"]
    reg.review(wrong, "reject", who="ana")
    reg.review(wrong, "restore", who="ana")
    assert _rec(reg, "gw/2")["event_id"] == eid and _role(reg, wrong) == "report"
    assert reg.event(eid).summary.n_sources == 3
    log = reg.event(eid).reviews[-1]
    assert (log.action, log.target, log.after) == ("restore", wrong, {"events": {wrong: eid}})
    with pytest.raises(UsageError, match="nothing to restore"):
        reg.review(wrong, "restore", who="ana")
    with pytest.raises(NotFoundError):
        reg.review("Enope", "restore", who="ana")


def test_rejecting_the_signing_leaves_its_news_on_their_own(reg: Register) -> None:
    eid = _rec(reg, "hd/1")["event_id"]
    signings = [_rec(reg, s)["id"] for s in ("hd/1", "gw/2")]
    for rid in signings:
        reg.review(rid, "reject", who="ana")
    ev = reg.event(_rec(reg, "tp/3")["event_id"])
    # without its accord, the news waits for it (its fields count), as if it came alone
    assert [(s.source, s.role) for s in ev.sources] == [("tp/3", "update")]
    assert ev.fields["title"] == "AK-203 contract" and ev.summary.status == "ongoing"
    reg.review(signings[0], "restore", who="ana")
    ev = reg.event(_rec(reg, "tp/3")["event_id"])
    assert [(s.source, s.role) for s in ev.sources] == [("hd/1", "report"), ("tp/3", "update")]
    assert ev.summary.id == eid and ev.summary.current_status == "first deliveries"


def test_different_separates_the_founder(db_url: str, extraction) -> None:
    reg = Register(db_url)
    reg.ingest_extractions(
        [
            extraction("a/1", "India and Russia signed the AK-203 contract.", "2021-12-06", [AK]),
            extraction("b/2", "Moscow and New Delhi signed the AK-203 contract.", "2021-12-06", [AK]),
        ]
    )
    founder, other = _rec(reg, "a/1"), _rec(reg, "b/2")
    assert founder["event_id"] == other["event_id"]
    kept, moved = reg.merge_different(other["id"], founder["id"], who="ana")  # the founder moves
    assert kept != moved and reg.events().total == 2
    assert _rec(reg, "a/1")["event_id"] == moved and _rec(reg, "b/2")["event_id"] == kept
