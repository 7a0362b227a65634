"""A record with a full date looks at full-date candidates only within the date window,
and at month-dated or undated ones across the month: what can merge still merges, and a
dense block of far full dates no longer hides a match."""

from __future__ import annotations

import pytest

from pactwatch.register import Register
from pactwatch.resolve import merge as mg

TEXT = "India and Russia signed the rifle contract for AK-203 rifles."


def _accord(extraction, source: str, published: str, date: str | None, title: str = "AK-203 rifle contract"):
    rec = {"type": "accord", "kind": "contract", "parties": ["IND", "RUS"], "title": title, "item": "rifle"}
    if date:
        rec["date"] = date
    return extraction(source, f"{TEXT} ({source})", published, [rec])


def _events(reg: Register) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in reg.events(limit=100).items:
        out[e.id] = {s.source for s in reg.event(e.id).sources}
    return out


def test_full_dates_merge_with_coarse_dates_across_the_month(db_url: str, extraction) -> None:
    reg = Register(db_url)
    reg.ingest_extractions(
        [
            _accord(extraction, "a/exact", "2021-12-06", "2021-12-06"),
            _accord(extraction, "b/month", "2021-12-20", "2021-12"),  # 14 days off, month precision
            _accord(extraction, "c/undated", "2021-12-11", None),  # published 5 days later
        ]
    )
    assert sorted(sorted(g) for g in _events(reg).values()) == [["a/exact", "b/month", "c/undated"]]


def test_full_dates_beyond_the_window_stay_apart(db_url: str, extraction) -> None:
    reg = Register(db_url)
    reg.ingest_extractions(
        [
            _accord(extraction, "a/exact", "2021-12-06", "2021-12-06"),
            _accord(extraction, "d/far", "2021-12-20", "2021-12-20"),  # a full date 14 days off
        ]
    )
    assert sorted(sorted(g) for g in _events(reg).values()) == [["a/exact"], ["d/far"]]


def test_a_dense_block_of_far_dates_does_not_hide_the_match(
    db_url: str, extraction, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mg, "MAX_CANDIDATES", 3)
    reg = Register(db_url)
    target = _accord(extraction, "a/first", "2021-12-06", "2021-12-06")
    noise = [  # newer full-date accords of the same parties, outside the 3-day window
        _accord(extraction, f"n/{k}", "2021-12-20", f"2021-12-{10 + k:02d}", title=f"deal number {k}")
        for k in range(8)
    ]
    reg.ingest_extractions([target, *noise, _accord(extraction, "z/second", "2021-12-07", "2021-12-07")])
    groups = sorted(sorted(g) for g in _events(reg).values())
    assert ["a/first", "z/second"] in groups


def test_an_analysts_same_outlives_the_date_window(db_url: str, extraction) -> None:
    reg = Register(db_url)
    a = _accord(extraction, "a/exact", "2021-12-06", "2021-12-06")
    d = _accord(extraction, "d/far", "2021-12-16", "2021-12-16")  # ten days apart: two events
    reg.ingest_extractions([a, d])
    first, second = sorted(_events(reg), key=lambda e: sorted(_events(reg)[e]))
    reg.merge_same(first, second, who="ana")
    assert sorted(sorted(g) for g in _events(reg).values()) == [["a/exact", "d/far"]]
    # a newer extractor reads both documents again: the judgement still joins them
    again = [
        extraction(
            ex.document.source, ex.document.text, "2021-12-06", [r.to_dict() for r in ex.records], "test/2"
        )
        for ex in (a, d)
    ]
    reg.ingest_extractions(again)
    assert sorted(sorted(g) for g in _events(reg).values()) == [["a/exact", "d/far"]]
