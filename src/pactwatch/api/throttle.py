"""Limits on failed sign-ins and bad API tokens: sliding windows kept in this process.

A failure is counted for its (subject, client) pair: the user name tried and the client's
address (``request.client``; behind a reverse proxy that is the proxy, unless the server
is told to trust its forwarded headers). When a subject or a client has too many failures
within the window, further attempts are refused (HTTP 429 with ``Retry-After``) before
any password or token is checked. A successful sign-in forgets the failures of its own
pair only, so signing in to one's own account does not reset the count of an address
that tries other names.

An attempt is counted when it starts and taken back when it succeeds, so concurrent
attempts cannot slip past the limit. The counts live in memory: each server process
(uvicorn worker) counts on its own, and a restart forgets them.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine
from starlette.requests import Request

from pactwatch.api.accounts import Principal, authenticate, principal_for_token
from pactwatch.api.errors import AuthRequiredError, TooManyAttemptsError
from pactwatch.errors import ConfigError
from pactwatch.settings import Settings

log = logging.getLogger("pactwatch.web")

ANY = ""  # the subject of attempts that name nobody (API tokens)
MAX_PAIRS = 100_000  # (subject, client) pairs kept at most; the stalest go first


class FailureLimiter:
    """Failures in a sliding window by (subject, client); thread-safe, per process."""

    def __init__(
        self,
        *,
        window_s: float,
        per_subject: int | None,
        per_client: int | None,
        clock: Callable[[], float] = time.monotonic,
        max_pairs: int = MAX_PAIRS,
    ) -> None:
        for what, n in (("per_subject", per_subject), ("per_client", per_client)):
            if n is not None and n <= 0:
                raise ConfigError(f"the failure limit {what} must be positive, got {n}")
        if window_s <= 0:
            raise ConfigError(f"the failure window must be positive, got {window_s}")
        self.window_s = window_s
        self.per_subject = per_subject
        self.per_client = per_client
        self._clock = clock
        self._max_pairs = max_pairs
        self._lock = threading.Lock()
        self._pairs: dict[tuple[str, str], deque[float]] = {}
        self._by_subject: dict[str, set[str]] = {}
        self._by_client: dict[str, set[str]] = {}

    def attempt(self, subject: str, client: str) -> int:
        """0 when the attempt may go ahead (it counts as a failure until ``succeeded`` or
        ``not_failed``); else the seconds to wait, and nothing is counted."""
        with self._lock:
            now = self._clock()
            wait = max(
                self._wait(now, [(subject, c) for c in self._by_subject.get(subject, ())], self.per_subject),
                self._wait(now, [(s, client) for s in self._by_client.get(client, ())], self.per_client),
            )
            if wait == 0:
                self._add(subject, client, now)
            return wait

    def not_failed(self, subject: str, client: str) -> None:
        """Take back one attempt of the pair (it was not a failure)."""
        with self._lock:
            times = self._pairs.get((subject, client))
            if times:
                times.pop()
                if not times:
                    self._drop((subject, client))

    def succeeded(self, subject: str, client: str) -> None:
        """Forget every failure of the pair (a successful sign-in)."""
        with self._lock:
            self._drop((subject, client))

    def failures(self, subject: str | None = None, client: str | None = None) -> int:
        """Failures within the window, of a subject, of a client, or of both together."""
        with self._lock:
            now = self._clock()
            keys = [k for k in list(self._pairs) if subject in (None, k[0]) and client in (None, k[1])]
            return sum(len(self._live(k, now)) for k in keys)

    # -- inside the lock -------------------------------------------------------------------

    def _live(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._pairs.get(key, deque())
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if not times:
            self._drop(key)
        return times

    def _wait(self, now: float, keys: list[tuple[str, str]], limit: int | None) -> int:
        if limit is None:
            return 0
        times = sorted(t for k in keys for t in self._live(k, now))
        if len(times) < limit:
            return 0
        # below the limit again once all but limit-1 of them have left the window
        frees_at = times[len(times) - limit] + self.window_s
        return max(1, math.ceil(frees_at - now))

    def _add(self, subject: str, client: str, now: float) -> None:
        key = (subject, client)
        if key not in self._pairs:
            if len(self._pairs) >= self._max_pairs:
                self._evict(now)
            self._pairs[key] = deque()
            self._by_subject.setdefault(subject, set()).add(client)
            self._by_client.setdefault(client, set()).add(subject)
        self._pairs[key].append(now)

    def _drop(self, key: tuple[str, str]) -> None:
        if self._pairs.pop(key, None) is None:
            return
        subject, client = key
        for index, k, v in ((self._by_subject, subject, client), (self._by_client, client, subject)):
            members = index.get(k)
            if members is not None:
                members.discard(v)
                if not members:
                    del index[k]

    def _evict(self, now: float) -> None:
        for key in list(self._pairs):
            self._live(key, now)
        if len(self._pairs) >= self._max_pairs:
            stalest = sorted(self._pairs, key=lambda k: self._pairs[k][-1])
            gone = stalest[: len(stalest) - self._max_pairs * 9 // 10]
            for key in gone:
                self._drop(key)
            log.warning("failure limiter full: forgot the failures of %d stale pairs", len(gone))


@dataclass(frozen=True, slots=True)
class Throttles:
    """The web app's limiters: sign-ins (by user name and address), API tokens (by address)."""

    login: FailureLimiter
    tokens: FailureLimiter

    @classmethod
    def from_settings(cls, settings: Settings, *, clock: Callable[[], float] = time.monotonic) -> Throttles:
        window = settings.login_window_s
        return cls(
            login=FailureLimiter(
                window_s=window,
                per_subject=settings.login_max_failures,
                per_client=settings.login_max_failures_per_ip,
                clock=clock,
            ),
            tokens=FailureLimiter(
                window_s=window, per_subject=None, per_client=settings.token_max_failures, clock=clock
            ),
        )


