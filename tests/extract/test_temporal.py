"""Tables for pactwatch.extract.temporal: dates, periods, ordinals and recurrence."""

from __future__ import annotations

from datetime import date

import pytest

from pactwatch.extract.temporal import find_dates, find_ordinals, find_periods, find_recurrence, resolve_date
from pactwatch.model import Period

MON = date(2021, 12, 6)  # a Monday
WED = date(2023, 5, 24)
JUL = date(2024, 7, 8)

# (id, expression, anchor, tense, expected value)
RESOLVE = [
    # anchored days
    ("today", "today", MON, None, "2021-12-06"),
    ("tonight", "tonight", MON, None, "2021-12-06"),
    ("this-morning", "this morning", MON, None, "2021-12-06"),
    ("this-afternoon", "this afternoon", MON, None, "2021-12-06"),
    ("this-evening", "this evening", MON, None, "2021-12-06"),
    ("yesterday", "yesterday", MON, None, "2021-12-05"),
    ("tomorrow", "tomorrow", MON, None, "2021-12-07"),
    ("tomorrow-month-edge", "tomorrow", date(2021, 12, 31), None, "2022-01-01"),
    # weekdays
    ("on-monday-same-day-past", "on Monday", MON, "past", "2021-12-06"),
    ("on-monday-same-day-none", "on Monday", MON, None, "2021-12-06"),
    ("on-monday-same-day-future", "on Monday", MON, "future", "2021-12-06"),
    ("on-friday-past", "on Friday", MON, "past", "2021-12-03"),
    ("on-friday-future", "on Friday", MON, "future", "2021-12-10"),
    ("on-wednesday-future-from-wed", "on Wednesday", WED, "future", "2023-05-24"),
    ("bare-weekday", "said Thursday", MON, None, "2021-12-02"),
    ("capital-on", "On Tuesday", MON, "past", "2021-11-30"),
    ("last-monday", "last Monday", MON, None, "2021-11-29"),
    ("next-monday", "next Monday", MON, None, "2021-12-13"),
    # weeks, months, years
    ("last-week", "last week", MON, None, "2021-11"),
    ("last-week-same-month", "last week", date(2021, 12, 20), None, "2021-12"),
    ("this-week", "this week", MON, None, "2021-12"),
    ("next-week", "next week", date(2021, 12, 28), None, "2022-01"),
    ("last-month", "last month", MON, None, "2021-11"),
    ("last-month-january", "last month", date(2022, 1, 10), None, "2021-12"),
    ("this-month", "this month", MON, None, "2021-12"),
    ("next-month", "next month", MON, None, "2022-01"),
    ("last-year", "last year", MON, None, "2020"),
    ("this-year", "this year", MON, None, "2021"),
    ("next-year", "next year", MON, None, "2022"),
    ("earlier-this-year", "earlier this year", MON, None, "2021"),
    ("early-next-year", "early next year", MON, None, "2022"),
    ("end-of-year", "by the end of the year", MON, "future", "2021"),
    ("this-autumn", "this autumn", JUL, None, "2024"),
    ("this-spring", "this spring", JUL, None, "2024"),
    ("this-summer", "this summer", JUL, None, "2024"),
    ("this-winter", "this winter", JUL, None, "2024"),
    # month names without a year
    ("last-november", "last November", JUL, None, "2023-11"),
    ("last-november-in-december", "last November", date(2024, 12, 2), None, "2024-11"),
    ("in-march-past", "in March", WED, "past", "2023-03"),
    ("in-march-none", "in March", WED, None, "2023-03"),
    ("in-october-future", "in October", date(2023, 7, 10), "future", "2023-10"),
    ("in-october-past", "in October", date(2023, 7, 10), "past", "2022-10"),
    ("in-march-future-next-year", "in March", date(2023, 7, 10), "future", "2024-03"),
    ("next-may", "next May", WED, None, "2024-05"),
    ("mid-month", "in mid-June", JUL, None, "2024-06"),
    # month and day without a year
    ("jan-6-nearest", "Jan. 6", MON, None, "2022-01-06"),
    ("jan-6-past", "Jan. 6", MON, "past", "2021-01-06"),
    ("jan-6-future", "Jan. 6", date(2022, 1, 3), "future", "2022-01-06"),
    ("day-month-past", "on 2 December", MON, "past", "2021-12-02"),
    ("the-nth-of", "the 21st of November", MON, "past", "2021-11-21"),
    ("month-day-nearest-back", "November 28", MON, None, "2021-11-28"),
    # ranges within a month
    ("between-range", "between 5 and 9 December", MON, None, "2021-12"),
    ("dash-range", "5-9 December", MON, None, "2021-12"),
    ("en-dash-range-year", "5–9 December 2022", MON, None, "2022-12"),
    ("month-first-range", "December 5-9, 2022", MON, None, "2022-12"),
    # absolute
    ("month-day-year", "February 18, 2019", MON, None, "2019-02-18"),
    ("day-month-year", "18 February 2019", MON, None, "2019-02-18"),
    ("day-month-year-1985", "19 September 1985", MON, None, "1985-09-19"),
    ("day-month-year-1987", "9 June 1987", MON, None, "1987-06-09"),
    ("day-first-slash", "29/05/2015", MON, None, "2015-05-29"),
    ("iso", "2024-11-19", MON, None, "2024-11-19"),
    ("month-year", "December 2022", MON, None, "2022-12"),
    ("in-year", "in 1991", MON, None, "1991"),
    ("since-year", "since 2019", MON, None, "2019"),
    ("bare-year-expression", "1991", MON, None, "1991"),
    ("month-day-year-2024", "April 11, 2024", MON, None, "2024-04-11"),
    ("abbrev-month", "Sept. 3, 2020", MON, None, "2020-09-03"),
    ("weekday-prefixed", "Monday, December 6, 2021", date(2022, 3, 1), None, "2021-12-06"),
    ("ordinal-day", "the 3rd of March 2020", MON, None, "2020-03-03"),
    ("absolute-without-anchor", "18 February 2019", None, None, "2019-02-18"),
    ("impossible-day-keeps-month", "31 February 2019", MON, None, "2019-02"),
]


