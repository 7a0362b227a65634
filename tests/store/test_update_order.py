"""Later news about an accord (production, deliveries, delays) stored before the accord
itself: when the signing arrives it takes the news in, so the register is the same
whichever order the documents came in."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from pactwatch.register import Register
from pactwatch.store import tables as t

AK = {
    "type": "accord",
    "kind": "contract",
    "parties": ["IND", "RUS"],
    "title": "AK-203 contract",
    "item": "AK-203 assault rifle",
}
DOCS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "signing": (
        "India and Russia on Monday signed a contract for 601,427 AK-203 rifles.",
        "2021-12-06",
        {**AK, "date": "2021-12-06", "quantity": 601427},
    ),
    "production": (
        "Indo-Russia Rifles began production of AK-203 rifles at Korwa under the 2021 contract.",
        "2023-01-20",
        {**AK, "date": "2023-01-20"},
    ),
    "deliveries": (
        "Indo-Russia Rifles delivered the first batch of 35,000 AK-203 assault rifles to the Army.",
        "2024-07-01",
        {**AK, "status": "ongoing", "date": "2024-07-01", "quantity": 35000},
    ),
    "delay": (
        "Deliveries of the AK-203 rifles under the contract are delayed by a year, officials said.",
        "2025-03-03",
        {**AK, "status": "ongoing", "date": "2025-03-03"},
    ),
}


def _docs(extraction, names) -> list:
    return [extraction(f"news/{n}", DOCS[n][0], DOCS[n][1], [DOCS[n][2]]) for n in names]


def _register(tmp_path: Path, name: str, extractions) -> Register:
    reg = Register(f"sqlite:///{tmp_path / name}.sqlite")
    for ex in extractions:  # one call per document: the orders are the ones written
        reg.ingest_extractions([ex])
    return reg


def _picture(reg: Register) -> dict[frozenset[str], dict[str, Any]]:
    """Each event by the sources it groups: everything but its id."""
    out = {}
    for s in reg.events(limit=100).items:
        ev = reg.event(s.id)
        out[frozenset(src.source for src in ev.sources)] = {
            "roles": sorted((src.source, src.role) for src in ev.sources),
            "history": [(h["date"], h["status"], h["source"]) for h in ev.history],
            "status": ev.summary.status,
            "current_status": ev.summary.current_status,
            "fields": ev.fields,
            "n_records": ev.summary.n_records,
        }
    return out


ORDERS = [
    ("signing", "production", "deliveries", "delay"),
    ("deliveries", "signing"),
    ("delay", "deliveries", "production", "signing"),
    ("deliveries", "signing", "delay", "production"),
    ("production", "delay", "signing", "deliveries"),
]


@pytest.mark.parametrize("order", ORDERS[1:], ids=lambda o: "-".join(o))
def test_the_register_does_not_depend_on_the_order(tmp_path: Path, extraction, order) -> None:
    reference = _register(tmp_path, "reference", _docs(extraction, [n for n in ORDERS[0] if n in order]))
    other = _register(tmp_path, "other", _docs(extraction, order))
    assert _picture(other) == _picture(reference)
    assert len(_picture(other)) == 1  # one accord, its news as dated status updates


def test_news_first_then_the_accord(db_url: str, extraction) -> None:
    reg = Register(db_url)
    reg.ingest_extractions(_docs(extraction, ["deliveries", "delay"]))
    orphan = reg.document("news/deliveries").records[0]["event_id"]
    before = reg.event(orphan)
    assert before.summary.title == "AK-203 contract"  # on its own, the news gives the fields
    assert {s.role for s in before.sources} == {"update"} and before.summary.current_status == "delayed"
    reg.ingest_extractions(_docs(extraction, ["signing"]))
    signing = reg.document("news/signing").records[0]["event_id"]
    assert signing != orphan and reg.events().total == 1
    ev = reg.event(orphan)  # the old id resolves to the accord's event
    assert ev.summary.id == signing
    assert [(h["date"], h["status"]) for h in ev.history] == [
        ("2021-12-06", "signed"),
        ("2024-07-01", "first deliveries"),
        ("2025-03-03", "delayed"),
    ]
    assert ev.summary.status == "signed" and ev.summary.current_status == "delayed"
    assert ev.fields["quantity"] == 601427  # the update's 35,000 is not a conflicting figure
    assert sorted((s.source, s.role) for s in ev.sources) == [
        ("news/delay", "update"),
        ("news/deliveries", "update"),
        ("news/signing", "report"),
    ]
    with reg.engine.connect() as conn:
        rows = conn.execute(select(t.status_updates.c.status).where(t.status_updates.c.event_id == orphan))
        assert rows.all() == []


def test_news_about_another_accord_stays_apart(db_url: str, extraction) -> None:
    reg = Register(db_url)
    other = {**AK, "title": "S-400 deal", "item": "S-400 air defence system", "kind": "deal"}
    news = extraction(
        "news/s400", "The S-400 deliveries are delayed.", "2024-02-01", [{**other, "status": "ongoing"}]
    )
    reg.ingest_extractions([news, *_docs(extraction, ["signing"])])
    assert reg.events().total == 2
    assert reg.event(reg.document("news/s400").records[0]["event_id"]).summary.title == "S-400 deal"


def test_a_different_judgement_keeps_the_news_out(db_url: str, extraction) -> None:
    reg = Register(db_url)
    signing, deliveries = _docs(extraction, ["signing", "deliveries"])
    reg.ingest_extractions([signing, deliveries])
    rec = {n: reg.document(f"news/{n}").records[0] for n in ("signing", "deliveries")}
    assert rec["signing"]["event_id"] == rec["deliveries"]["event_id"]
    reg.merge_different(rec["signing"]["id"], rec["deliveries"]["id"], who="ana")
    # the signing stored again (a new extractor): it does not take the news back
    reg.ingest_extractions([replace(signing, extractor="test/2")])
    assert reg.events().total == 2
    assert (
        reg.document("news/signing").records[0]["event_id"]
        != reg.document("news/deliveries").records[0]["event_id"]
    )


def test_an_analyst_merge_makes_the_news_an_update(db_url: str, extraction) -> None:
    reg = Register(db_url)
    signing = extraction(
        "news/signing", DOCS["signing"][0], "2021-12-06", [{**DOCS["signing"][2], "title": "rifle deal"}]
    )
    reg.ingest_extractions([*_docs(extraction, ["deliveries"]), signing])
    ids = [reg.document(f"news/{n}").records[0]["event_id"] for n in ("signing", "deliveries")]
    assert ids[0] != ids[1]  # the title is too different for the machine
    merged = reg.merge_same(ids[0], ids[1], who="ana")
    ev = reg.event(merged)
    assert sorted((s.source, s.role) for s in ev.sources) == [
        ("news/deliveries", "update"),
        ("news/signing", "report"),
    ]
    assert ev.summary.current_status == "first deliveries" and ev.fields["title"] == "rifle deal"


def test_every_order_of_three_documents(tmp_path: Path, extraction) -> None:
    pictures = []
    for i, order in enumerate(itertools.permutations(["signing", "production", "deliveries"])):
        pictures.append(_picture(_register(tmp_path, f"r{i}", _docs(extraction, order))))
    assert all(p == pictures[0] for p in pictures) and len(pictures[0]) == 1