def client_address(request: Request) -> str:
    """The address the request came from (the proxy's, behind a reverse proxy)."""
    return request.client.host if request.client else "unknown"


def _in(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{math.ceil(seconds / 60)} minutes"


def sign_in(
    limiter: FailureLimiter, engine: Engine, url: str, name: str, password: str, client: str
) -> Principal | None:
    """``accounts.authenticate`` behind the limiter: the user, None for a wrong name or
    password (counted), TooManyAttemptsError (nothing checked) when over the limit."""
    subject = name.strip()
    wait = limiter.attempt(subject, client)
    if wait:
        log.info("sign-in refused (too many failures): user %r from %s", subject[:100], client)
        raise TooManyAttemptsError(
            f"Too many failed sign-ins for this user or from this address; try again in {_in(wait)}.",
            retry_after=wait,
        )
    try:
        who = authenticate(engine, url, name, password)
    except BaseException:
        limiter.not_failed(subject, client)  # the store failed, not the user
        raise
    if who is not None:
        limiter.succeeded(subject, client)
    return who


def token_user(limiter: FailureLimiter, engine: Engine, url: str, token: str, client: str) -> Principal:
    """``accounts.principal_for_token`` behind the limiter: the token's user; AuthRequiredError
    for a bad token (counted); TooManyAttemptsError (nothing checked) when over the limit."""
    wait = limiter.attempt(ANY, client)
    if wait:
        log.info("API token refused (too many bad tokens) from %s", client)
        raise TooManyAttemptsError(
            f"Too many bad API tokens from this address; try again in {_in(wait)}.", retry_after=wait
        )
    try:
        who = principal_for_token(engine, url, token)
    except BaseException:
        limiter.not_failed(ANY, client)
        raise
    if who is None:
        raise AuthRequiredError("the API token is not valid (unknown or revoked)")
    limiter.not_failed(ANY, client)
    return who
