"""In-memory merging of an accord and its later news: the grouping and the roles do not
depend on the order the records came in."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import pytest

from pactwatch.resolve import merge as mg


def _item(rid: str, status: str, day: str, text: str, **kw) -> mg.MergeItem:
    fields = {
        "type": "accord",
        "parties": ("IND", "RUS"),
        "kind": "contract",
        "title": "AK-203 contract",
        "item": "AK-203 assault rifle",
        **kw,
    }
    return mg.MergeItem(
        id=rid, doc=f"doc-{rid}", status=status, day=date.fromisoformat(day).toordinal(), text=text, **fields
    )


SIGNING = _item("signing", "signed", "2021-12-06", "India and Russia signed a contract for AK-203 rifles.")
PRODUCTION = _item("production", "signed", "2023-01-20", "Indo-Russia Rifles began production at Korwa.")
DELIVERIES = _item("deliveries", "ongoing", "2024-07-01", "delivered the first batch of 35,000 rifles")
OTHER = _item(
    "s400", "ongoing", "2024-02-01", "S-400 deliveries delayed", title="S-400 deal", item="S-400", kind="deal"
)
ITEMS = [SIGNING, PRODUCTION, DELIVERIES, OTHER]


def _groups(assignment: dict[str, str]) -> set[frozenset[str]]:
    by_event: dict[str, set[str]] = {}
    for rid, ev in assignment.items():
        by_event.setdefault(ev, set()).add(rid)
    return {frozenset(g) for g in by_event.values()}


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))), ids=lambda o: "".join(map(str, o)))
def test_grouping_in_any_order(order) -> None:
    groups = _groups(mg.cluster([ITEMS[i] for i in order]))
    assert groups == {frozenset({"signing", "production", "deliveries"}), frozenset({"s400"})}


def test_a_different_judgement_is_kept() -> None:
    different = {"deliveries": {"signing"}, "signing": {"deliveries"}}
    groups = _groups(mg.cluster([DELIVERIES, SIGNING], different=different))
    assert groups == {frozenset({"signing"}), frozenset({"deliveries"})}


def test_roles_follow_the_members_not_the_order() -> None:
    with_signing = mg.roles([DELIVERIES, PRODUCTION, SIGNING])
    assert with_signing == {"signing": "report", "production": "update", "deliveries": "update"}
    # without the signing, all of it is news waiting for its accord
    assert mg.roles([DELIVERIES, PRODUCTION]) == {"production": "update", "deliveries": "update"}
    # news at the signing itself (within DATE_WINDOW days) reports it
    near = replace(DELIVERIES, day=SIGNING.day + 2)
    assert mg.roles([SIGNING, near]) == {"signing": "report", "deliveries": "report"}


def test_only_a_signing_takes_news_in() -> None:
    assert mg.is_anchor(SIGNING) and not mg.is_anchor(PRODUCTION) and not mg.is_anchor(DELIVERIES)
    placed = [replace(DELIVERIES, event="E1")]
    assert mg.adoptable(replace(SIGNING, event="E0"), placed) == ["E1"]
    assert mg.adoptable(replace(PRODUCTION, event="E0"), placed) == []
    same_doc = replace(SIGNING, doc=DELIVERIES.doc, event="E0")  # one document never reports twice
    assert not mg.adopts(same_doc, placed, [])
