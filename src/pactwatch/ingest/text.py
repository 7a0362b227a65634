"""Plain text, with or without a header block.

A header is a run of ``key: value`` lines at the very top, ended by a line ``---``
(optionally also opened by one, as Markdown front matter is). Keys read: url, outlet,
published, title, language. The document text is everything after the closing ``---``
line, exactly as in the input: evidence offsets point into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from pactwatch.errors import EmptyInputError
from pactwatch.ingest.language import detect_language, normalise_language
from pactwatch.ingest.published import is_null, resolve
from pactwatch.model import Document

_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]?(.*)")
_FENCE = re.compile(r"---[ \t]*\r?")
_MD_HEADING = re.compile(r"#{1,6}[ \t]+")
_MAX_HEADER_LINES = 50


@dataclass(frozen=True, slots=True)
class Header:
    """The header block of a text: its fields, their line numbers, and where the body starts."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body_start: int = 0

    def get(self, key: str) -> str | None:
        value = self.fields.get(key)
        return None if value is None or is_null(value) else value.strip()


def split_header(text: str) -> Header:
    """The header of ``text``; an empty Header (body_start 0) when the text has none."""
    pos = 0
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        if number > _MAX_HEADER_LINES + 2:
            break
        line = raw.rstrip("\n")
        pos += len(raw)
        if _FENCE.fullmatch(line):
            if number == 1:
                continue  # front matter opening fence
            return Header(fields, lines, pos) if fields else Header()
        m = _HEADER_LINE.fullmatch(line.rstrip("\r"))
        if m is None:
            break
        key = m.group(1).lower()
        fields[key] = m.group(2)
        lines[key] = number
    return Header()


def first_line(body: str) -> str | None:
    """The first non-empty line of ``body``, stripped (and without a Markdown ``#``)."""
    for line in body.splitlines():
        if line.strip():
            return _MD_HEADING.sub("", line.strip(), count=1) or None
    return None


def document_from_text(
    text: str,
    source: str,
    *,
    published: date | None = None,
    language: str | None = None,
) -> Document:
    """A Document from plain text (decoded), reading a header block when there is one.

    ``published`` overrides any date the text gives; ``language`` skips the detection.
    Raises EmptyInputError for a text without a body, DateFormatError for an unreadable
    header date.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    header = split_header(text)
    body = text[header.body_start :]
    if not body.strip():
        raise EmptyInputError(source, "no text after the header" if header.fields else "the input is empty")
    when = resolve(
        header.fields.get("published"), body, source, given=published, line=header.lines.get("published")
    )
    return Document(
        source=source,
        text=body,
        title=header.get("title") or first_line(body),
        url=header.get("url"),
        outlet=header.get("outlet"),
        published=when.date if when else None,
        published_at=when.at if when else None,
        language=language or normalise_language(header.get("language")) or detect_language(body),
    )
