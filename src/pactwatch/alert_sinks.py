"""Where alerts go: printed, appended to a JSONL file, or POSTed to a webhook.

A sink has a ``key`` (``stdout``, ``jsonl:/abs/path``, ``webhook:URL``) under which its
deliveries are remembered, and ``deliver(alert)``, which raises on failure (the check
logs it and retries the delivery next time). Webhooks follow the address rules of
``pactwatch.sources.fetch``: http(s) only, no credentials in the URL, the host's
addresses checked after DNS resolution (loopback, private, link-local, ... refused unless
the host is in ``settings.fetch_allow_hosts``) and the connection made to the checked
address; redirects are not followed; time-limited.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit, urlunsplit

import httpx

from pactwatch.errors import FetchError
from pactwatch.settings import Settings
from pactwatch.sources.fetch import Resolver, host_allowed, public_addresses, system_resolver

if TYPE_CHECKING:
    from pactwatch.watchlist import Alert

__all__ = ["JsonlSink", "PrintSink", "Sink", "WebhookSink", "alert_line", "check_webhook_url", "post_json"]

MAX_RESPONSE_BYTES = 64 * 1024


class Sink(Protocol):
    """Something alerts are delivered to."""

    @property
    def key(self) -> str: ...

    def deliver(self, alert: Alert) -> None: ...


def alert_line(alert: Alert) -> str:
    """One line for people: reason, watch, event id, type, status, date, parties, title/item."""
    e = alert.event
    what = " / ".join(str(x) for x in (e.get("title") or e.get("kind"), e.get("item")) if x)
    status = e.get("current_status") or e.get("status") or ""
    return (
        f"ALERT {alert.reason:<7} [{alert.watch}] {alert.event_id}  {e.get('type', '')} {status} "
        f"{e.get('date') or ''}  {','.join(e.get('parties') or ())}  {what}"
    ).rstrip()


@dataclass(frozen=True, slots=True)
class PrintSink:
    """Prints one line per alert (``write`` defaults to ``print``)."""

    write: Callable[[str], None] = print
    key: str = "stdout"

    def deliver(self, alert: Alert) -> None:
        self.write(alert_line(alert))


@dataclass(frozen=True, slots=True)
class JsonlSink:
    """Appends one JSON object per alert to a file (created with its folder)."""

    path: Path

    @property
    def key(self) -> str:
        return f"jsonl:{Path(self.path).expanduser().resolve()}"

    def deliver(self, alert: Alert) -> None:
        path = Path(self.path).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(alert.to_dict(), ensure_ascii=False, sort_keys=True, default=str)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")


@dataclass(frozen=True, slots=True)
class WebhookSink:
    """POSTs each alert as a JSON body to ``url`` (any 2xx answer is a delivery)."""

    url: str
    settings: Settings
    client: httpx.Client | None = None
    resolver: Resolver = system_resolver
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"webhook:{self.url}"

    def deliver(self, alert: Alert) -> None:
        post_json(
            self.url,
            alert.to_dict(),
            self.settings,
            client=self.client,
            resolver=self.resolver,
            headers=self.headers,
        )


def check_webhook_url(url: str) -> str:
    """The URL if it is a usable webhook address in form (http(s), a host, no credentials)."""
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as e:
        raise FetchError(f"{url}: not a valid URL ({e})") from e
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https webhooks are allowed")
    if not parts.hostname:
        raise FetchError(f"{url}: the URL has no host")
    if parts.username or parts.password:
        raise FetchError(f"{url}: URLs with credentials are not allowed (use headers)")
    return url


def _target(url: str, settings: Settings, resolver: Resolver) -> tuple[str, dict[str, str], dict[str, Any]]:
    """(URL to connect to, extra headers, request extensions) after the address rules."""
    check_webhook_url(url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    default = 443 if parts.scheme == "https" else 80
    port = parts.port or default
    if host_allowed(host, settings):
        return url, {}, {}
    address = public_addresses(url, host, port, resolver)[0]
    ip_host = f"[{address}]" if ":" in address else address
    netloc = ip_host if port == default else f"{ip_host}:{port}"
    host_header = host if port == default else f"{host}:{port}"
    pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    ext = {"sni_hostname": host} if parts.scheme == "https" else {}
    return pinned, {"Host": host_header}, ext


def post_json(
    url: str,
    body: Any,
    settings: Settings,
    *,
    client: httpx.Client | None = None,
    resolver: Resolver = system_resolver,
    headers: Mapping[str, str] | None = None,
) -> int:
    """POST ``body`` as JSON to ``url`` under the address rules; returns the 2xx status.
    Raises ``FetchError`` (naming the URL) for a refused address, a network error, a
    timeout, a redirect or a non-2xx answer."""
    target, extra, ext = _target(url, settings, resolver)
    request_headers = {
        "User-Agent": settings.user_agent,
        "Content-Type": "application/json",
        **extra,
        **(headers or {}),
    }
    data = json.dumps(body, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    own = client is None
    http = client or httpx.Client(
        follow_redirects=False, timeout=httpx.Timeout(settings.fetch_timeout_s), trust_env=False
    )
    try:
        request = http.build_request("POST", target, headers=request_headers, content=data)
        request.extensions.update(ext)
        response = http.send(request, stream=True, follow_redirects=False)
        try:
            status = response.status_code
            read = 0
            for chunk in response.iter_raw(16 * 1024):  # drain a little, never a huge answer
                read += len(chunk)
                if read > MAX_RESPONSE_BYTES:
                    break
        finally:
            response.close()
    except httpx.TimeoutException as e:
        raise FetchError(f"{url}: timed out after {settings.fetch_timeout_s:g} s") from e
    except httpx.HTTPError as e:
        raise FetchError(f"{url}: {type(e).__name__}: {e}") from e
    finally:
        if own:
            http.close()
    if not 200 <= status < 300:
        raise FetchError(f"{url}: HTTP status {status}")
    return status
