"""Publication dates: from a header or JSON field, from a "Published on: ..." line, or given.

``published`` on a Document is the *local* calendar date of publication (the date
the newsroom printed), ``published_at`` an aware datetime when a time and a zone are
known. Time-zone abbreviations are resolved with ``data/timezones.json`` rather than
by dateparser, which reads "IST" as Israel time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from importlib import resources

from pactwatch.errors import DateFormatError

_NULLS = frozenset({"", "null", "none", "nil", "n/a", "-"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_YEAR = re.compile(r"\b(?:1[89]|2[01])\d{2}\b")
_HAS_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*[ap]\.?\s?m\b\.?", re.IGNORECASE)
_ABBREVIATION = re.compile(r"\(?\b([A-Z]{2,5})\b\)?")
_NUMERIC_ZONE = re.compile(r"\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b")
_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
}

# "Published on: Monday, December 06, 2021, 02:58 PM IST", "Updated - 6 Dec 2021", "Posted: ..."
_KEYS = r"(?P<key>first\s+published|published|posted|last\s+updated|updated|last\s+modified|modified)"
_LINE_START = re.compile(rf"^[ \t]*{_KEYS}(?:\s+on)?\s*[:\-–—|]?\s*(?P<value>.+)$", re.IGNORECASE)
_INLINE = re.compile(rf"\b{_KEYS}(?:\s+on)?\s*:\s*(?P<value>[^|\n]+)", re.IGNORECASE)
_MAX_LINE = 200


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date, with the exact moment when it is known."""

    date: date
    at: datetime | None = None


@lru_cache(maxsize=1)
def zone_abbreviations() -> dict[str, tzinfo]:
    """Time-zone abbreviation -> fixed offset, from ``data/timezones.json``."""
    raw = json.loads(resources.files("pactwatch.ingest").joinpath("data/timezones.json").read_text("utf-8"))
    zones: dict[str, tzinfo] = {}
    for abbr, spec in raw["abbreviations"].items():
        sign, hh, mm = spec["offset"][0], int(spec["offset"][1:3]), int(spec["offset"][4:6])
        delta = timedelta(hours=hh, minutes=mm) * (-1 if sign == "-" else 1)
        zones[abbr] = timezone(delta, abbr)
    return zones


def is_null(value: object) -> bool:
    """True for a missing value: None, "", "null", "none"."""
    return value is None or (isinstance(value, str) and value.strip().lower() in _NULLS)


def _from_datetime(dt: datetime) -> Published:
    return Published(dt.date(), dt if dt.tzinfo is not None else None)


def parse_iso(value: str) -> Published | None:
    """An ISO 8601 date or date-time ("2021-12-06", "2021-12-06 14:58:00", "...T14:58:00+05:30").

    A date-time without a zone gives the date only: its time is not a known moment.
    """
    s = value.strip()
    if _ISO_DATE.fullmatch(s):
        try:
            return Published(date.fromisoformat(s))
        except ValueError:
            return None
    if not _ISO_DATETIME.match(s):
        return None
    try:
        return _from_datetime(datetime.fromisoformat(s))
    except ValueError:
        return None


def _strip_zone(value: str) -> tuple[str, tzinfo | None]:
    """The string without its time-zone part, and the zone that part names."""
    m = _NUMERIC_ZONE.search(value)
    if m:
        minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
        delta = timedelta(minutes=minutes) * (-1 if m.group(1) == "-" else 1)
        return value[: m.start()] + " " + value[m.end() :], timezone(delta)
    zones = zone_abbreviations()
    for m in _ABBREVIATION.finditer(value):
        zone = zones.get(m.group(1))
        if zone is not None:
            return value[: m.start()] + " " + value[m.end() :], zone
    return value, None


def parse_free(value: str) -> Published | None:
    """A date written out ("Monday, December 06, 2021, 02:58 PM IST", "6 December 2021").

    Needs a day, a month and a four-digit year; relative forms ("5 hours ago") give None.
    """
    import dateparser  # slow to import: only when a free-form date is met

    s = " ".join(value.split())
    if not _YEAR.search(s):
        return None
    cleaned, zone = _strip_zone(s)
    cleaned = " ".join(cleaned.replace(" ,", ",").split()).strip(" ,|-")
    dt = dateparser.parse(cleaned, languages=["en"], settings=_DATEPARSER_SETTINGS)
    if dt is None:
        return None
    if dt.tzinfo is None and zone is not None and _HAS_TIME.search(cleaned):
        dt = dt.replace(tzinfo=zone)
    if dt.tzinfo is not None and not _HAS_TIME.search(cleaned):
        return Published(dt.date())
    return _from_datetime(dt)


def parse_published(value: object, source: str, *, line: int | None = None) -> Published | None:
    """A header or JSON publication date; None when absent. Raises DateFormatError when unreadable."""
    if is_null(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return _from_datetime(datetime.fromtimestamp(value, tz=UTC))
        except (OverflowError, OSError, ValueError) as e:
            raise DateFormatError(source, f"publication timestamp out of range: {value!r}", line=line) from e
    if not isinstance(value, str):
        raise DateFormatError(source, f"publication date is not a string: {value!r}", line=line)
    found = parse_iso(value) or parse_free(value)
    if found is None:
        raise DateFormatError(source, f"unknown publication date format: {value.strip()!r}", line=line)
    return found


def find_published(text: str) -> Published | None:
    """The date of a "Published on: ..." (else "Updated: ...") line in the text, if any."""
    updated: Published | None = None
    for line in text.splitlines():
        if len(line) > _MAX_LINE:
            continue
        for m in (_LINE_START.match(line), *_INLINE.finditer(line)):
            if m is None:
                continue
            found = parse_iso(m.group("value")) or parse_free(m.group("value"))
            if found is None:
                continue
            key = m.group("key").lower()
            if "published" in key or "posted" in key:
                return found
            updated = updated or found
    return updated


def merge(primary: Published | None, found: Published | None) -> Published | None:
    """``primary`` (header, JSON, metadata) wins; ``found`` (from the text) fills the time in
    when it falls on the same date, or stands in when there is no primary date."""
    if primary is None:
        return found
    if primary.at is None and found is not None and found.at is not None and found.date == primary.date:
        return Published(primary.date, found.at)
    return primary


def override(found: Published | None, given: date | None) -> Published | None:
    """The date the caller gave (``--published``) wins; a known moment is kept only if it falls on it."""
    if given is None:
        return found
    at = found.at if found is not None and found.at is not None and found.at.date() == given else None
    return Published(given, at)


def resolve(
    value: object,
    text: str,
    source: str,
    *,
    given: date | None = None,
    line: int | None = None,
) -> Published | None:
    """The publication date of a document: ``given``, else ``value`` (header/JSON), else the text."""
    if given is not None:
        try:
            primary = parse_published(value, source, line=line)
        except DateFormatError:
            primary = None  # the caller's date overrides an unreadable one
        return override(merge(primary, find_published(text)), given)
    primary = parse_published(value, source, line=line)
    if primary is not None and primary.at is not None:
        return primary  # nothing the text could add
    return merge(primary, find_published(text))
