"""Fixtures of the sources tests: a loopback HTTP server with the fixture routes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sources_fixtures import MAX_BYTES, install_routes
from sources_server import LocalServer

from pactwatch.settings import Settings
from pactwatch.sources.fetch import Fetcher


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
