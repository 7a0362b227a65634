"""Cross-source merging: the merge score on the hand-written corpus (a floor that only
goes up), conflicts with a preferred value, links, status updates, analyst judgements."""

from __future__ import annotations

import random

import pytest

from pactwatch.register import Register
from pactwatch.resolve import merge as mg
from pactwatch.resolve.evaluate import cluster_extractions, merge_score

F1_FLOOR = 0.9


def _store_assignment(reg: Register, extractions) -> dict[str, str]:
    pred = {}
    for ex in extractions:
        for i, r in enumerate(reg.document(ex.document.source).records):
            pred[f"{ex.document.source}#{i}"] = r["event_id"]
    return pred


def test_merge_score_in_the_store(db_url: str, merge_corpus) -> None:
    extractions, gold = merge_corpus
    reg = Register(db_url)
    reg.ingest_extractions(extractions)
    score = merge_score(gold, _store_assignment(reg, extractions))
    assert score.f1 >= F1_FLOOR, score.to_dict()


@pytest.mark.parametrize("seed", [0, 1, 2, 3], ids=lambda s: f"order-{s}")
def test_merge_score_in_any_order(merge_corpus, seed: int) -> None:
    extractions, gold = merge_corpus
    shuffled = list(extractions)
    random.Random(seed).shuffle(shuffled)
    score = merge_score(gold, cluster_extractions(shuffled))
    assert score.f1 >= F1_FLOOR, score.to_dict()


@pytest.mark.parametrize(
    "gold,pred,f1",
    [
        ({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "x", "c": "y"}, 1.0),
        ({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "y", "c": "z"}, 0.0),
        ({"a": "1", "b": "1", "c": "1"}, {"a": "x", "b": "x", "c": "y"}, 0.5),
    ],
    ids=["perfect", "all-split", "one-of-three-pairs"],
)
def test_merge_score_function(gold, pred, f1) -> None:
    assert merge_score(gold, pred).f1 == pytest.approx(f1)


def _ak(reg: Register, merge_corpus) -> object:
    extractions, _ = merge_corpus
    reg.ingest_extractions(extractions)
    eid = reg.document("fixtures/merge/ak203-wire.txt").records[0]["event_id"]
    return reg.event(eid)


def test_conflicting_values_are_kept_per_source(db_url: str, merge_corpus) -> None:
    ev = _ak(Register(db_url), merge_corpus)
    q = ev.values["quantity"]
    assert {v["value"] for v in q["values"]} == {601427, 600000}
    assert q["value"] == 601427 and "precise" in q["reason"]
    d = ev.values["date"]
    assert d["value"] == "2021-12-06" and d["reason"] == "reported by 3 of 4 sources"
    assert {"date", "quantity"} <= set(ev.conflicts)
    assert ev.summary.n_sources == 5


def test_later_news_is_a_dated_status_update(db_url: str, merge_corpus) -> None:
    ev = _ak(Register(db_url), merge_corpus)
    update = [h for h in ev.history if h["date"] == "2024-07-01"]
    assert update and update[0]["status"] == "first deliveries" and update[0]["evidence"]
    assert ev.summary.status == "signed" and ev.summary.current_status == "first deliveries"
    assert ev.fields["quantity"] == 601427  # the update's 35,000 is not a conflicting figure


def test_expected_meeting_links_to_the_held_one(db_url: str, merge_corpus) -> None:
    reg = Register(db_url)
    reg.ingest_extractions(merge_corpus[0])
    expected = reg.event(reg.document("fixtures/merge/usjp-preview-dod.txt").records[0]["event_id"])
    held = reg.document("fixtures/merge/usjp-held-dod.txt").records[0]["event_id"]
    assert expected.summary.id != held
    assert [(lk.relation, lk.direction, lk.event_id) for lk in expected.links] == [("fulfils", "in", held)]


