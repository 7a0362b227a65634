"""Fetched bytes -> ``Document``, through the readers of ``pactwatch.ingest`` (never our own).

The one place where the sources package calls the ingest converters, so that a change in
their signatures is a change here only.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

from pactwatch.errors import InputError, InputTooLargeError, MalformedInputError, PactwatchError
from pactwatch.model import Document
from pactwatch.settings import Settings
from pactwatch.sources.fetch import FetchedResource

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})


def looks_like_html(content_type: str, body: bytes) -> bool:
    """Whether a response is an HTML page (by its type, or by its first bytes when untyped)."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in HTML_TYPES:
        return True
    if ctype and ctype not in ("application/octet-stream", "binary/octet-stream"):
        return False
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(body: bytes, charset: str | None = None) -> str:
    """HTML bytes as text: the HTTP charset, else a ``<meta charset>``, else UTF-8 (bad bytes replaced)."""
    if not charset:
        found = _META_CHARSET.search(body[:4096])
        charset = found.group(1).decode("ascii") if found else None
    try:
        return body.decode(charset or "utf-8", "replace")
    except LookupError:
        return body.decode("utf-8", "replace")


def document_from_bytes(
    body: bytes,
    *,
    source: str,
    content_type: str,
    settings: Settings,
    url: str | None = None,
    charset: str | None = None,
    published: date | None = None,
    title: str | None = None,
) -> Document | InputError:
    """An HTML or plain-text body as a ``Document``, or the ``InputError`` saying why not.

    ``published`` is a fallback (a feed entry's date): a date in the page itself wins.
    """
    from pactwatch.ingest.html import document_from_html
    from pactwatch.ingest.sniff import decode
    from pactwatch.ingest.text import document_from_text

    if len(body) > settings.max_input_bytes:
        return InputTooLargeError(source, f"the page is over the {settings.max_input_bytes}-byte limit")
    try:
        if looks_like_html(content_type, body):
            doc = document_from_html(decode_html(body, charset), source)
        elif content_type.split(";")[0].strip().lower() in TEXT_TYPES:
            doc = document_from_text(decode(body, source), source)
        else:
            return MalformedInputError(source, f"not an HTML or text page (content type {content_type!r})")
    except InputError as e:
        return e
    except PactwatchError as e:
        return InputError(source, str(e))
    changes: dict[str, object] = {}
    if url and not doc.url:
        changes["url"] = url
    if published and not doc.published:
        changes["published"] = published
    if title and not doc.title:
        changes["title"] = title
    return replace(doc, **changes) if changes else doc  # type: ignore[arg-type]


def document_from_json_line(
    line: bytes, *, source: str, line_number: int, settings: Settings
) -> Document | InputError:
    """One news-please JSON line of an archive as a ``Document`` (errors carry the line number)."""
    from pactwatch.ingest.newsplease import document_from_newsplease

    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        return MalformedInputError(source, f"malformed JSON: {e}", line=line_number)
    if not isinstance(obj, dict):
        return MalformedInputError(source, "the line is not a JSON object", line=line_number)
    try:
        return document_from_newsplease(obj, source, line=line_number)
    except InputError as e:
        return e


def document_from_resource(
    resource: FetchedResource,
    settings: Settings,
    *,
    published: date | None = None,
    title: str | None = None,
) -> Document | InputError:
    """A fetched page as a ``Document`` (source and url: the URL after redirects)."""
    return document_from_bytes(
        resource.body,
        source=resource.final_url,
        content_type=resource.content_type,
        settings=settings,
        url=resource.final_url,
        charset=resource.charset,
        published=published,
        title=title,
    )
