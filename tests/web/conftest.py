"""Fixtures for the web app: a register with hand-built records (two sources that disagree,
a meeting, a malicious article), a user and an API token, and TestClients."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

TEXT_HD = "India and Russia on Monday signed a contract for 601,427 AK-203 rifles, Sergei Shoigu said."
TEXT_WIRE = "Russia and India signed a deal on Monday for 600,000 AK-203 assault rifles in New Delhi."
TEXT_TALKS = "Defence Minister Sergei Shoigu held talks with Rajnath Singh in New Delhi on Monday."
EVIL = (
    "Kenya and Vietnam signed a memorandum on rice. <script>alert(1)</script> "
    '<img src=x onerror="alert(2)"> <a href="javascript:alert(3)">read more</a> '
    "Invoice \u202egnp.exe and zero\u200bwidth \u2066isolate\u2069 end."
)
AK = {
    "type": "accord",
    "kind": "contract",
    "date": "2021-12-06",
    "parties": ["IND", "RUS"],
    "title": "AK-203 contract",
    "item": "AK-203 assault rifle",
    "participants": [{"name": "Sergei Shoigu", "role": "Defence Minister", "country": "RUS"}],
}
PASSWORD = "correct horse battery staple"


@dataclass
class Env:
    url: str
    app: Any
    client: Any
    token: str
    ids: dict[str, str]

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def build_register(url: str, extraction: Any) -> dict[str, str]:
    """Ingest the fixture documents; ids of their events and documents by name."""
    from pactwatch.register import Register

    evil_start = EVIL.index("<script>")
    with Register(url) as reg:
        reg.ingest_extractions(
            [
                extraction("hindustan/1", TEXT_HD, "2021-12-06", [{**AK, "quantity": 601427}]),
                extraction("wire/2", TEXT_WIRE, "2021-12-06", [{**AK, "quantity": 600000}]),
                extraction(
                    "tribune/3",
                    TEXT_TALKS,
                    "2021-12-06",
                    [
                        {
                            "type": "meeting",
                            "kind": "talks",
                            "status": "held",
                            "date": "2021-12-06",
                            "parties": ["IND", "RUS"],
                            "title": "defence talks",
                            "place": "New Delhi",
                            "participants": [
                                {"name": "Sergei Shoigu", "role": "Defence Minister", "country": "RUS"},
                                {"name": "Rajnath Singh", "role": "Defence Minister", "country": "IND"},
                            ],
                        }
                    ],
                ),
                extraction(
                    "evil/4",
                    EVIL,
                    "2022-03-01",
                    [
                        {
                            "type": "accord",
                            "kind": "mou",
                            "date": "2022-03-01",
                            "parties": ["KEN", "VNM"],
                            "title": 'rice MoU <script>alert("title")</script>',
                            "evidence": [
                                {"start": evil_start, "end": len(EVIL) - 4, "text": EVIL[evil_start:-4]}
                            ],
                        }
                    ],
                ),
            ]
        )
        ids: dict[str, str] = {}
        for e in reg.events(limit=50).items:
            if e.type == "meeting":
                ids["talks"] = e.id
            elif "KEN" in e.parties:
                ids["evil"] = e.id
            else:
                ids["ak"] = e.id
        for d in reg.documents().items:
            ids["doc:" + d.source] = d.id
    return ids


def make_env(url: str, extraction: Any) -> Env:
    from fastapi.testclient import TestClient

    from pactwatch.api.accounts import add_user, create_token
    from pactwatch.api.app import create_app
    from pactwatch.api.config import WebConfig
    from pactwatch.register import Register
    from pactwatch.settings import Settings

    ids = build_register(url, extraction)
    with Register(url) as reg:
        add_user(reg.engine, reg.url, "alice", PASSWORD)
        token = create_token(reg.engine, reg.url, "alice")
    app = create_app(Settings(db_url=url), config=WebConfig.for_tests())
    client = TestClient(app, base_url="https://testserver", raise_server_exceptions=False)
    return Env(url, app, client, token, ids)


@pytest.fixture
def env(db_url: str, extraction: Any) -> Iterator[Env]:
    """The app on SQLite and on PostgreSQL (where PACTWATCH_TEST_PG is set)."""
    e = make_env(db_url, extraction)
    with e.client:
        yield e


@pytest.fixture
def sqlite_env(sqlite_url: str, extraction: Any) -> Iterator[Env]:
    """The app on SQLite only (for the page and security tests)."""
    e = make_env(sqlite_url, extraction)
    with e.client:
        yield e


CSRF_RE = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def csrf_of(html: str) -> str:
    m = CSRF_RE.search(html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def login(client: Any, name: str = "alice", password: str = PASSWORD) -> Any:
    page = client.get("/login")
    return client.post(
        "/login",
        data={"name": name, "password": password, "next": "/", "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )


@pytest.fixture
def signed_in(sqlite_env: Env) -> Env:
    r = login(sqlite_env.client)
    assert r.status_code == 303, r.text
    return sqlite_env


class Helpers:
    csrf_of = staticmethod(csrf_of)
    login = staticmethod(login)
    EVIL = EVIL
    PASSWORD = PASSWORD


@pytest.fixture
def web() -> type[Helpers]:
    """csrf_of(html), login(client), and the fixture texts."""
    return Helpers