@pytest.mark.parametrize(
    ("expr", "anchor", "tense", "expected"), [c[1:] for c in RESOLVE], ids=[c[0] for c in RESOLVE]
)
def test_resolve_date(expr: str, anchor: date | None, tense: str | None, expected: str) -> None:
    assert resolve_date(expr, anchor, tense=tense) == expected


RESOLVE_NONE = [
    ("we", "We"),
    ("the-21st", "the 21st"),
    ("year-span", "2021-31"),
    ("period-words", "from 2021 to 2031"),
    ("annually", "annually"),
    ("two-decades", "the past two decades"),
    ("modal-may", "this may help"),
    ("model-code", "AK-203"),
    ("relative-without-anchor", "on Monday"),
]


@pytest.mark.parametrize("expr", [c[1] for c in RESOLVE_NONE], ids=[c[0] for c in RESOLVE_NONE])
def test_resolve_date_none(expr: str) -> None:
    anchor = None if expr == "on Monday" else MON
    assert resolve_date(expr, anchor) is None


# (id, text, [(matched text, value, relative), ...])
FIND_DATES = [
    (
        "sentence",
        "Ministers met on Monday and renewed the pact of February 18, 2019 for 2021-31.",
        [("on Monday", "2021-12-06", True), ("February 18, 2019", "2019-02-18", False)],
    ),
    ("we-and-21st", "We attended the 21st summit.", []),
    ("year-needs-lead", "The 2019 deal was renewed in 2021.", [("2021", "2021", False)]),
    (
        "weekday-with-date",
        "On Tuesday, 7 December 2021, they met.",
        [("Tuesday, 7 December 2021", "2021-12-07", False)],
    ),
    (
        "two-relative",
        "signed yesterday, to meet next week",
        [
            ("yesterday", "2021-12-05", True),
            ("next week", "2021-12", True),
        ],
    ),
    ("period-not-date", "from 2021 to 2031", []),
    ("full-month-takes-no-dot", "between 5 and 9 December.", [("between 5 and 9 December", "2021-12", True)]),
    ("lead-word-outside-span", "In May they met.", [("May", "2021-05", True)]),
    ("modal-may", "This may help.", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in FIND_DATES], ids=[c[0] for c in FIND_DATES])
def test_find_dates(text: str, expected: list[tuple[str, str, bool]]) -> None:
    found = find_dates(text, MON)
    assert [(d.text, d.value, d.relative) for d in found] == expected
    for d in found:
        assert text[d.start : d.end] == d.text


def test_find_dates_tense_changes_weekday() -> None:
    text = "They will meet on Friday."
    assert [d.value for d in find_dates(text, MON, tense="future")] == ["2021-12-10"]
    assert [d.value for d in find_dates(text, MON, tense="past")] == ["2021-12-03"]


def test_find_dates_without_anchor_keeps_absolute_only() -> None:
    found = find_dates("on Monday, and on 18 February 2019", None)
    assert [d.value for d in found] == ["2019-02-18"]


