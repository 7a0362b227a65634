"""``resolve_source``: one input spec (URL, feed, sitemap, archive, file, folder) -> documents.

A URL is fetched once and recognised by what comes back: an RSS/Atom feed (each entry's
link is followed), a sitemap or sitemap index (each page is fetched), or a page. Local
``.warc``/``.warc.gz`` and ``.jsonl.gz``/``.jsonl.zst`` files are streamed by this
package; everything else (files, folders, ``-``) goes to ``pactwatch.ingest.read_inputs``.
A folder mixes both: its archives are read here, its other input files by the ingest readers.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from pactwatch.errors import FetchError, InputError
from pactwatch.model import Document
from pactwatch.settings import Settings
from pactwatch.sources.archives import is_archive, read_jsonl_archive
from pactwatch.sources.convert import document_from_resource
from pactwatch.sources.feeds import entry_document, parse_feed
from pactwatch.sources.fetch import FetchedResource, Fetcher
from pactwatch.sources.sitemaps import parse_sitemap, read_sitemap
from pactwatch.sources.warc import is_warc, read_warc

Item = Document | InputError

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_XML_TYPES = ("application/xml", "text/xml")


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def _xml_root(body: bytes) -> str:
    """The name of the first element of an XML body ('' when it does not look like XML)."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head.startswith(b"<"):
        return ""
    pos = 0
    while True:
        start = head.find(b"<", pos)
        if start < 0 or start + 1 >= len(head):
            return ""
        if head[start + 1 : start + 2] in (b"?", b"!"):
            pos = start + 1
            continue
        name = head[start + 1 :].split(None, 1)[0].split(b">", 1)[0]
        return name.split(b":")[-1].decode("ascii", "replace")


def kind_of_resource(resource: FetchedResource) -> str:
    """'feed', 'sitemap' or 'page' for a fetched resource."""
    if resource.body[:2] == b"\x1f\x8b":
        return "sitemap"  # a gzipped XML answer: only sitemaps are served that way on purpose
    root = _xml_root(resource.body)
    if root in ("urlset", "sitemapindex"):
        return "sitemap"
    if resource.content_type in _FEED_TYPES or root in ("rss", "feed", "rdf"):
        return "feed"
    if resource.content_type in _XML_TYPES and root not in ("html",):
        return "feed"  # let the feed parser say whether it is one
    return "page"


def read_url(url: str, settings: Settings, *, fetcher: Fetcher | None = None) -> Iterator[Item]:
    """The documents behind a URL: a page, every entry of a feed, or every page of a sitemap."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        try:
            resource = fetcher.fetch(url)
        except FetchError as e:
            yield InputError(url, str(e).removeprefix(f"{url}: "))
            return
        kind = kind_of_resource(resource)
        if kind == "page":
            yield document_from_resource(resource, settings)
        elif kind == "sitemap":
            yield from _sitemap_items(resource, settings, fetcher)
        else:
            try:
                entries = parse_feed(resource.body, resource.final_url, content_type=resource.content_type)
            except InputError as e:
                yield e
                return
            for entry in entries:
                try:
                    yield entry_document(fetcher, entry, settings)
                except FetchError as e:
                    yield InputError(entry.link, str(e).removeprefix(f"{entry.link}: "))
    finally:
        if own:
            fetcher.close()


def _sitemap_items(resource: FetchedResource, settings: Settings, fetcher: Fetcher) -> Iterator[Item]:
    try:
        sitemap = parse_sitemap(resource.body, resource.final_url, max_bytes=settings.fetch_max_bytes)
    except InputError as e:
        yield e
        return
    if sitemap.sitemaps:  # an index: walk it (the index itself is fetched once more, then cached by nothing)
        yield from read_sitemap(resource.final_url, settings, fetcher=fetcher)
        return
    for page in sitemap.urls:
        try:
            yield document_from_resource(fetcher.fetch(page.loc), settings, published=page.lastmod)
        except FetchError as e:
            yield InputError(page.loc, str(e).removeprefix(f"{page.loc}: "))


def _read_local(spec: str, settings: Settings, published: date | None) -> Iterator[Item]:
    from pactwatch.ingest import read_inputs
    from pactwatch.ingest.reader import is_input_file

    path = Path(spec)
    if is_warc(spec) and not path.is_dir():
        yield from read_warc(path, settings)
    elif is_archive(spec) and not path.is_dir():
        yield from read_jsonl_archive(path, settings)
    elif path.is_dir():
        found = False
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                file = Path(root) / name
                if name.startswith(".") or not file.is_file():
                    continue
                if is_warc(name) or is_archive(name):
                    found = True
                    yield from _read_local(str(file), settings, published)
                elif is_input_file(file):
                    found = True
                    yield from read_inputs([str(file)], settings, published=published)
        if not found:
            yield from read_inputs([spec], settings, published=published)  # its "empty folder" error
    else:
        yield from read_inputs([spec], settings, published=published)


def resolve_source(
    spec: str,
    settings: Settings,
    *,
    fetcher: Fetcher | None = None,
    published: date | None = None,
) -> Iterator[Item]:
    """The documents of one input spec, an ``InputError`` in place of each that failed.

    Never raises for a bad input. ``fetcher`` shares one robots.txt cache and per-host
    clock across specs (``resolve_sources`` makes one); ``published`` overrides the date of
    local files, as in ``pactwatch extract --published``.
    """
    if is_url(spec):
        yield from read_url(spec, settings, fetcher=fetcher)
    else:
        yield from _read_local(spec, settings, published)


def resolve_sources(
    specs: Iterable[str], settings: Settings, *, published: date | None = None, fetcher: Fetcher | None = None
) -> Iterator[Item]:
    """``resolve_source`` for every spec in order, with one shared ``Fetcher`` for all URLs."""
    specs = list(specs)
    if fetcher is None and any(is_url(s) for s in specs):
        with Fetcher(settings) as shared:
            for spec in specs:
                yield from resolve_source(spec, settings, fetcher=shared, published=published)
        return
    for spec in specs:
        yield from resolve_source(spec, settings, fetcher=fetcher, published=published)