def test_amendment_and_mechanism_sessions(db_url: str, extraction) -> None:
    reg = Register(db_url)
    reg.ingest_extractions(
        [
            extraction(
                "a/1",
                "India and Russia signed the Agreement on Military-Technical Cooperation.",
                "2010-12-21",
                [
                    {
                        "type": "accord",
                        "kind": "agreement",
                        "date": "2010-12-21",
                        "parties": ["IND", "RUS"],
                        "title": "Agreement on Military-Technical Cooperation",
                    }
                ],
            ),
            extraction(
                "b/2",
                "A protocol amending the Agreement on Military-Technical Cooperation was signed.",
                "2021-12-06",
                [
                    {
                        "type": "accord",
                        "kind": "protocol",
                        "date": "2021-12-06",
                        "parties": ["IND", "RUS"],
                        "title": "Protocol",
                        "amends": {"title": "Agreement on Military-Technical Cooperation", "date": "2010"},
                    }
                ],
            ),
            extraction(
                "c/3",
                "The India-Russia Intergovernmental Commission meets annually.",
                "2021-11-01",
                [
                    {
                        "type": "mechanism",
                        "kind": "commission",
                        "status": "ongoing",
                        "parties": ["IND", "RUS"],
                        "title": "India-Russia Intergovernmental Commission",
                        "recurrence": "annual",
                    }
                ],
            ),
            extraction(
                "d/4",
                "The 20th session of the India-Russia Intergovernmental Commission was held.",
                "2021-12-06",
                [
                    {
                        "type": "meeting",
                        "kind": "commission",
                        "status": "held",
                        "date": "2021-12-06",
                        "parties": ["IND", "RUS"],
                        "title": "20th India-Russia Intergovernmental Commission",
                        "ordinal": 20,
                    }
                ],
            ),
        ]
    )
    protocol = reg.event(reg.document("b/2").records[0]["event_id"])
    original = reg.document("a/1").records[0]["event_id"]
    assert [(lk.relation, lk.event_id) for lk in protocol.links] == [("amends", original)]
    mech = reg.event(reg.document("c/3").records[0]["event_id"])
    session = reg.document("d/4").records[0]["event_id"]
    assert [(lk.relation, lk.direction, lk.event_id) for lk in mech.links] == [("session_of", "in", session)]
    assert mech.summary.next_due == "2022-12-06"
    from datetime import date

    due = reg.due(today=date(2022, 6, 1))
    assert [(d.due, d.reason, d.event.id) for d in due] == [("2022-12-06", "next session", mech.summary.id)]


def test_analyst_judgements_override_and_persist(db_url: str, merge_corpus) -> None:
    extractions, _ = merge_corpus
    reg = Register(db_url)
    reg.ingest_extractions(extractions)
    two = reg.document("fixtures/merge/dialogue-hindustan.txt").records
    dialogue, summit = two[0]["id"], two[1]["id"]
    e_dialogue, e_summit = two[0]["event_id"], two[1]["event_id"]
    merged = reg.merge_same(e_dialogue, e_summit, who="ana")
    assert reg.event(e_summit).summary.id == merged  # the old id still resolves
    # split one report off again: the machine does not undo the analyst
    a, b = reg.merge_different(dialogue, summit, who="ana")
    assert a != b
    wire = reg.document("fixtures/merge/dialogue-wire.txt").records[0]["id"]
    a2, b2 = reg.merge_different(dialogue, wire, who="bo")
    assert a2 != b2
    # re-ingesting everything (a new extractor) keeps those decisions
    from dataclasses import replace

    reg.ingest_extractions([replace(ex, extractor="test/9") for ex in extractions])
    recs = reg.document("fixtures/merge/dialogue-hindustan.txt").records
    assert recs[0]["event_id"] != recs[1]["event_id"]
    assert reg.document("fixtures/merge/dialogue-wire.txt").records[0]["event_id"] != recs[0]["event_id"]


def test_blocking_keeps_candidates_bounded() -> None:
    """Records of one busy pair over 20 years: each sees only its date window, not all."""
    index = mg.MemoryIndex()
    base = 737000
    for i in range(3000):
        index.add(
            mg.MergeItem(
                id=f"r{i}",
                doc=f"d{i}",
                type="meeting",
                status="held",
                day=base + i * 2,
                parties=("IND", "RUS"),
                event=f"E{i}",
            )
        )
    probe = mg.MergeItem(
        id="p", doc="dp", type="meeting", status="held", day=base + 3000, parties=("IND", "RUS")
    )
    assert len(index.candidates(probe)) <= 40
