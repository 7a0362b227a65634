"""Shared fixtures of the sources tests: a loopback HTTP server with the fixture routes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sources_server import LocalServer, Route, gzip_bytes

from pactwatch.settings import Settings
from pactwatch.sources.fetch import Fetcher

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
MAX_BYTES = 200_000


def fixture_bytes(name: str, base: str = "") -> bytes:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", base).encode("utf-8")


def install_routes(server: LocalServer) -> None:
    b = server.base
    r = server.routes
    r["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    r["/news/accord.html"] = Route(fixture_bytes("article-accord.html"))
    r["/news/meeting.html"] = Route(fixture_bytes("article-meeting.html"))
    r["/news/accord.html.gz"] = Route(gzip_bytes(fixture_bytes("article-accord.html")), raw_encoding="gzip")
    r["/private/secret.html"] = Route(fixture_bytes("article-accord.html"))
    r["/slow"] = Route(b"late", delay_s=3.0)
    r["/drip"] = Route(b"x" * 200, drip_s=0.02)
    r["/huge-declared"] = Route(b"x" * (MAX_BYTES + 10))
    r["/huge-undeclared"] = Route(b"<p>" + b"x" * (3 * MAX_BYTES), length=False)
    # 50 MB of zeros compress to about 50 kB: small on the wire, huge when decoded
    r["/gzip-bomb"] = Route(gzip_bytes(b"\0" * (50 * 1024 * 1024)), raw_encoding="gzip")
    r["/redirect-ok"] = Route(status=302, headers={"Location": "/news/accord.html"})
    r["/redirect-relative-chain"] = Route(status=301, headers={"Location": "/redirect-ok"})
    r["/redirect-private"] = Route(status=302, headers={"Location": "http://10.0.0.7/admin"})
    r["/redirect-metadata"] = Route(
        status=307, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    r["/redirect-localhost-name"] = Route(
        status=302, headers={"Location": f"http://localhost:{server.port}/news/accord.html"}
    )
    r["/redirect-robots"] = Route(status=302, headers={"Location": "/private/secret.html"})
    r["/redirect-loop"] = Route(status=302, headers={"Location": "/redirect-loop"})
    r["/redirect-ftp"] = Route(status=302, headers={"Location": "ftp://127.0.0.1/file"})
    r["/not-found"] = Route(b"gone", status=404)
    r["/image.png"] = Route(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png")
    r["/feed.xml"] = Route(fixture_bytes("feed.rss.xml", b), content_type="application/rss+xml", etag='"v1"')
    r["/atom.xml"] = Route(fixture_bytes("feed.atom.xml", b), content_type="application/atom+xml")
    r["/bad-feed.xml"] = Route(fixture_bytes("feed-malformed.xml"), content_type="application/rss+xml")
    r["/sitemap.xml"] = Route(fixture_bytes("sitemap-index.xml", b), content_type="application/xml")
    r["/sitemap-news.xml"] = Route(fixture_bytes("sitemap-news.xml", b), content_type="application/xml")
    r["/sitemap-more.xml.gz"] = Route(
        gzip_bytes(fixture_bytes("sitemap-more.xml", b)), content_type="application/x-gzip"
    )
    r["/sitemap-laughs.xml"] = Route(fixture_bytes("sitemap-laughs.xml"), content_type="application/xml")


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    install_routes(srv)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def settings() -> Settings:
    """Loopback allowed explicitly (the tests' server); short limits."""
    return Settings(
        db_url="sqlite://",
        fetch_allow_hosts=("127.0.0.1",),
        fetch_timeout_s=1.0,
        fetch_max_bytes=MAX_BYTES,
    )


@pytest.fixture
def fetcher(settings: Settings) -> Iterator[Fetcher]:
    with Fetcher(settings, min_interval_s=0.0) as f:
        yield f
