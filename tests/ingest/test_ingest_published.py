"""Publication dates: ISO, written-out dates, zone abbreviations, lines in the text."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pactwatch.errors import DateFormatError
from pactwatch.ingest.published import Published, find_published, merge, override, parse_published

IST = timedelta(hours=5, minutes=30)

# value, expected date, expected UTC offset of published_at (None: no moment known)
PARSE_CASES = [
    ("2021-12-06", date(2021, 12, 6), None),
    ("2021-12-06T14:58:00+05:30", date(2021, 12, 6), IST),
    ("2021-12-06 14:58:00", date(2021, 12, 6), None),
    ("2021-12-06T23:30:00Z", date(2021, 12, 6), timedelta(0)),
    ("2024-11-23T08:15:00+12:00", date(2024, 11, 23), timedelta(hours=12)),
    ("Monday, December 06, 2021, 02:58 PM IST", date(2021, 12, 6), IST),
    ("6 December 2021", date(2021, 12, 6), None),
    ("Dec 6, 2021 10:00 BST", date(2021, 12, 6), timedelta(hours=1)),
    ("6 December 2021 23:10 JST", date(2021, 12, 6), timedelta(hours=9)),
    ("July 8, 2024 3:00 PM PHT", date(2024, 7, 8), timedelta(hours=8)),
    ("July 8, 2024 3:00 PM PHST", date(2024, 7, 8), timedelta(hours=8)),
    ("21 Nov 2024 18:00 AEDT", date(2024, 11, 21), timedelta(hours=11)),
    ("2 August 2023 09:00 EDT", date(2023, 8, 2), timedelta(hours=-4)),
    ("12 September 2018 14:00 MSK", date(2018, 9, 12), timedelta(hours=3)),
    ("6 December 2021 14:58 GMT+5:30", date(2021, 12, 6), IST),
    ("6 December 2021 IST", date(2021, 12, 6), None),
]


@pytest.mark.parametrize(("value", "day", "offset"), PARSE_CASES, ids=[c[0] for c in PARSE_CASES])
def test_parse_published(value: str, day: date, offset: timedelta | None) -> None:
    found = parse_published(value, "case")
    assert found is not None
    assert found.date == day
    if offset is None:
        assert found.at is None
    else:
        assert found.at is not None
        assert found.at.utcoffset() == offset
        assert found.at.date() == day  # the local calendar date


@pytest.mark.parametrize(
    "value", [None, "", "null", "None", "  "], ids=["none", "empty", "null", "None", "blank"]
)
def test_absent_date_is_none(value: str | None) -> None:
    assert parse_published(value, "case") is None


BAD_DATES = ["sometime soon", "next Tuesday", "5 hours ago", "2021-13-45", "December 2021", ["2021"]]


@pytest.mark.parametrize("value", BAD_DATES, ids=[repr(v) for v in BAD_DATES])
def test_unreadable_date_names_input_and_line(value: object) -> None:
    with pytest.raises(DateFormatError) as info:
        parse_published(value, "in.jsonl", line=7)
    assert info.value.source == "in.jsonl"
    assert info.value.line == 7
    assert str(info.value).startswith("in.jsonl:7: ")


FIND_CASES = [
    (
        "published-on-ist",
        "Body.\n\nPublished on: Monday, December 06, 2021, 02:58 PM IST\n",
        date(2021, 12, 6),
        IST,
    ),
    ("published-no-colon", "Published 6 December 2021\nBody text here.", date(2021, 12, 6), None),
    ("updated-only", "Body.\nUpdated: 7 December 2021, 10:00 IST", date(2021, 12, 7), IST),
    (
        "published-beats-updated",
        "Updated: 7 December 2021 | Published: 6 December 2021\nBody.",
        date(2021, 12, 6),
        None,
    ),
    ("crlf", "Body.\r\nPublished on: 6 December 2021\r\n", date(2021, 12, 6), None),
]


@pytest.mark.parametrize(
    ("text", "day", "offset"), [c[1:] for c in FIND_CASES], ids=[c[0] for c in FIND_CASES]
)
def test_find_published(text: str, day: date, offset: timedelta | None) -> None:
    found = find_published(text)
    assert found is not None
    assert found.date == day
    assert (found.at.utcoffset() if found.at else None) == offset


NOT_FOUND = [
    ("sentence", "The report was published on Monday by the ministry."),
    ("relative", "Updated: 5 hours ago"),
    ("no-date", "Published by Reuters"),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_FOUND], ids=[c[0] for c in NOT_FOUND])
def test_find_published_none(text: str) -> None:
    assert find_published(text) is None


def test_merge_takes_time_from_text_on_same_day() -> None:
    found = find_published("Published on: Monday, December 06, 2021, 02:58 PM IST")
    assert found is not None
    merged = merge(Published(date(2021, 12, 6)), found)
    assert merged == found
    other_day = merge(Published(date(2021, 12, 5)), found)
    assert other_day == Published(date(2021, 12, 5))


def test_override_keeps_moment_only_on_its_day() -> None:
    found = parse_published("2021-12-06T14:58:00+05:30", "case")
    assert override(found, date(2021, 12, 6)) == found
    assert override(found, date(2022, 1, 1)) == Published(date(2022, 1, 1))


TIMESTAMPS = [(1638782880, date(2021, 12, 6)), (1638782880.5, date(2021, 12, 6))]


@pytest.mark.parametrize(("value", "day"), TIMESTAMPS, ids=["int", "float"])
def test_unix_timestamp_is_utc(value: float, day: date) -> None:
    found = parse_published(value, "case")
    assert found is not None and found.date == day
    assert found.at is not None and found.at.utcoffset() == timedelta(0)


def test_timestamp_out_of_range() -> None:
    with pytest.raises(DateFormatError):
        parse_published(10**20, "case")
