"""A tiny HTTP server on 127.0.0.1 for the sources tests (a thread inside the test process).

Routes are plain data: path -> Route. A route may delay before answering, drip its body
slowly, gzip it, or redirect; every loop is bounded.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # before the headers
    drip_s: float = 0.0  # between 1-byte pieces of the body (at most 200 pieces)
    etag: str | None = None  # answer 304 to a matching If-None-Match
    raw_encoding: str | None = None  # body is already encoded (e.g. gzip), sent as is
    length: bool = True  # send Content-Length
    stream: Callable[[], object] | None = None


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(self.path)
                if route is None:
                    self._send(404, b"not found", "text/plain", {})
                    return
                if route.delay_s:
                    time.sleep(min(route.delay_s, 5.0))
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                headers = dict(route.headers)
                if route.etag:
                    headers["ETag"] = route.etag
                if route.raw_encoding:
                    headers["Content-Encoding"] = route.raw_encoding
                if route.drip_s:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    for i in range(min(len(route.body), 200)):
                        try:
                            self.wfile.write(route.body[i : i + 1])
                            self.wfile.flush()
                        except OSError:
                            return
                        time.sleep(route.drip_s)
                    return
                self._send(route.status, route.body, route.content_type, headers, length=route.length)

            def _send(
                self, status: int, body: bytes, ctype: str, headers: dict[str, str], *, length: bool = True
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                for k, v in headers.items():
                    self.send_header(k, v)
                if length:
                    self.send_header("Content-Length", str(len(body)))
                else:
                    self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for start in range(0, len(body), 65536):
                        self.wfile.write(body[start : start + 65536])
                except OSError:
                    pass
                if not length:
                    self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def start(self) -> LocalServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def url(self, path: str) -> str:
        return self.base + path

    def paths_requested(self) -> list[str]:
        return [p for p, _ in self.requests]


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9)
