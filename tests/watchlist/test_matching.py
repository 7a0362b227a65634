"""Matching rules of a watch against event views (pure; no database), the checks on a
new watch, and the event hash that decides what counts as a change."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pactwatch.errors import UsageError
from pactwatch.store.views import EventDetail, EventSummary, EvidenceView, SourceView
from pactwatch.watchlist import Watch, event_hash, matches, new_watch

AK = EventSummary(
    id="E1",
    type="accord",
    kind="contract",
    status="signed",
    date="2021-12-06",
    parties=("IND", "RUS"),
    title="AK-203 contract",
    item="AK-203 assault rifle",
    quantity=601427,
    place="New Delhi",
    n_sources=2,
    n_records=2,
    current_status="first deliveries",
)


def w(**kw: object) -> Watch:
    return Watch(id=1, name="w", **kw)  # type: ignore[arg-type]


CASES = [
    ("party-one", w(parties=("IND",)), True),
    ("party-lowercase-code", w(parties=("ind",)), True),
    ("party-all-of-two", w(parties=("IND", "RUS")), True),
    ("party-missing", w(parties=("IND", "USA")), False),
    ("type", w(type="accord"), True),
    ("type-other", w(type="meeting"), False),
    ("status", w(status="signed"), True),
    ("status-current", w(status="first deliveries"), True),
    ("status-other", w(status="cancelled"), False),
    ("item-word", w(item="rifle"), True),
    ("item-case", w(item="ak-203"), True),
    ("item-other", w(item="frigate"), False),
    ("kind", w(kind="contract"), True),
    ("kind-other", w(kind="summit"), False),
    ("since-before", w(since="2021"), True),
    ("since-same-day", w(since="2021-12-06"), True),
    ("since-after", w(since="2022-01"), False),
    ("text-title-word", w(text="contract"), True),
    ("text-country-name", w(text="russia"), True),
    ("text-prefix", w(text="rifl"), True),
    ("text-all-words", w(text="rifle delhi"), True),
    ("text-one-word-missing", w(text="rifle tokyo"), False),
    ("all-criteria", w(parties=("IND",), type="accord", status="signed", item="rifle"), True),
    ("one-criterion-fails", w(parties=("IND",), type="accord", item="tank"), False),
]


@pytest.mark.parametrize("watch,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_matches_summary(watch: Watch, expected: bool) -> None:
    assert matches(watch, AK) is expected


def test_since_needs_a_date() -> None:
    assert not matches(w(since="2000"), replace(AK, date=None))


DETAIL = EventDetail(
    AK,
    {"item": "AK-203 assault rifle"},
    {},
    (),
    (),
    (
        SourceView(
            "hindu/1",
            "d1",
            None,
            "hindu",
            "2021-12-06",
            "r1",
            "report",
            "signed",
            "2021-12-06",
            "test/1",
            (EvidenceView(0, 30, "made at Korwa in Amethi"),),
        ),
    ),
    (),
    (),
)

TEXT_CASES = [
    ("summary-only-misses-evidence", AK, None, False),
    ("detail-evidence", DETAIL, None, True),
    ("extra-text", AK, "production at Korwa", True),
]


@pytest.mark.parametrize("event,text,expected", [c[1:] for c in TEXT_CASES], ids=[c[0] for c in TEXT_CASES])
def test_text_searches_evidence(event: EventSummary | EventDetail, text: str | None, expected: bool) -> None:
    assert matches(w(text="korwa"), event, text=text) is expected


NEW_CASES = [
    ("default-name", {"parties": ["ind"], "item": "rifle"}, "party:IND item:rifle"),
    ("given-name", {"name": "rifles", "parties": ["IND"]}, "rifles"),
    ("type-lowercased", {"type": "Accord"}, "type:accord"),
    ("since-month", {"since": "2021-12"}, "since:2021-12"),
]


@pytest.mark.parametrize("kw,name", [c[1:] for c in NEW_CASES], ids=[c[0] for c in NEW_CASES])
def test_new_watch(kw: dict[str, object], name: str) -> None:
    assert new_watch(**kw).name == name  # type: ignore[arg-type]


BAD_CASES = [
    ("no-criteria", {}),
    ("blank-criteria", {"item": "  ", "parties": [" "]}),
    ("bad-type", {"type": "treaty"}),
    ("bad-since", {"since": "Dec 2021"}),
    ("webhook-not-http", {"item": "rifle", "webhook": "file:///etc/passwd"}),
    ("webhook-credentials", {"item": "rifle", "webhook": "https://u:p@example.org/h"}),
    ("name-too-long", {"name": "x" * 201, "item": "rifle"}),
]


@pytest.mark.parametrize("kw", [c[1] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES])
def test_new_watch_refuses(kw: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        new_watch(**kw)  # type: ignore[arg-type]


HASH_CASES = [
    ("more-sources-same-facts", replace(AK, n_sources=5, n_records=7), {}, True),
    ("status-moved-on", replace(AK, current_status="cancelled"), {}, False),
    ("quantity", replace(AK, quantity=600000), {}, False),
    ("merged-field", AK, {"via": "Rosoboronexport"}, False),
]


@pytest.mark.parametrize("other,fields,same", [c[1:] for c in HASH_CASES], ids=[c[0] for c in HASH_CASES])
def test_event_hash(other: EventSummary, fields: dict[str, object], same: bool) -> None:
    assert (event_hash(AK, {}) == event_hash(other, fields)) is same
