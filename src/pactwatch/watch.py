"""``pactwatch watch``: poll feeds, ingest only what is new, remember what was done.

State (per feed: the ids of entries already ingested, ETag, Last-Modified, and the
entries whose fetch failed so far) lives in a small JSON file, written atomically
(a temporary file, then ``os.replace``) after each feed. Entries are handed to the sink
(extract + store) *before* they are marked seen, so a crash can repeat a feed's last
batch (harmless: the store keeps one copy of a document) but never lose one; a restart
picks up where the state file says.

Network errors are logged and the feed is tried again on the next pass; an entry whose
link keeps failing is given up after ``MAX_ATTEMPTS`` passes (and reported as failed).
The feed's ETag / Last-Modified are only kept when every new entry was dealt with, so a
304 never hides an entry that is still to be retried.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pactwatch.errors import ConfigError, FetchError, InputError, PactwatchError, UsageError
from pactwatch.model import Document
from pactwatch.settings import Settings
from pactwatch.sources.feeds import entry_document, poll_feed
from pactwatch.sources.fetch import Fetcher

log = logging.getLogger("pactwatch.watch")

STATE_VERSION = 1
MAX_SEEN_PER_FEED = 10_000
MAX_ATTEMPTS = 3
STATE_NAME = "pactwatch-watch.json"

Sink = Callable[[list[Document | InputError]], object]

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_COMMENT = re.compile(r"(?:^|\s)#.*$")
_UNIT_S = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """'15m', '1h', '30s', '2d' or plain seconds -> seconds (a ``UsageError`` otherwise)."""
    found = _INTERVAL.match(text)
    if not found or float(found.group(1)) <= 0:
        raise UsageError(f"{text!r} is not an interval such as 30s, 15m, 1h or 1d")
    return float(found.group(1)) * _UNIT_S[found.group(2).lower()]


def read_feeds_file(path: str | Path) -> list[str]:
    """Feed URLs, one a line; blank lines and ``#`` comments are ignored."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"{path}: cannot read the feeds file: {e}") from e
    urls: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _COMMENT.sub("", raw).strip()  # '#' starts a comment at a line start or after a space
        if not line:
            continue
        if not line.lower().startswith(("http://", "https://")):
            raise UsageError(f"{path}:{number}: not an http(s) URL: {line!r}")
        if line not in urls:
            urls.append(line)
    if not urls:
        raise UsageError(f"{path}: no feed URLs in the file")
    return urls


def default_state_path(settings: Settings) -> Path:
    """Next to a SQLite database file; else in the user's data folder."""
    url = settings.db_url
    if url.startswith("sqlite:///") and not url.endswith(":memory:"):
        return Path(url.removeprefix("sqlite:///")).parent / STATE_NAME
    from platformdirs import user_data_dir

    return Path(user_data_dir("pactwatch", appauthor=False)) / STATE_NAME


@dataclass(slots=True)
class FeedState:
    """What is known about one feed between polls."""

    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "etag": self.etag,
            "last_modified": self.last_modified,
            "seen": self.seen,
            "failures": self.failures,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FeedState:
        return cls(
            d.get("etag"),
            d.get("last_modified"),
            [str(x) for x in d.get("seen") or []],
            {str(k): int(v) for k, v in (d.get("failures") or {}).items()},
        )


