"""fetch / Fetcher against a loopback server: limits, redirects, robots.txt, address rules."""

from __future__ import annotations

import time

import pytest
from sources_server import LocalServer

from pactwatch.errors import FetchError
from pactwatch.settings import Settings
from pactwatch.sources.fetch import Fetcher, address_allowed, fetch


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("127.0.0.1", False),
        ("::1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("fd00::1", False),
        ("fe80::1", False),
        ("224.0.0.1", False),
        ("ff02::1", False),
        ("0.0.0.0", False),
        ("100.64.0.1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:169.254.169.254", False),
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
    ],
    ids=lambda v: str(v),
)
def test_address_rules(address: str, allowed: bool) -> None:
    assert address_allowed(address) is allowed


def test_loopback_refused_without_allow_list(server: LocalServer) -> None:
    settings = Settings(db_url="sqlite://", fetch_timeout_s=1.0)
    before = len(server.requests)
    with pytest.raises(FetchError, match=r"refused.*127\.0\.0\.1") as info:
        fetch(server.url("/news/accord.html"), settings)
    assert server.url("/news/accord.html") in str(info.value)
    assert len(server.requests) == before  # not even robots.txt was asked for


@pytest.mark.parametrize(
    "resolves_to",
    ["127.0.0.1", "10.0.0.8", "169.254.169.254", "fd00::5"],
    ids=["loopback", "private", "metadata", "ula"],
)
def test_names_checked_after_resolution(settings: Settings, resolves_to: str) -> None:
    with (
        Fetcher(settings, min_interval_s=0.0, resolver=lambda host, port: [resolves_to]) as f,
        pytest.raises(FetchError, match="refused"),
    ):
        f.fetch("http://news.example/article")


def test_fetch_page(server: LocalServer, fetcher: Fetcher) -> None:
    res = fetcher.fetch(server.url("/news/accord.html"))
    assert (res.status, res.content_type, res.charset) == (200, "text/html", "utf-8")
    assert b"India and Russia" in res.body
    ua = dict(server.requests)[("/news/accord.html")]["user-agent"]
    assert ua.startswith("pactwatch/")


def test_gzip_content_encoding_decoded(server: LocalServer, fetcher: Fetcher) -> None:
    res = fetcher.fetch(server.url("/news/accord.html.gz"))
    assert res.body.startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/slow", "timed out"),
        ("/drip", "timed out"),
        ("/huge-declared", "over the 200000-byte limit"),
        ("/huge-undeclared", "over the 200000-byte limit"),
        ("/gzip-bomb", "after decoding"),
        ("/redirect-private", r"refused.*10\.0\.0\.7"),
        ("/redirect-metadata", r"refused.*169\.254\.169\.254"),
        ("/redirect-localhost-name", r"refused: localhost resolves to"),
        ("/redirect-robots", "disallowed by .*robots.txt"),
        ("/redirect-loop", "more than 5 redirects"),
        ("/redirect-ftp", "only http and https"),
        ("/private/secret.html", "disallowed by .*robots.txt"),
        ("/not-found", "HTTP status 404"),
    ],
    ids=lambda v: v.strip("/") if v.startswith("/") else None,
)
def test_refusals(server: LocalServer, fetcher: Fetcher, path: str, message: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=message) as info:
        fetcher.fetch(server.url(path))
    assert str(info.value).startswith(server.url(path) + ": ")
    assert time.monotonic() - started < 10


def test_gzip_bomb_reads_no_more_than_the_limit(server: LocalServer, settings: Settings) -> None:
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(FetchError):
            fetch(server.url("/gzip-bomb"), settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * settings.fetch_max_bytes  # far below the 50 MB it unpacks to


@pytest.mark.parametrize("path", ["/redirect-ok", "/redirect-relative-chain"], ids=["one-hop", "two-hops"])
def test_redirects_to_allowed_addresses(server: LocalServer, fetcher: Fetcher, path: str) -> None:
    res = fetcher.fetch(server.url(path))
    assert res.url == server.url(path)
    assert res.final_url == server.url("/news/accord.html")
    assert b"defence pact" in res.body


def test_conditional_request_gets_304(server: LocalServer, fetcher: Fetcher) -> None:
    first = fetcher.fetch(server.url("/feed.xml"))
    etag = first.headers["etag"]
    second = fetcher.fetch(server.url("/feed.xml"), headers={"If-None-Match": etag})
    assert (first.status, second.status, second.not_modified, second.body) == (200, 304, True, b"")


def test_robots_txt_read_once_per_origin(server: LocalServer, settings: Settings) -> None:
    with Fetcher(settings, min_interval_s=0.0) as f:
        before = server.paths_requested().count("/robots.txt")
        f.fetch(server.url("/news/accord.html"))
        f.fetch(server.url("/news/meeting.html"))
        assert server.paths_requested().count("/robots.txt") == before + 1


def test_rate_limit_per_host(server: LocalServer, settings: Settings) -> None:
    with Fetcher(settings, min_interval_s=0.3) as f:
        f.fetch(server.url("/news/accord.html"))  # robots.txt, then the page: two waits
        started = time.monotonic()
        f.fetch(server.url("/news/meeting.html"))
        assert time.monotonic() - started >= 0.25
