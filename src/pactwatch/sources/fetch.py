"""Polite, safe HTTP fetching: the one way pactwatch reads a URL.

Polite: our user agent, robots.txt, a minimum interval between requests to one host.
Safe: only http(s); time and size limits (the size limit holds after gzip/deflate
decoding, so a gzip bomb stops at ``settings.fetch_max_bytes``); addresses are checked
after DNS resolution and the connection goes to the checked address (no DNS rebinding):
loopback, private, link-local (cloud metadata 169.254.169.254), multicast, reserved and
unique-local (fd00::/8) addresses are refused unless the host is in
``settings.fetch_allow_hosts``; redirects are followed by hand, each hop checked, at most
``MAX_REDIRECTS``.

``fetch(url, settings)`` is the one-shot call (the web app's "ingest a URL" form);
``Fetcher`` keeps a client, the robots.txt cache and the per-host clock across many URLs
(feeds, sitemaps, ``pactwatch watch``).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from pactwatch.errors import FetchError
from pactwatch.settings import Settings

MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512 * 1024
MAX_CRAWL_DELAY_S = 30.0
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024

Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True, slots=True)
class FetchedResource:
    """What one successful fetch gave: the body is decoded (no gzip) and within the size limit."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"'")
        return None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_allowed(address: str) -> bool:
    """Whether an IP address is a public unicast address (the only kind fetched by default)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_private or ip.is_reserved or ip.is_link_local)


def host_allowed(host: str, settings: Settings) -> bool:
    """Whether ``host`` is named in ``settings.fetch_allow_hosts`` (exempt from the address rules)."""
    host = host.lower().strip("[]")
    return any(host == h.lower().strip("[]") for h in settings.fetch_allow_hosts)


class _HostClock:
    """At most one request per ``interval`` seconds to each host (thread-safe)."""

    def __init__(self, interval: float, sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()
        self._sleep = sleep

    def wait(self, host: str, delay: float | None = None) -> None:
        gap = max(self.interval, min(delay or 0.0, MAX_CRAWL_DELAY_S))
        with self._lock:
            now = time.monotonic()
            at = max(now, self._next.get(host, now))
            self._next[host] = at + gap
        if at > now:
            self._sleep(at - now)


class _Decoder:
    """Content-Encoding decoding that never produces more than ``limit`` bytes in total."""

    def __init__(self, encoding: str, limit: int) -> None:
        enc = encoding.strip().lower()
        if enc in ("", "identity"):
            self._obj: zlib._Decompress | None = None
        elif enc in ("gzip", "x-gzip"):
            self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self._obj = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise ValueError(f"unsupported content encoding {encoding!r}")
        self._gzip = enc in ("gzip", "x-gzip")
        self._deflate = enc == "deflate"
        self._first = True
        self.limit = limit

    def feed(self, data: bytes, room: int) -> bytes:
        """Decode ``data``; at most ``room + 1`` bytes come out (one more tells it is over)."""
        if self._obj is None:
            return data[: room + 1]
        if self._deflate and self._first and data:
            self._first = False
            if data[0] & 0x0F != 8:  # raw deflate without the zlib header
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
        out = bytearray()
        pending = data
        while pending and len(out) <= room:
            chunk = self._obj.decompress(pending, room + 1 - len(out))
            out += chunk
            pending = self._obj.unconsumed_tail
            if self._obj.eof:
                rest = self._obj.unused_data
                if self._gzip and rest.lstrip(b"\0"):  # a further gzip member
                    self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    pending = rest
                else:
                    break
            elif not chunk and not pending:
                break
        return bytes(out)


def public_addresses(url: str, host: str, port: int, resolver: Resolver) -> list[str]:
    """The addresses ``host`` resolves to, all of them public; else a FetchError naming ``url``.

    Callers connect to the first one, so a name cannot be re-pointed between check and connect."""
    try:
        addresses = list(resolver(host, port))
    except (OSError, UnicodeError) as e:
        raise FetchError(f"{url}: cannot resolve {host} ({e})") from e
    if not addresses:
        raise FetchError(f"{url}: {host} has no address")
    for address in addresses:
        try:
            ok = address_allowed(address)
        except ValueError as e:
            raise FetchError(f"{url}: {host} resolved to a bad address {address!r}") from e
        if not ok:
            raise FetchError(
                f"{url}: refused: {host} resolves to {address}, a loopback, private, link-local "
                "or otherwise non-public address (allow the host with fetch_allow_hosts)"
            )
    return addresses


class Fetcher:
    """Fetches many URLs politely and safely; one per crawl (it holds the robots.txt cache).

    ``client`` may be a shared ``httpx.Client`` (it is not closed here); ``resolver`` and
    ``min_interval_s`` exist for tests. ``respect_robots=False`` is for URLs a person typed.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        client: httpx.Client | None = None,
        min_interval_s: float = 1.0,
        respect_robots: bool = True,
        resolver: Resolver = system_resolver,
    ) -> None:
        self.settings = settings
        self._own_client = client is None
        self._client = client or httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(settings.fetch_timeout_s),
            trust_env=False,
        )
        self._clock = _HostClock(min_interval_s)
        self._robots: dict[str, tuple[urllib.robotparser.RobotFileParser | None, float | None]] = {}
        self._respect_robots = respect_robots
        self._resolver = resolver

    def close(self) -> None:
        if self._own_client:
            self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- public -------------------------------------------------------------------------

    def fetch(self, url: str, *, headers: Mapping[str, str] | None = None) -> FetchedResource:
        """GET ``url`` (following up to ``MAX_REDIRECTS`` checked redirects).

        Returns the resource for a 2xx answer, or for 304 when ``headers`` made the request
        conditional; raises ``FetchError`` (naming the URL) for anything else.
        """
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                target = self._check_url(current)
                delay = self._robots_check(current, target)
                self._clock.wait(target.host_key, delay)
                response_url, status, resp_headers, body = self._get(current, target, headers)
            except FetchError as e:
                if current == url:
                    raise
                raise FetchError(f"{url}: redirected to {e}") from e
            if status in _REDIRECTS:
                location = resp_headers.get("location")
                if not location:
                    raise FetchError(f"{current}: redirect ({status}) without a Location header")
                current = urljoin(current, location.strip())
                continue
            if status == 304 and headers:
                return FetchedResource(url, response_url, status, "", b"", resp_headers)
            if not 200 <= status < 300:
                raise FetchError(f"{current}: HTTP status {status}")
            ctype = resp_headers.get("content-type", "").split(";")[0].strip().lower()
            return FetchedResource(url, response_url, status, ctype, body, resp_headers)
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    # -- address rules --------------------------------------------------------------------

    def _check_url(self, url: str) -> _Target:
        try:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as e:
            raise FetchError(f"{url}: not a valid URL ({e})") from e
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"{url}: only http and https URLs are fetched")
        host = parts.hostname
        if not host:
            raise FetchError(f"{url}: the URL has no host")
        if parts.username or parts.password:
            raise FetchError(f"{url}: URLs with credentials are not fetched")
        if host_allowed(host, self.settings):
            return _Target(parts.scheme, host, port, None)
        addresses = public_addresses(url, host, port, self._resolver)
        return _Target(parts.scheme, host, port, addresses[0])

    # -- robots.txt -----------------------------------------------------------------------

    def _robots_check(self, url: str, target: _Target) -> float | None:
        if not self._respect_robots:
            return None
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        parser, delay = self._robots[origin]
        if parser is not None and not parser.can_fetch(self.settings.user_agent, url):
            raise FetchError(f"{url}: disallowed by {origin}/robots.txt")
        return delay

    def _load_robots(self, origin: str) -> tuple[urllib.robotparser.RobotFileParser | None, float | None]:
        robots_url = origin + "/robots.txt"
        target = self._check_url(robots_url)
        self._clock.wait(target.host_key)
        try:
            _, status, _, body = self._get(robots_url, target, None, limit=ROBOTS_MAX_BYTES)
        except FetchError:
            return None, None  # unreachable robots.txt: fetch the page itself, which reports its own error
        parser = urllib.robotparser.RobotFileParser(robots_url)
        if status in (401, 403) or 400 <= status < 500:
            return None, None  # RFC 9309: no usable robots.txt, everything allowed
        if status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])  # RFC 9309: unreachable means disallowed
            return parser, None
        parser.parse(body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.settings.user_agent)
        return parser, float(delay) if delay is not None else None

    # -- one request ----------------------------------------------------------------------

    def _get(
        self,
        url: str,
        target: _Target,
        headers: Mapping[str, str] | None,
        *,
        limit: int | None = None,
    ) -> tuple[str, int, dict[str, str], bytes]:
        limit = self.settings.fetch_max_bytes if limit is None else limit
        request_headers = {
            "User-Agent": self.settings.user_agent,
            "Accept-Encoding": "gzip, deflate",
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            **(headers or {}),
        }
        request_url, extensions = url, {}
        if target.address is not None:  # connect to the address we checked, not a fresh lookup
            request_url, host_header = _pinned(url, target)
            request_headers["Host"] = host_header
            if target.scheme == "https":
                extensions["sni_hostname"] = target.host
        deadline = time.monotonic() + self.settings.fetch_timeout_s
        try:
            request = self._client.build_request("GET", request_url, headers=request_headers)
            request.extensions.update(extensions)
            response = self._client.send(request, stream=True, follow_redirects=False)
            try:
                status = response.status_code
                resp_headers = {k.lower(): v for k, v in response.headers.items()}
                if status in _REDIRECTS or status == 304:
                    return url, status, resp_headers, b""
                body = self._read_body(url, response, limit, deadline)
            finally:
                response.close()
        except httpx.TimeoutException as e:
            raise FetchError(f"{url}: timed out after {self.settings.fetch_timeout_s:g} s") from e
        except httpx.HTTPError as e:
            raise FetchError(f"{url}: {type(e).__name__}: {e}") from e
        return url, status, resp_headers, body

    def _read_body(self, url: str, response: httpx.Response, limit: int, deadline: float) -> bytes:
        declared = response.headers.get("content-length")
        encoding = response.headers.get("content-encoding", "")
        if (
            declared
            and declared.isdigit()
            and int(declared) > limit
            and encoding.strip().lower() in ("", "identity")
        ):
            raise FetchError(f"{url}: response of {int(declared)} bytes is over the {limit}-byte limit")
        try:
            decoder = _Decoder(encoding, limit)
        except ValueError as e:
            raise FetchError(f"{url}: {e}") from e
        body = bytearray()
        try:
            for raw in response.iter_raw(_CHUNK):
                if time.monotonic() > deadline:
                    raise FetchError(f"{url}: timed out after {self.settings.fetch_timeout_s:g} s")
                body += decoder.feed(raw, limit - len(body))
                if len(body) > limit:
                    raise FetchError(f"{url}: response is over the {limit}-byte limit (after decoding)")
        except zlib.error as e:
            raise FetchError(f"{url}: broken {encoding} encoding ({e})") from e
        return bytes(body)


@dataclass(frozen=True, slots=True)
class _Target:
    scheme: str
    host: str
    port: int
    address: str | None  # the checked address to connect to; None for an allowed host

    @property
    def host_key(self) -> str:
        return f"{self.host}:{self.port}"


def _pinned(url: str, target: _Target) -> tuple[str, str]:
    parts = urlsplit(url)
    address = target.address or target.host
    ip_host = f"[{address}]" if ":" in address else address
    default = 443 if target.scheme == "https" else 80
    netloc = ip_host if target.port == default else f"{ip_host}:{target.port}"
    host_header = target.host if target.port == default else f"{target.host}:{target.port}"
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), host_header


def fetch(
    url: str,
    settings: Settings,
    *,
    client: httpx.Client | None = None,
    headers: Mapping[str, str] | None = None,
    respect_robots: bool = True,
) -> FetchedResource:
    """Fetch one URL with every rule of ``Fetcher`` (raises ``FetchError`` naming the URL)."""
    with Fetcher(settings, client=client, respect_robots=respect_robots, min_interval_s=0.0) as fetcher:
        return fetcher.fetch(url, headers=headers)
