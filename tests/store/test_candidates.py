"""Candidate blocks in the store: each party's block is read on its own and cut at
``MAX_CANDIDATES``, so a busy party cannot crowd out another."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pactwatch.register import Register
from pactwatch.resolve import merge as mg
from pactwatch.store import events as evs
from pactwatch.store import tables as t

DAY = date(2021, 12, 6).toordinal()
NOW = datetime(2022, 1, 1, tzinfo=UTC)


def _add(conn, rid: str, parties: tuple[str, ...], day: int, status: str = "ongoing") -> None:
    """A placed accord record: later news (ongoing) unless told otherwise."""
    conn.execute(
        t.records.insert().values(
            id=rid, document_id="doc", idx=0, type="accord", status=status, day=day,
            parties=";".join(parties), extractor="test/1", data={}, event_id=f"E{rid}",
            role="update" if status == "ongoing" else "report", first_seen=NOW, last_seen=NOW,
        )
    )  # fmt: skip
    conn.execute(
        t.record_parties.insert(),
        [{"record_id": rid, "party": p, "type": "accord", "day": day} for p in parties],
    )


@pytest.fixture
def busy(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Register:
    """News about IND and FRA accords is frequent, later than the one IND-RUS item, all in
    one window."""
    monkeypatch.setattr(mg, "MAX_CANDIDATES", 5)
    reg = Register(db_url)
    with reg.engine.begin() as conn:
        conn.execute(
            t.documents.insert().values(
                id="doc", source="s", text="x", extractor="test/1", first_seen=NOW, last_seen=NOW
            )
        )
        _add(conn, "ind-rus", ("IND", "RUS"), DAY)
        for i in range(12):
            _add(conn, f"ind-fra-{i:02}", ("FRA", "IND"), DAY + 1 + i)
    return reg


def _probe(day: int, status: str = "signed") -> mg.MergeItem:
    return mg.MergeItem(
        id="probe", doc="other", type="accord", status=status, day=day, parties=("IND", "RUS")
    )


def test_one_party_cannot_crowd_out_another(busy: Register) -> None:
    with busy.engine.connect() as conn:
        found = {c.id for c in evs.candidates(conn, _probe(DAY))}
    # the IND block gives its 5 newest, the RUS block its one record
    assert found == {"ind-rus", *(f"ind-fra-{i:02}" for i in range(7, 12))}


def test_later_news_is_looked_for_nearest_first_per_party(busy: Register) -> None:
    with busy.engine.begin() as conn:  # a signing: in the cut, but not news
        _add(conn, "signing", ("IND", "RUS"), DAY - 20, status="signed")
    anchor = mg.MergeItem(
        id="probe",
        doc="other",
        type="accord",
        status="signed",
        day=DAY - 10,
        parties=("IND", "RUS"),
        event="E0",
    )
    with busy.engine.connect() as conn:
        found = {c.id for c in evs.later(conn, anchor)}
    # each block's 5 oldest from a month before the probe, of which the news
    assert found == {"ind-rus", *(f"ind-fra-{i:02}" for i in range(3))}
