"""Watchlist fixtures: small hand-built extractions, a register that allows loopback
webhooks, and a webhook receiver on 127.0.0.1 in a thread."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from pactwatch.register import Register
from pactwatch.settings import Settings

SIGNED_TEXT = "India and Russia on Monday signed a contract for 601,427 AK-203 rifles in New Delhi."
AK = {
    "type": "accord",
    "kind": "contract",
    "status": "signed",
    "date": "2021-12-06",
    "parties": ["IND", "RUS"],
    "title": "AK-203 contract",
    "quantity": 601427,
    "item": "AK-203 assault rifle",
}
CONFIRM_TEXT = "Russia and India signed a deal on Monday for 601,427 AK-203 rifles, officials said."
CANCEL_TEXT = "The India-Russia AK-203 rifle contract has been cancelled, the ministry said."
CANCELLED = {**AK, "status": "cancelled", "date": "2022-05-02"}
SUMMIT_TEXT = "Japan and Australia held a 2+2 ministerial meeting in Tokyo on Wednesday."
SUMMIT = {
    "type": "meeting",
    "kind": "2+2 ministerial meeting",
    "status": "held",
    "date": "2022-03-02",
    "parties": ["JPN", "AUS"],
    "title": "Japan-Australia 2+2",
    "place": "Tokyo",
}


@pytest.fixture
def docs(extraction) -> dict[str, Any]:
    """Named extractions: the signing, a second report of it, its cancellation, a meeting."""
    return {
        "signed": extraction("hindu/1", SIGNED_TEXT, "2021-12-06", [AK]),
        "confirm": extraction("wire/2", CONFIRM_TEXT, "2021-12-06", [AK]),
        "cancelled": extraction("mint/3", CANCEL_TEXT, "2022-05-02", [CANCELLED]),
        "summit": extraction("abc/4", SUMMIT_TEXT, "2022-03-02", [SUMMIT]),
    }


@pytest.fixture
def reg(db_url: str) -> Iterator[Register]:
    r = Register(Settings(db_url=db_url, fetch_allow_hosts=("127.0.0.1",), fetch_timeout_s=5.0))
    yield r
    r.close()


@dataclass
class Receiver:
    """What the webhook server got; ``fail`` answers the next N requests with 503."""

    url: str
    bodies: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    fail: int = 0


@pytest.fixture
def hook() -> Iterator[Receiver]:
    state: Receiver

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            if state.fail > 0:
                state.fail -= 1
                self.send_response(503)
                self.end_headers()
                return
            state.bodies.append(json.loads(body))
            state.headers.append({k.lower(): v for k, v in self.headers.items()})
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state = Receiver(f"http://127.0.0.1:{server.server_address[1]}/hook")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