@dataclass(slots=True)
class WatchState:
    """Every feed's state; ``load`` and ``save`` (atomic) a JSON file."""

    feeds: dict[str, FeedState] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> WatchState:
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != STATE_VERSION:
                raise ValueError(f"unknown state version {data.get('version')!r}")
            return cls({url: FeedState.from_dict(fs) for url, fs in data["feeds"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
            raise ConfigError(f"{path}: unreadable watch state ({e}); move it away to start afresh") from e

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": STATE_VERSION, "feeds": {url: fs.to_dict() for url, fs in self.feeds.items()}}
        fd, tmp = tempfile.mkstemp(prefix=".watch-", suffix=".json", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


@dataclass(slots=True)
class PassReport:
    """What one pass over the feeds did."""

    feeds: int = 0
    not_modified: int = 0
    feed_errors: int = 0
    new_entries: int = 0
    ingested: int = 0
    failed: int = 0
    retry_later: int = 0

    def line(self) -> str:
        return (
            f"{self.feeds} feeds ({self.not_modified} unchanged, {self.feed_errors} unreachable): "
            f"{self.new_entries} new entries, {self.ingested} documents ingested, {self.failed} failed, "
            f"{self.retry_later} to retry"
        )


def poll_feed_once(
    url: str, fs: FeedState, fetcher: Fetcher, settings: Settings, sink: Sink, report: PassReport
) -> bool:
    """Poll one feed and ingest its new entries; True when the state changed."""
    try:
        poll = poll_feed(fetcher, url, etag=fs.etag, last_modified=fs.last_modified)
    except (FetchError, InputError) as e:
        report.feed_errors += 1
        log.warning("%s (will try again next pass)", e)
        return False
    if poll.not_modified:
        report.not_modified += 1
        log.info("feed %s: not modified", url)
        return False
    seen = set(fs.seen)
    new = [e for e in poll.entries if e.id not in seen]
    report.new_entries += len(new)
    items: list[Document | InputError] = []
    done: list[str] = []
    retry = False
    for entry in new:
        try:
            items.append(entry_document(fetcher, entry, settings))
        except FetchError as e:
            attempts = fs.failures.get(entry.id, 0) + 1
            if attempts < MAX_ATTEMPTS:
                fs.failures[entry.id] = attempts
                retry = True
                report.retry_later += 1
                log.warning("entry %s: %s (attempt %d of %d)", entry.link, e, attempts, MAX_ATTEMPTS)
                continue
            items.append(InputError(entry.link, f"gave up after {attempts} attempts: {e}"))
        fs.failures.pop(entry.id, None)
        done.append(entry.id)
    if items:
        try:
            sink(items)
        except PactwatchError as e:  # the store is down: nothing is marked, all is retried
            log.error("feed %s: could not store %d documents: %s (will try again)", url, len(items), e)
            report.feed_errors += 1
            return retry
        report.ingested += sum(isinstance(i, Document) for i in items)
        report.failed += sum(isinstance(i, InputError) for i in items)
        for item in items:
            if isinstance(item, InputError):
                log.warning("entry %s: %s", item.source, item.message)
    fs.seen = (fs.seen + done)[-MAX_SEEN_PER_FEED:]
    if not retry:
        fs.etag, fs.last_modified = poll.etag, poll.last_modified
    log.info("feed %s: %d new, %d ingested", url, len(new), len(done))
    return True


def watch_pass(
    feeds: Iterable[str],
    state: WatchState,
    state_path: Path,
    settings: Settings,
    sink: Sink,
    *,
    fetcher: Fetcher,
) -> PassReport:
    """One pass over every feed; the state file is saved after each feed that changed it."""
    report = PassReport()
    for url in feeds:
        report.feeds += 1
        fs = state.feeds.setdefault(url, FeedState())
        if poll_feed_once(url, fs, fetcher, settings, sink, report):
            state.save(state_path)
    return report


def watch(
    feeds_file: str | Path,
    settings: Settings,
    sink: Sink,
    *,
    every_s: float = 900.0,
    once: bool = False,
    state_path: Path | None = None,
    stop: threading.Event | None = None,
    max_passes: int | None = None,
    fetcher: Fetcher | None = None,
    on_pass: Callable[[PassReport], None] | None = None,
) -> list[PassReport]:
    """Poll every feed of ``feeds_file`` each ``every_s`` seconds until ``stop`` is set
    (or once, or ``max_passes`` times); returns the reports of the passes."""
    feeds = read_feeds_file(feeds_file)
    path = state_path or default_state_path(settings)
    state = WatchState.load(path)
    stop = stop or threading.Event()
    reports: list[PassReport] = []
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        while not stop.is_set():
            report = watch_pass(feeds, state, path, settings, sink, fetcher=fetcher)
            reports.append(report)
            log.info("pass done: %s", report.line())
            if on_pass:
                on_pass(report)
            if once or (max_passes is not None and len(reports) >= max_passes):
                break
            stop.wait(every_s)
    finally:
        if own:
            fetcher.close()
    return reports
