"""RSS and Atom feeds (feedparser): poll a feed conditionally, follow each entry's link.

``poll_feed`` makes one (conditional) request and parses the entries; ``read_feed`` turns
every entry into a ``Document`` by fetching its link. ``pactwatch watch`` keeps the
ETag / Last-Modified and the ids of entries already seen between polls.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pactwatch.errors import FetchError, InputError, MalformedInputError
from pactwatch.model import Document
from pactwatch.settings import Settings
from pactwatch.sources.convert import document_from_resource
from pactwatch.sources.fetch import Fetcher

MAX_ENTRIES = 10_000


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item: a stable id (the entry's id, else its link) and the link to the article."""

    id: str
    link: str
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True)
class FeedPoll:
    """The result of one poll: ``not_modified`` when the server answered 304."""

    url: str
    entries: tuple[FeedEntry, ...]
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def parse_feed(body: bytes, url: str, *, content_type: str = "") -> tuple[FeedEntry, ...]:
    """The entries of an RSS or Atom document; ``MalformedInputError`` when it is not a feed."""
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never bytes or str: feedparser would take a string for a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "not an RSS or Atom feed"
        raise MalformedInputError(url, f"malformed feed: {reason}")
    if not parsed.get("version") and not parsed.entries:
        raise MalformedInputError(url, "not an RSS or Atom feed")
    entries: list[FeedEntry] = []
    for entry in parsed.entries[:MAX_ENTRIES]:
        link = entry.get("link") or ""
        if not link:
            for alt in entry.get("links") or ():
                if alt.get("rel", "alternate") == "alternate" and alt.get("href"):
                    link = alt["href"]
                    break
        if not link:
            continue
        entry_id = entry.get("id") or link
        entries.append(FeedEntry(str(entry_id), str(link), entry.get("title"), _entry_date(entry)))
    return tuple(entries)


def poll_feed(
    fetcher: Fetcher, url: str, *, etag: str | None = None, last_modified: str | None = None
) -> FeedPoll:
    """Fetch a feed, conditionally when ``etag`` or ``last_modified`` is known (raises ``FetchError``)."""
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    resource = fetcher.fetch(url, headers=headers or None)
    if resource.not_modified:
        return FeedPoll(url, (), etag, last_modified, not_modified=True)
    entries = parse_feed(
        resource.body, resource.final_url, content_type=resource.headers.get("content-type", "")
    )
    return FeedPoll(
        url,
        entries,
        resource.headers.get("etag"),
        resource.headers.get("last-modified"),
    )


def entry_document(fetcher: Fetcher, entry: FeedEntry, settings: Settings) -> Document | InputError:
    """Fetch an entry's link and read the article (``FetchError`` propagates: it may be transient)."""
    resource = fetcher.fetch(entry.link)
    return document_from_resource(resource, settings, published=entry.published, title=entry.title)


def read_feed(
    url: str,
    settings: Settings,
    *,
    fetcher: Fetcher | None = None,
    seen: Collection[str] = (),
) -> Iterator[Document | InputError]:
    """Every entry of a feed not in ``seen`` as a ``Document``; failures as ``InputError``s."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        try:
            poll = poll_feed(fetcher, url)
        except FetchError as e:
            yield InputError(url, str(e).removeprefix(f"{url}: "))
            return
        except InputError as e:
            yield e
            return
        for entry in poll.entries:
            if entry.id in seen or entry.link in seen:
                continue
            try:
                yield entry_document(fetcher, entry, settings)
            except FetchError as e:
                yield InputError(entry.link, str(e).removeprefix(f"{entry.link}: "))
    finally:
        if own:
            fetcher.close()
