"""XML sitemaps and sitemap indexes (also gzipped), parsed without entity expansion.

``parse_sitemap`` reads one sitemap document; ``sitemap_urls`` walks an index breadth
first (bounded); ``read_sitemap`` fetches every page and reads it as a ``Document``.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from lxml import etree

from pactwatch.errors import FetchError, InputError, MalformedInputError
from pactwatch.model import Document
from pactwatch.settings import Settings
from pactwatch.sources.convert import document_from_resource
from pactwatch.sources.fetch import Fetcher

MAX_SITEMAPS = 200
MAX_URLS = 1_000_000


@dataclass(frozen=True, slots=True)
class SitemapUrl:
    loc: str
    lastmod: date | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    """One sitemap document: page URLs (a urlset) or child sitemaps (a sitemapindex)."""

    urls: tuple[SitemapUrl, ...] = ()
    sitemaps: tuple[str, ...] = ()


def _parser() -> etree.XMLParser:
    # No DTD, no entity expansion, no network, no huge trees: billion laughs and XXE stay inert.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def _gunzip(body: bytes, limit: int, source: str) -> bytes:
    obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = obj.decompress(body, limit + 1)
    except zlib.error as e:
        raise MalformedInputError(source, f"broken gzip: {e}") from e
    if len(out) > limit:
        raise MalformedInputError(source, f"sitemap is over {limit} bytes when decompressed")
    return out


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _lastmod(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def parse_sitemap(body: bytes, source: str, *, max_bytes: int = 50 * 1024 * 1024) -> Sitemap:
    """Parse a sitemap or sitemap index; ``MalformedInputError`` for anything else."""
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body, max_bytes, source)
    if b"<!ENTITY" in body[:4096].upper():
        raise MalformedInputError(source, "sitemap declares XML entities; refused")
    try:
        root = etree.fromstring(body, parser=_parser())
    except etree.XMLSyntaxError as e:
        raise MalformedInputError(source, f"malformed sitemap XML: {e}") from e
    if root is None:
        raise MalformedInputError(source, "empty sitemap")
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise MalformedInputError(source, f"not a sitemap (root element <{kind}>)")
    urls: list[SitemapUrl] = []
    maps: list[str] = []
    for child in root:
        name = _local(child.tag)
        if name not in ("url", "sitemap"):
            continue
        loc = lastmod = None
        for field in child:
            fname = _local(field.tag)
            if fname == "loc":
                loc = (field.text or "").strip()
            elif fname == "lastmod":
                lastmod = field.text
        if not loc:
            continue
        if name == "url" and kind == "urlset":
            urls.append(SitemapUrl(loc, _lastmod(lastmod)))
        elif name == "sitemap" and kind == "sitemapindex":
            maps.append(loc)
    return Sitemap(tuple(urls), tuple(maps))


def sitemap_urls(
    fetcher: Fetcher, url: str, *, max_sitemaps: int = MAX_SITEMAPS
) -> Iterator[SitemapUrl | InputError]:
    """Every page URL of a sitemap, following sitemap indexes (each sitemap read once)."""
    queue, count = [url], 0
    done: set[str] = set()
    while queue and len(done) < max_sitemaps:
        current = queue.pop(0)
        if current in done:
            continue
        done.add(current)
        try:
            resource = fetcher.fetch(current)
            sitemap = parse_sitemap(resource.body, current, max_bytes=fetcher.settings.fetch_max_bytes)
        except FetchError as e:
            yield InputError(current, str(e).removeprefix(f"{current}: "))
            continue
        except InputError as e:
            yield e
            continue
        queue.extend(s for s in sitemap.sitemaps if s not in done)
        for item in sitemap.urls:
            if count >= MAX_URLS:
                return
            count += 1
            yield item


def read_sitemap(
    url: str, settings: Settings, *, fetcher: Fetcher | None = None
) -> Iterator[Document | InputError]:
    """Every page a sitemap lists, as a ``Document`` (lastmod as a fallback publication date)."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        for item in sitemap_urls(fetcher, url):
            if isinstance(item, InputError):
                yield item
                continue
            try:
                resource = fetcher.fetch(item.loc)
            except FetchError as e:
                yield InputError(item.loc, str(e).removeprefix(f"{item.loc}: "))
                continue
            yield document_from_resource(resource, settings, published=item.lastmod)
    finally:
        if own:
            fetcher.close()
