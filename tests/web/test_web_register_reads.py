"""The reads the web app makes through ``Register`` (``store.queries``): pair counts,
partners, people, the review log, counts, a record's event, document texts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pactwatch.register import Register


@pytest.fixture
def reg(env: Any) -> Iterator[Register]:
    with Register(env.url) as r:
        yield r


def test_pair_counts(reg: Register) -> None:
    assert reg.pair_counts() == [("IND", "RUS", 2), ("KEN", "VNM", 1)]
    assert reg.pair_counts(limit=1) == [("IND", "RUS", 2)]
    assert reg.pair_counts(party="KEN") == [("KEN", "VNM", 1)]
    assert reg.pair_counts(party="FRA") == []


def test_partners(reg: Register) -> None:
    assert reg.partners("RUS") == [("IND", 2)]
    assert reg.partners("VNM") == [("KEN", 1)]
    assert reg.partners("FRA") == []


def test_people(reg: Register, env: Any) -> None:
    people = reg.people([env.ids["ak"], env.ids["talks"]])
    names = {name: n for _, name, n in people}
    assert names["Sergei Shoigu"] == 3  # in both AK-203 sources and in the talks
    assert names["Rajnath Singh"] == 1
    assert people[0][1] == "Sergei Shoigu"  # most mentioned first
    assert reg.people([env.ids["ak"]], limit=1)[0][1] == "Sergei Shoigu"
    assert reg.people([]) == [] and reg.people([env.ids["evil"]]) == []


def test_review_log(reg: Register, env: Any) -> None:
    assert reg.review_log().total == 0
    reg.review(env.ids["ak"], "confirm", who="alice")
    reg.review(env.ids["talks"], "note", {"note": "check the date"}, who="bob")
    log = reg.review_log()
    assert log.total == 2
    assert [(r.target, r.action, r.who) for r in log.items] == [
        (env.ids["talks"], "note", "bob"),
        (env.ids["ak"], "confirm", "alice"),
    ]
    second = reg.review_log(limit=1, offset=1)
    assert [r.who for r in second.items] == ["alice"] and second.total == 2


def test_counts(reg: Register) -> None:
    assert reg.counts() == {"accord": 2, "meeting": 1, "documents": 4}


def test_event_for_record(reg: Register, env: Any) -> None:
    detail = reg.event(env.ids["ak"])
    record_id = detail.sources[0].record_id
    assert reg.event_for_record(record_id) == env.ids["ak"]
    assert reg.event_for_record(env.ids["ak"]) is None  # an event id names no record
    assert reg.event_for_record("nope") is None


def test_document_texts(reg: Register, env: Any) -> None:
    from tests.web.conftest import TEXT_HD, TEXT_TALKS

    hd, talks = env.ids["doc:hindustan/1"], env.ids["doc:tribune/3"]
    texts = reg.document_texts([hd, talks, "missing"])
    assert set(texts) == {hd, talks}
    assert texts[hd][0] == TEXT_HD and texts[talks][0] == TEXT_TALKS
    assert reg.document_texts([]) == {}