PERIODS = [
    ("short-end", "the 2021-31 programme", "2021", "2031"),
    ("short-end-2", "in 2015-18", "2015", "2018"),
    ("en-dash", "the 2018–2024 plan", "2018", "2024"),
    ("to", "2021 to 2025", "2021", "2025"),
    ("from-to", "from 2021 to 2031", "2021", "2031"),
    ("full-hyphen", "2015-2018", "2015", "2018"),
    ("for-the-years", "for the years 2021-2025", "2021", "2025"),
    ("between-and", "between 2021 and 2025", "2021", "2025"),
    ("fiscal-slash", "the 2023/24 budget", "2023", "2024"),
]


@pytest.mark.parametrize(("text", "start", "end"), [c[1:] for c in PERIODS], ids=[c[0] for c in PERIODS])
def test_find_periods(text: str, start: str, end: str) -> None:
    found = find_periods(text)
    assert [p.period for p in found] == [Period(start, end)]
    assert text[found[0].start : found[0].end] == found[0].text


PERIODS_NONE = [
    ("two-plus-two", "the 2+2 dialogue"),
    ("model-code", "AK-203 rifles"),
    ("phone", "call 2021-3145"),
    ("iso-date", "on 2024-11-19"),
    ("end-before-start", "2021-19"),
    ("too-long", "2000-2090"),
    ("and-without-between", "in 2019 and 2021"),
    ("slash-date", "29/05/2015"),
    ("calibre", "7.63x39mm"),
]


@pytest.mark.parametrize("text", [c[1] for c in PERIODS_NONE], ids=[c[0] for c in PERIODS_NONE])
def test_find_periods_none(text: str) -> None:
    assert find_periods(text) == []


ORDINALS = [
    ("digits-st", "the 21st annual summit", 21),
    ("digits-nd", "the 2nd round", 2),
    ("digits-rd", "the 3rd meeting", 3),
    ("digits-th", "the 15th session", 15),
    ("twenty-first", "the twenty-first summit", 21),
    ("twenty-first-spaced", "the twenty first summit", 21),
    ("first", "the first visit", 1),
    ("second", "a second round", 2),
    ("third", "the third meeting", 3),
    ("tenth", "the Tenth Commission", 10),
    ("thirtieth", "the thirtieth anniversary", 30),
]


@pytest.mark.parametrize(("text", "value"), [c[1:] for c in ORDINALS], ids=[c[0] for c in ORDINALS])
def test_find_ordinals(text: str, value: int) -> None:
    found = find_ordinals(text)
    assert [v for _, _, v in found] == [value]
    start, end, _ = found[0]
    assert text[start:end].lower() in text.lower()


ORDINALS_NONE = [
    ("cardinal", "21 agreements"),
    ("code", "AK-203"),
    ("year", "in 2021"),
]


@pytest.mark.parametrize("text", [c[1] for c in ORDINALS_NONE], ids=[c[0] for c in ORDINALS_NONE])
def test_find_ordinals_none(text: str) -> None:
    assert find_ordinals(text) == []


RECURRENCE = [
    ("annually", "the commission meets annually", "annual"),
    ("annual", "the annual summit", "annual"),
    ("every-year", "held every year", "annual"),
    ("each-year", "each year in Delhi", "annual"),
    ("yearly", "a yearly dialogue", "annual"),
    ("biennial", "a biennial conference", "biennial"),
    ("every-two-years", "it meets every two years", "biennial"),
    ("monthly", "monthly consultations", "monthly"),
    ("quarterly", "quarterly reviews", "quarterly"),
    ("weekly", "weekly calls", "weekly"),
    ("twice-a-year", "meets twice a year", "semiannual"),
    ("semi-annual", "a semi-annual review", "semiannual"),
]


@pytest.mark.parametrize(("text", "label"), [c[1:] for c in RECURRENCE], ids=[c[0] for c in RECURRENCE])
def test_find_recurrence(text: str, label: str) -> None:
    found = find_recurrence(text)
    assert [lab for _, _, lab in found] == [label]
    start, end, _ = found[0]
    assert start < end <= len(text)


RECURRENCE_NONE = [
    ("year-alone", "last year"),
    ("anniversary", "the anniversary of the treaty"),
    ("years", "for years"),
]


@pytest.mark.parametrize("text", [c[1] for c in RECURRENCE_NONE], ids=[c[0] for c in RECURRENCE_NONE])
def test_find_recurrence_none(text: str) -> None:
    assert find_recurrence(text) == []


def test_annually_is_recurrence_not_date() -> None:
    assert find_dates("they meet annually", MON) == []
    assert [lab for _, _, lab in find_recurrence("they meet annually")] == ["annual"]
