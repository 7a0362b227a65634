"""news-please JSON: one object, an array of objects, or JSON Lines (one object a line).

Fields read: ``id``, ``url``, ``title``, ``maintext`` (else ``text``), ``date_publish``,
``source_domain``, ``language``. A document's source is its ``id``, else its ``url``,
else the input's name (``NAME:LINE`` for a line of JSON Lines, ``NAME#N`` for the N-th
item of an array). Errors name the input and line, never the id.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from pactwatch.errors import EmptyInputError, InputError, MalformedInputError
from pactwatch.ingest.language import detect_language, normalise_language
from pactwatch.ingest.published import is_null, resolve
from pactwatch.model import Document


def _string(value: object) -> str | None:
    if is_null(value):
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def document_from_newsplease(
    obj: Mapping[str, Any],
    where: str,
    *,
    line: int | None = None,
    published: date | None = None,
) -> Document:
    """A Document from one news-please object. ``where`` (and ``line``) name it in errors and
    stand in as its source when it has neither id nor url."""
    text = obj.get("maintext")
    if not isinstance(text, str) or not text.strip():
        text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise EmptyInputError(where, "no 'maintext' or 'text' in the JSON object", line=line)
    url = _string(obj.get("url"))
    fallback = f"{where}:{line}" if line is not None else where
    when = resolve(obj.get("date_publish"), text, where, given=published, line=line)
    return Document(
        source=_string(obj.get("id")) or url or fallback,
        text=text,
        title=_string(obj.get("title")) or None,
        url=url,
        outlet=_string(obj.get("source_domain")) or None,
        published=when.date if when else None,
        published_at=when.at if when else None,
        language=normalise_language(obj.get("language")) or detect_language(text),
    )


def _one(
    obj: object, where: str, *, line: int | None, published: date | None, what: str
) -> Document | InputError:
    if not isinstance(obj, Mapping):
        return MalformedInputError(where, f"{what} is not a JSON object", line=line)
    try:
        return document_from_newsplease(obj, where, line=line, published=published)
    except InputError as e:
        return e


def _json_lines(text: str, source: str, published: date | None) -> Iterator[Document | InputError]:
    seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        seen = True
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as e:
            yield MalformedInputError(source, f"malformed JSON: {e.msg} (column {e.colno})", line=number)
            continue
        yield _one(obj, source, line=number, published=published, what="the line")
    if not seen:
        yield EmptyInputError(source, "no JSON lines in the input")


def _looks_like_lines(text: str) -> bool:
    """True when the first non-blank line is a JSON object of its own (JSON Lines in a .json file)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) < 2:
        return False
    try:
        return isinstance(json.loads(lines[0]), dict)
    except json.JSONDecodeError:
        return False


def documents_from_newsplease(
    text: str,
    source: str,
    *,
    published: date | None = None,
    lines: bool | None = None,
) -> Iterator[Document | InputError]:
    """Documents from news-please JSON text; an InputError in place of each bad line or item.

    ``lines`` True reads JSON Lines, False one JSON value (object or array), None decides
    from the text. ``published`` overrides every document's date.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if lines is None:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as e:
            if _looks_like_lines(text):
                yield from _json_lines(text, source, published)
            else:
                yield MalformedInputError(
                    source, f"malformed JSON: {e.msg} (column {e.colno})", line=e.lineno
                )
            return
    elif lines:
        yield from _json_lines(text, source, published)
        return
    else:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as e:
            yield MalformedInputError(source, f"malformed JSON: {e.msg} (column {e.colno})", line=e.lineno)
            return
    if isinstance(value, list):
        if not value:
            yield EmptyInputError(source, "the JSON array is empty")
        for n, item in enumerate(value, start=1):
            where = source if len(value) == 1 else f"{source}#{n}"
            yield _one(item, where, line=None, published=published, what=f"item {n} of the array")
    else:
        yield _one(value, source, line=None, published=published, what="the JSON value")
