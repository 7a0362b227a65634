"""Ingest from the web: pasted text or HTML, uploaded files, or a URL fetched by the safe
fetcher (``sources.fetch``: no loopback/private/link-local/metadata addresses unless
allow-listed, time and size limits). Extract, store, and say what was found."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pactwatch.errors import FetchError, InputError, InputTooLargeError
from pactwatch.model import Document, Extraction
from pactwatch.register import Register
from pactwatch.settings import Settings

Item = Document | InputError


@dataclass(frozen=True, slots=True)
class Upload:
    name: str
    data: bytes


def from_text(
    text: str,
    *,
    title: str | None,
    url: str | None,
    outlet: str | None,
    published: date | None,
    settings: Settings,
) -> list[Item]:
    from pactwatch.ingest import document_from_text

    return _from_markup(
        "text",
        text,
        document_from_text,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        settings=settings,
    )


def from_html(
    html: str,
    *,
    title: str | None,
    url: str | None,
    outlet: str | None,
    published: date | None,
    settings: Settings,
) -> list[Item]:
    from pactwatch.ingest import document_from_html

    return _from_markup(
        "HTML",
        html,
        document_from_html,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        settings=settings,
    )


def _from_markup(
    what: str,
    content: str,
    convert: Callable[..., Document],
    *,
    title: str | None,
    url: str | None,
    outlet: str | None,
    published: date | None,
    settings: Settings,
) -> list[Item]:
    """One pasted text or HTML page as a Document, or the InputError that says why not."""
    source = _source(what.lower(), content, url)
    if len(content.encode("utf-8")) > settings.max_input_bytes:
        return [InputTooLargeError(source, f"the {what} is over the {settings.max_input_bytes}-byte limit")]
    try:
        doc = convert(content, source, published=published)
    except InputError as e:
        return [e]
    return [_meta(doc, title=title, url=url, outlet=outlet)]


def from_url(url: str, *, title: str | None, published: date | None, settings: Settings) -> list[Item]:
    """Fetch ``url`` with the safe fetcher; FetchError (refused address, timeout, size) is raised."""
    from pactwatch.sources.convert import document_from_resource
    from pactwatch.sources.fetch import fetch

    resource = fetch(url.strip(), settings, respect_robots=False)  # a URL a person typed
    item = document_from_resource(resource, settings, published=published, title=title)
    return [item]


def from_uploads(uploads: Sequence[Upload], *, published: date | None, settings: Settings) -> list[Item]:
    from pactwatch.ingest import documents_from_bytes

    out: list[Item] = []
    for up in uploads:
        name = _safe_name(up.name)
        if len(up.data) > settings.max_input_bytes:
            out.append(
                InputTooLargeError(name, f"the file is over the {settings.max_input_bytes}-byte limit")
            )
            continue
        out.extend(documents_from_bytes(up.data, f"upload:{name}", settings, name=name, published=published))
    return out


def ingest(reg: Register, items: Iterable[Item]) -> dict[str, Any]:
    """Extract and store ``items``; the documents with their records and events."""
    from pactwatch.pipeline import extract_stream

    docs: list[dict[str, Any]] = []
    events: list[str] = []
    n_records = 0
    for res in extract_stream(list(items), settings=reg.settings):
        if isinstance(res, InputError):
            docs.append({"source": res.source, "outcome": "failed", "reason": res.message})
            continue
        summary = reg.ingest_extractions([res])
        docs.append(_found(reg, res, summary.to_dict()))
    for d in docs:
        n_records += len(d.get("records", ()))
        events += [e for e in d.get("events", ()) if e not in events]
    return {"documents": docs, "records": n_records, "events": events}


def _found(reg: Register, ex: Extraction, summary: dict[str, Any]) -> dict[str, Any]:
    outcome = "new" if summary["new"] else "duplicate" if summary["duplicates"] else "replaced"
    detail = reg.document(ex.document.content_hash)
    records = [
        {
            "id": r["id"],
            "type": r.get("type"),
            "status": r.get("status"),
            "title": r.get("title") or r.get("kind"),
            "parties": list(r.get("parties") or ()),
            "date": r.get("date"),
            "event_id": r.get("event_id"),
        }
        for r in detail.records
    ]
    events = list(dict.fromkeys(r["event_id"] for r in records if r["event_id"]))
    return {
        "source": ex.document.source,
        "outcome": outcome,
        "document_id": detail.summary.id,
        "title": detail.summary.title,
        "records": records,
        "events": events,
    }


def _meta(doc: Document, *, title: str | None, url: str | None, outlet: str | None) -> Document:
    return replace(doc, title=title or doc.title, url=url or doc.url, outlet=outlet or doc.outlet)


def _source(kind: str, body: str, url: str | None) -> str:
    if url:
        return url.strip()
    return f"web:{kind}:{hashlib.sha256(body.encode('utf-8', 'replace')).hexdigest()[:16]}"


def _safe_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in "<>\"'")[:120]
    return cleaned or "upload"


__all__ = ["FetchError", "Upload", "from_html", "from_text", "from_uploads", "from_url", "ingest"]
