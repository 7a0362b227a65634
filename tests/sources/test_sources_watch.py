"""pactwatch watch: only new entries, conditional polls, restarts, network errors."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from sources_fixtures import fixture_bytes, install_routes
from sources_server import LocalServer, Route

from pactwatch.errors import ConfigError, InputError, StoreError, UsageError
from pactwatch.model import Document
from pactwatch.settings import Settings
from pactwatch.sources.fetch import Fetcher
from pactwatch.watch import MAX_ATTEMPTS, WatchState, parse_interval, read_feeds_file, watch


@pytest.fixture
def live() -> Iterator[LocalServer]:
    """A server of its own per test: the tests change its feed."""
    srv = LocalServer()
    install_routes(srv)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Sink:
    def __init__(self) -> None:
        self.batches: list[list[Document | InputError]] = []
        self.fail_with: Exception | None = None

    def __call__(self, items: list[Document | InputError]) -> None:
        if self.fail_with:
            raise self.fail_with
        self.batches.append(list(items))

    def sources(self) -> list[str]:
        return [i.source for b in self.batches for i in b]


def run(feeds: list[str], tmp_path: Path, settings: Settings, sink: Sink, passes: int = 1) -> list:  # type: ignore[type-arg]
    feeds_file = tmp_path / "feeds.txt"
    feeds_file.write_text("# my feeds\n" + "\n".join(feeds) + "\n\n")
    with Fetcher(settings, min_interval_s=0.0) as fetcher:
        return watch(
            feeds_file,
            settings,
            sink,
            every_s=0.01,
            max_passes=passes,
            state_path=tmp_path / "state.json",
            fetcher=fetcher,
        )


def test_only_new_entries_across_passes_and_restarts(
    live: LocalServer, tmp_path: Path, settings: Settings
) -> None:
    sink = Sink()
    reports = run([live.url("/feed.xml")], tmp_path, settings, sink, passes=2)
    assert sink.sources() == [live.url("/news/accord.html"), live.url("/news/meeting.html")]
    assert (reports[0].ingested, reports[1].not_modified) == (2, 1)  # the second poll got a 304
    state = json.loads((tmp_path / "state.json").read_text())
    assert state["feeds"][live.url("/feed.xml")]["seen"] == ["harbour-1", "harbour-2"]
    assert state["feeds"][live.url("/feed.xml")]["etag"] == '"v1"'

    # a restart with a changed feed (new ETag, one more entry): only the new one is read
    body = fixture_bytes("feed.rss.xml", live.base).replace(
        b"<item>",
        b"<item><title>Kenya and Chile talks</title><link>"
        + live.url("/news/accord.html?3").encode()
        + b"</link><guid>harbour-3</guid></item>\n<item>",
        1,
    )
    live.routes["/news/accord.html?3"] = live.routes["/news/accord.html"]
    live.routes["/feed.xml"] = Route(body, content_type="application/rss+xml", etag='"v2"')
    again = Sink()
    run([live.url("/feed.xml")], tmp_path, settings, again)
    assert again.sources() == [live.url("/news/accord.html?3")]


def test_network_errors_are_survived(live: LocalServer, tmp_path: Path, settings: Settings, caplog) -> None:  # type: ignore[no-untyped-def]
    dead = f"http://127.0.0.1:{closed_port()}/feed.xml"
    sink = Sink()
    with caplog.at_level("WARNING", logger="pactwatch.watch"):
        reports = run([dead, live.url("/feed.xml")], tmp_path, settings, sink)
    assert reports[0].feed_errors == 1 and reports[0].ingested == 2
    assert dead in caplog.text


def test_failing_entry_retried_then_given_up(live: LocalServer, tmp_path: Path, settings: Settings) -> None:
    live.routes["/news/meeting.html"] = Route(b"down", status=503)
    sink = Sink()
    reports = run([live.url("/feed.xml")], tmp_path, settings, sink, passes=MAX_ATTEMPTS)
    # pass 1 ingests the accord and keeps the meeting for later; no ETag kept, so the feed is re-read
    assert [r.retry_later for r in reports] == [1] * (MAX_ATTEMPTS - 1) + [0]
    assert [r.not_modified for r in reports] == [0] * MAX_ATTEMPTS
    kinds = [(type(i).__name__, i.source) for b in sink.batches for i in b]
    assert kinds == [
        ("Document", live.url("/news/accord.html")),
        ("InputError", live.url("/news/meeting.html")),
    ]


def test_store_failure_marks_nothing(live: LocalServer, tmp_path: Path, settings: Settings) -> None:
    sink = Sink()
    sink.fail_with = StoreError("database is locked")
    run([live.url("/feed.xml")], tmp_path, settings, sink)
    sink.fail_with = None
    run([live.url("/feed.xml")], tmp_path, settings, sink)
    assert len(sink.sources()) == 2


def test_broken_state_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text("{not json")
    with pytest.raises(ConfigError, match="unreadable watch state"):
        WatchState.load(path)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("15m", 900), ("1h", 3600), ("30s", 30), ("90", 90), ("1.5d", 129600)],
    ids=["minutes", "hours", "seconds", "bare", "days"],
)
def test_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize(
    "text", ["", "0m", "soon", "-5m", "5w"], ids=["empty", "zero", "word", "negative", "weeks"]
)
def test_bad_interval(text: str) -> None:
    with pytest.raises(UsageError):
        parse_interval(text)


def test_feeds_file_comments(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(
        "# news\nhttps://a.example/rss#main  # the main feed\n\nhttps://b.example/atom\nhttps://a.example/rss#main\n"
    )
    assert read_feeds_file(path) == ["https://a.example/rss#main", "https://b.example/atom"]


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "no feed URLs"), ("ftp://x/feed\n", "not an http"), ("# only comments\n", "no feed URLs")],
    ids=["empty", "ftp", "comments"],
)
def test_bad_feeds_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(content)
    with pytest.raises(UsageError, match=message):
        read_feeds_file(path)


@pytest.mark.slow
def test_watch_command_once_end_to_end(live: LocalServer, tmp_path: Path) -> None:
    pytest.importorskip("pactwatch.extract.engine")
    from typer.testing import CliRunner

    from pactwatch.cli import build_app

    feeds = tmp_path / "feeds.txt"
    feeds.write_text(live.url("/feed.xml") + "\n")
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    args = ["watch", str(feeds), "--once", "--db", db]
    env = {"PACTWATCH_FETCH_ALLOW": "127.0.0.1"}
    first = CliRunner().invoke(build_app(), args, env=env)
    assert first.exit_code == 0, first.output
    assert "ingested 2 new" in first.output
    assert (tmp_path / "pactwatch-watch.json").exists()  # next to the database
    second = CliRunner().invoke(build_app(), args, env=env)
    assert second.exit_code == 0 and "1 unchanged" in second.output  # 304: nothing new
    refused = CliRunner().invoke(
        build_app(), [*args[:-2], "--db", db, "--state", str(tmp_path / "s2.json")], env={}
    )
    assert refused.exit_code == 0 and "1 unreachable" in refused.output  # loopback not allowed: survived
