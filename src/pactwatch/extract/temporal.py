"""Dates, periods, ordinals and recurrence in English news text.

Regexes find the expressions; ``dateparser`` (``languages=['en']``) reads the
absolute month-name dates they find. It never searches the whole text (its
``search_dates`` reads "We" and "the 21st" as dates). Word lists are data:
``data/temporal.json``.

Resolution against the anchor (the publication date):

- ``on Monday``: past tense or no tense -> the latest Monday on or before the
  anchor; future -> the first on or after it. ``last Monday`` is strictly
  before, ``next Monday`` strictly after.
- ``last week``/``next week`` -> the month (``YYYY-MM``) of anchor -/+ 7 days.
- ``in March`` (no year): past/None -> the latest March not after the anchor
  month; future -> the first March on or after it. ``last March`` is strictly
  before the anchor month, ``next March`` strictly after.
- ``Jan. 6`` (no year): past -> the latest on or before the anchor, future ->
  the first on or after it, None -> the nearest of the three candidate years.
- ``5-9 December`` (a day range) -> ``YYYY-MM``.
- A bare year is a date only after a lead word (``in 1991``, ``since 2019``);
  a year span (``2021-31``) is a period, never a date.

Anything that needs the anchor is ``relative=True`` and is not reported when
the anchor is None.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from pactwatch.model import Period

__all__ = [
    "DateMatch",
    "PeriodMatch",
    "find_dates",
    "find_ordinals",
    "find_periods",
    "find_recurrence",
    "resolve_date",
]

_DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date in a text: ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""

    start: int
    end: int
    text: str
    value: str
    relative: bool


@dataclass(frozen=True, slots=True)
class PeriodMatch:
    """A span of years in a text (``2021-31``)."""

    start: int
    end: int
    text: str
    period: Period


@cache
def _load() -> dict[str, Any]:
    with (_DATA_DIR / "temporal.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_SUFFIX = r"(?:st|nd|rd|th)?"
_DASH = r"(?:-|\u2013|\u2014)"


@dataclass(frozen=True, slots=True)
class _Rules:
    data: dict[str, Any]
    iso: re.Pattern[str]
    numeric: re.Pattern[str]
    day_month_year: re.Pattern[str]
    month_day_year: re.Pattern[str]
    day_range: re.Pattern[str]
    month_range: re.Pattern[str]
    month_year: re.Pattern[str]
    day_month: re.Pattern[str]
    month_day: re.Pattern[str]
    lead_month: re.Pattern[str]
    lead_year: re.Pattern[str]
    days: re.Pattern[str]
    weekday: re.Pattern[str]
    spans: re.Pattern[str]
    season: re.Pattern[str]
    period: re.Pattern[str]
    ordinal_digits: re.Pattern[str]
    ordinal_words: re.Pattern[str]
    recurrence: re.Pattern[str]


def _month_alt(months: dict[str, int]) -> str:
    """Month names, capitalised or upper case; an abbreviation may take a dot ("Jan."), a name may not."""
    longest = {n: max((k for k, v in months.items() if v == n), key=len) for n in months.values()}
    forms: list[tuple[int, str]] = []
    for name, n in months.items():
        dot = r"\.?" if name != longest[n] else ""
        forms += [(len(name), re.escape(name.capitalize()) + dot), (len(name), re.escape(name.upper()) + dot)]
    return "|".join(f for _, f in sorted(forms, key=lambda x: -x[0]))


@cache
def _rules() -> _Rules:
    d = _load()
    # month names are matched case-sensitively even inside re.I patterns ("this may" is no month)
    month = r"(?-i:(?P<month>" + _month_alt(d["months"]) + r"))"
    weekday = "|".join(w.capitalize() for w in d["weekdays"])
    wd_prefix = r"(?:(?:" + weekday + r"),?\s+)?"
    year = r"(?P<year>(?:1[89]|20|21)\d{2})(?![\d\-\u2013/])"
    day = r"(?P<day>[0-3]?\d)" + _SUFFIX
    return _Rules(
        data=d,
        iso=re.compile(r"(?<![\d\-/])(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?![\d\-/])"),
        numeric=re.compile(r"(?<![\d/.\-])(?P<a>\d{1,2})([/.])(?P<b>\d{1,2})\2(?P<year>\d{4})(?!\d|[/.]\d)"),
        day_month_year=re.compile(
            r"\b" + wd_prefix + r"(?:the\s+)?" + day + r"\s+(?:of\s+)?" + month + r",?\s+" + year
        ),
        month_day_year=re.compile(r"\b" + wd_prefix + month + r"\s+" + day + r"\b,?\s+" + year),
        day_range=re.compile(
            r"\b(?:between\s+)?(?:the\s+)?[0-3]?\d" + _SUFFIX + r"\s*(?:" + _DASH + r"|to|and)\s*"
            r"[0-3]?\d" + _SUFFIX + r"\s+(?:of\s+)?" + month + r"(?:,?\s+" + year + r")?"
        ),
        month_range=re.compile(
            r"\b"
            + month
            + r"\s+[0-3]?\d"
            + _SUFFIX
            + r"\s*(?:"
            + _DASH
            + r"|to)\s*[0-3]?\d"
            + _SUFFIX
            + r"\b(?:,?\s+"
            + year
            + r")?"
        ),
        month_year=re.compile(r"\b" + month + r",?\s+(?:of\s+)?" + year),
        day_month=re.compile(r"\b" + wd_prefix + r"(?:the\s+)?" + day + r"\s+(?:of\s+)?" + month + r"(?!\w)"),
        month_day=re.compile(r"\b" + wd_prefix + month + r"\s+" + day + r"(?![\w:.,]\d|\d|\s*" + _DASH + ")"),
        lead_month=re.compile(
            r"\b(?P<lead>"
            + _alt(d["month_lead_words"])
            + r")[\s-]+(?:the\s+month\s+of\s+)?"
            + month
            + r"(?!\w)(?!,?\s+\d)",
            re.I,
        ),
        lead_year=re.compile(
            r"\b(?:" + _alt(d["year_lead_words"]) + r")[\s-]+" + year + r"(?!\s*(?:to|and|until|-)\s*\d)",
            re.I,
        ),
        days=re.compile(r"\b(?:the\s+)?(?P<expr>" + _alt(d["days"]) + r")\b", re.I),
        weekday=re.compile(
            r"\b(?:(?i:(?P<lead>on|last|next|this|coming|this\s+coming|on\s+the))\s+)?(?P<wd>"
            + weekday
            + r")\b"
            r"(?!,?\s+(?:the\s+)?\d|,?\s+" + month + ")"  # "Tuesday, 7 December 2021" is one date
        ),
        spans=re.compile(
            r"\b(?:(?:by|at|before|until|towards?)\s+)?(?:the\s+)?(?P<expr>" + _alt(d["spans"]) + r")\b", re.I
        ),
        season=re.compile(
            r"\b(?P<lead>this|last|next|coming|in\s+the|earlier\s+this|later\s+this)\s+(?P<season>"
            + _alt(d["seasons"])
            + r")\b(?!\s+(?:of\s+)?\d)",
            re.I,
        ),
        period=re.compile(
            r"(?<![\w+\-/.\u2013])(?:(?P<lead>" + _alt(d["period_leads"]) + r")\s+)?"
            r"(?P<y1>(?:19|20)\d{2})\s*(?:(?P<dash>" + _DASH + r"|/)\s*(?P<y2s>\d{2}(?:\d{2})?)"
            r"|\s(?P<word>to|until|till|through|and)\s+(?P<y2l>(?:19|20)\d{2}))(?![\w+\-/\u2013]|[.,]\d)",
            re.I,
        ),
        ordinal_digits=re.compile(r"(?<![\w\-.])(?P<n>\d{1,4})(?:st|nd|rd|th)\b", re.I),
        ordinal_words=re.compile(
            r"\b(?:(?P<tens>"
            + _alt(d["cardinal_tens"])
            + r")[\s-]+)?(?P<unit>"
            + _alt([*d["ordinal_units"], *d["ordinal_tens"]])
            + r")\b",
            re.I,
        ),
        recurrence=re.compile(r"\b(?P<expr>" + _alt(d["recurrence"]) + r")\b", re.I),
    )


# --- helpers -------------------------------------------------------------------------------------


def _month_num(token: str) -> int:
    month: int = _load()["months"][token.lower().rstrip(".")]
    return month


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _parse_absolute(text: str) -> str | None:
    """Read a full month-name date with dateparser ("18 February 2019")."""
    import dateparser  # heavy; imported on first use

    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    parsed = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY", "STRICT_PARSING": True},
    )
    return parsed.date().isoformat() if parsed else None


def _month_without_year(month: int, anchor: date, lead: str, tense: str | None) -> str:
    y, m = anchor.year, anchor.month
    lead = lead.lower()
    if lead == "last":
        return _ym(y if month < m else y - 1, month)
    if lead in ("next", "coming"):
        return _ym(y if month > m else y + 1, month)
    if tense == "future":
        return _ym(y if month >= m else y + 1, month)
    return _ym(y if month <= m else y - 1, month)


def _day_without_year(month: int, day: int, anchor: date, tense: str | None) -> str | None:
    candidates = [c for c in (_safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)) if c]
    if not candidates:
        return None
    if tense == "past":
        before = [c for c in candidates if c <= anchor]
        return max(before).isoformat() if before else None
    if tense == "future":
        after = [c for c in candidates if c >= anchor]
        return min(after).isoformat() if after else None
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor)).isoformat()


def _weekday(wd: int, anchor: date, lead: str, tense: str | None) -> str:
    back = (anchor.weekday() - wd) % 7
    ahead = (wd - anchor.weekday()) % 7
    lead = " ".join(lead.lower().split())
    if lead == "last":
        return (anchor - timedelta(days=back or 7)).isoformat()
    if lead in ("next", "coming", "this coming"):
        return (anchor + timedelta(days=ahead or 7)).isoformat()
    if tense == "future":
        return (anchor + timedelta(days=ahead)).isoformat()
    return (anchor - timedelta(days=back)).isoformat()


def _span(unit: str, offset: int, anchor: date) -> str:
    if unit == "week":
        d = anchor + timedelta(days=7 * offset)
        return _ym(d.year, d.month)
    if unit == "month":
        return _ym(*_add_months(anchor.year, anchor.month, offset))
    return f"{anchor.year + offset:04d}"


def _season(season_month: int, anchor: date, lead: str) -> str:
    lead = " ".join(lead.lower().split())
    if lead == "last":
        return f"{anchor.year - 1 if season_month >= anchor.month else anchor.year:04d}"
    if lead in ("next", "coming"):
        return f"{anchor.year + 1 if season_month <= anchor.month else anchor.year:04d}"
    return f"{anchor.year:04d}"


# --- dates ---------------------------------------------------------------------------------------


def _candidates(text: str, anchor: date | None, tense: str | None) -> Iterable[tuple[int, int, str, bool]]:
    r = _rules()
    for m in r.iso.finditer(text):
        if _safe_date(int(m["year"]), int(m["mon"]), int(m["day"])):
            yield m.start(), m.end(), f"{m['year']}-{m['mon']}-{m['day']}", False
    for m in r.numeric.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
        found = _safe_date(y, b, a) or _safe_date(y, a, b)  # day-first, else month-first
        if found:
            yield m.start(), m.end(), found.isoformat(), False
    for pattern in (r.day_month_year, r.month_day_year):
        for m in pattern.finditer(text):
            value = _parse_absolute(m.group())
            if value is None:
                value = _manual(m)
            if value:
                yield m.start(), m.end(), value, False
    for pattern in (r.day_range, r.month_range):
        for m in pattern.finditer(text):
            month = _month_num(m["month"])
            if m["year"]:
                yield m.start(), m.end(), _ym(int(m["year"]), month), False
            elif anchor:
                yield m.start(), m.end(), _month_without_year(month, anchor, "in", tense), True
    for m in r.month_year.finditer(text):
        yield m.start(), m.end(), _ym(int(m["year"]), _month_num(m["month"])), False
    for m in r.lead_year.finditer(text):
        yield m.start("year"), m.end("year"), m["year"], False
    if anchor is None:
        return
    for pattern in (r.day_month, r.month_day):
        for m in pattern.finditer(text):
            value = _day_without_year(_month_num(m["month"]), int(m["day"]), anchor, tense)
            if value:
                yield m.start(), m.end(), value, True
    for m in r.lead_month.finditer(text):
        lead = m["lead"].lower()
        start = m.start() if lead in ("last", "next", "this", "coming") else m.start("month")
        yield start, m.end(), _month_without_year(_month_num(m["month"]), anchor, lead, tense), True
    for m in r.days.finditer(text):
        offset = r.data["days"][" ".join(m["expr"].lower().split())]
        yield m.start(), m.end(), (anchor + timedelta(days=offset)).isoformat(), True
    for m in r.weekday.finditer(text):
        wd = r.data["weekdays"][m["wd"].lower()]
        yield m.start(), m.end(), _weekday(wd, anchor, m["lead"] or "", tense), True
    for m in r.spans.finditer(text):
        unit, offset = r.data["spans"][" ".join(m["expr"].lower().split())]
        yield m.start(), m.end(), _span(unit, offset, anchor), True
    for m in r.season.finditer(text):
        season_month = r.data["seasons"][m["season"].lower()]
        yield m.start(), m.end(), _season(season_month, anchor, m["lead"]), True


def _manual(m: re.Match[str]) -> str | None:
    found = _safe_date(int(m["year"]), _month_num(m["month"]), int(m["day"]))
    return found.isoformat() if found else None


def find_dates(text: str, anchor: date | None, *, tense: str | None = None) -> list[DateMatch]:
    """All dates in ``text``, resolved against ``anchor`` (the publication date).

    ``tense`` ("past", "future" or None) is the tense of the sentence; it decides
    which way a relative form such as "on Monday" or "in March" points.
    """
    blocked = [(p.start, p.end) for p in find_periods(text)]
    # the longest candidate at each place wins; spans inside a period are no dates
    ordered = sorted(set(_candidates(text, anchor, tense)), key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[DateMatch] = []
    for start, end, value, relative in ordered:
        if any(s < end and start < e for s, e in blocked):
            continue
        if out and start < out[-1].end:
            continue
        out.append(DateMatch(start, end, text[start:end], value, relative))
    return out


def resolve_date(expr: str, anchor: date | None, *, tense: str | None = None) -> str | None:
    """The date one expression gives ("last November", "Jan. 6", "2019"), or None."""
    stripped = expr.strip()
    if re.fullmatch(r"(?:1[89]|20|21)\d{2}", stripped):
        return stripped
    found = find_dates(stripped, anchor, tense=tense)
    if not found:
        return None
    return max(found, key=lambda d: d.end - d.start).value


# --- periods, ordinals, recurrence -------------------------------------------------------------


def find_periods(text: str) -> list[PeriodMatch]:
    """Spans of years: "2021-31", "2018–2024", "from 2021 to 2031" (end after start, within 50 years)."""
    r = _rules()
    out: list[PeriodMatch] = []
    for m in r.period.finditer(text):
        y1 = int(m["y1"])
        if m["dash"]:
            tail = m["y2s"]
            y2 = int(tail) if len(tail) == 4 else (y1 // 100) * 100 + int(tail)
        else:
            if m["word"].lower() == "and" and (m["lead"] or "").lower() != "between":
                continue
            y2 = int(m["y2l"])
        if not 0 < y2 - y1 <= r.data["max_period_years"]:
            continue
        out.append(PeriodMatch(m.start(), m.end(), m.group(), Period(f"{y1:04d}", f"{y2:04d}")))
    return out


def find_ordinals(text: str) -> list[tuple[int, int, int]]:
    """Ordinals as (start, end, value): "21st" -> 21, "twenty-first" -> 21, "second" -> 2."""
    r = _rules()
    found: list[tuple[int, int, int]] = [
        (m.start(), m.end(), int(m["n"])) for m in r.ordinal_digits.finditer(text)
    ]
    words = {**r.data["ordinal_units"], **r.data["ordinal_tens"]}
    for m in r.ordinal_words.finditer(text):
        value = words[m["unit"].lower()]
        if m["tens"]:
            if value >= 10:  # "twenty tenth" is not an ordinal; keep the second word
                found.append((m.start("unit"), m.end(), value))
                continue
            value += r.data["cardinal_tens"][m["tens"].lower()]
        found.append((m.start(), m.end(), value))
    return sorted(found)


def find_recurrence(text: str) -> list[tuple[int, int, str]]:
    """Recurrence words as (start, end, label): "annually" -> "annual", "twice a year" -> "semiannual"."""
    r = _rules()
    return [
        (m.start(), m.end(), r.data["recurrence"][m["expr"].lower()]) for m in r.recurrence.finditer(text)
    ]
