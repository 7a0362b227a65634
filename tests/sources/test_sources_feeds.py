"""Feeds and sitemaps served on loopback: entries followed, conditional polls, malformed input."""

from __future__ import annotations

import pytest
from sources_fixtures import fixture_bytes
from sources_server import LocalServer

from pactwatch.errors import InputError, MalformedInputError
from pactwatch.model import Document
from pactwatch.settings import Settings
from pactwatch.sources.feeds import parse_feed, poll_feed, read_feed
from pactwatch.sources.fetch import Fetcher
from pactwatch.sources.sitemaps import parse_sitemap, read_sitemap


@pytest.mark.parametrize(
    ("name", "ids", "links"),
    [
        ("feed.rss.xml", ["harbour-1", "harbour-2"], ["/news/accord.html", "/news/meeting.html"]),
        ("feed.atom.xml", ["urn:harbour:2"], ["/news/meeting.html"]),
    ],
    ids=["rss", "atom"],
)
def test_parse_feed(name: str, ids: list[str], links: list[str]) -> None:
    entries = parse_feed(fixture_bytes(name, "http://h.example"), "http://h.example/feed")
    assert [e.id for e in entries] == ids
    assert [e.link for e in entries] == ["http://h.example" + link for link in links]


@pytest.mark.parametrize(
    "body",
    [fixture_bytes("feed-malformed.xml"), b"", b"<html><body>not a feed</body></html>", b"\x00\x01binary"],
    ids=["broken-xml", "empty", "html", "binary"],
)
def test_malformed_feeds_are_input_errors(body: bytes) -> None:
    with pytest.raises(MalformedInputError, match="feed"):
        parse_feed(body, "http://h.example/feed")


def test_read_feed_follows_entry_links(server: LocalServer, settings: Settings, fetcher: Fetcher) -> None:
    docs = list(read_feed(server.url("/feed.xml"), settings, fetcher=fetcher))
    assert all(isinstance(d, Document) for d in docs), docs
    assert [d.source for d in docs] == [server.url("/news/accord.html"), server.url("/news/meeting.html")]
    assert "signed an agreement" in docs[0].text
    assert [str(d.published) for d in docs] == ["2021-12-06", "2022-03-01"]


def test_read_feed_skips_seen_entries(server: LocalServer, settings: Settings, fetcher: Fetcher) -> None:
    docs = list(read_feed(server.url("/feed.xml"), settings, fetcher=fetcher, seen={"harbour-1"}))
    assert [d.source for d in docs] == [server.url("/news/meeting.html")]


def test_malformed_feed_over_http(server: LocalServer, settings: Settings, fetcher: Fetcher) -> None:
    items = list(read_feed(server.url("/bad-feed.xml"), settings, fetcher=fetcher))
    assert len(items) == 1 and isinstance(items[0], MalformedInputError)
    assert items[0].source == server.url("/bad-feed.xml")


def test_poll_is_conditional(server: LocalServer, fetcher: Fetcher) -> None:
    first = poll_feed(fetcher, server.url("/feed.xml"))
    again = poll_feed(fetcher, server.url("/feed.xml"), etag=first.etag)
    assert (len(first.entries), first.etag) == (2, '"v1"')
    assert again.not_modified and again.entries == ()
    sent = [h for p, h in server.requests if p == "/feed.xml"][-1]
    assert sent["if-none-match"] == '"v1"'


def test_sitemap_index_walked(server: LocalServer, settings: Settings, fetcher: Fetcher) -> None:
    docs = list(read_sitemap(server.url("/sitemap.xml"), settings, fetcher=fetcher))
    assert [d.source for d in docs if isinstance(d, Document)] == [
        server.url("/news/accord.html"),
        server.url("/news/meeting.html"),
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [("sitemap-laughs.xml", "entities"), ("sitemap-xxe.xml", "entities")],
    ids=["billion-laughs", "xxe"],
)
def test_sitemap_entities_refused(name: str, message: str) -> None:
    with pytest.raises(MalformedInputError, match=message):
        parse_sitemap(fixture_bytes(name), name)


@pytest.mark.parametrize(
    "body",
    [b"<urlset><url><loc>x", b"<rss/>", b"\x1f\x8bnot-gzip"],
    ids=["truncated", "wrong-root", "broken-gzip"],
)
def test_malformed_sitemaps(body: bytes) -> None:
    with pytest.raises(InputError):
        parse_sitemap(body, "sitemap.xml")
