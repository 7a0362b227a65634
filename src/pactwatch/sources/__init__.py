"""Where documents come from beyond local files: URLs, feeds, sitemaps, WARC and JSONL archives."""

from pactwatch.sources.fetch import FetchedResource, Fetcher, fetch
from pactwatch.sources.resolve import resolve_source, resolve_sources

__all__ = ["FetchedResource", "Fetcher", "fetch", "resolve_source", "resolve_sources"]
