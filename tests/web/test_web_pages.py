"""The HTML pages: each renders, shows what it should, and links facts to their sentences."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest


@pytest.mark.parametrize(
    ("path", "expect"),
    [
        ("/", ["Latest accords", "Due soon", "Country pairs", "AK-203 contract"]),
        ("/events", ["AK-203 contract", "defence talks", "CSV of this table"]),
        ("/events?type=meeting&sort=title&order=asc", ["defence talks"]),
        ("/search?q=AK-203", ["1 events match", "AK-203 contract"]),
        ("/pairs/IND-RUS", ["<svg", "Timeline", "Sergei Shoigu", "defence talks"]),
        ("/entities", ["Sergei Shoigu", "India"]),
        ("/entities/country:IND", ["Partners", "<svg", "/pairs/IND-RUS"]),
        ("/documents", ["hindustan/1", "evil/4"]),
        ("/review", ["Review log", "Latest events"]),
        ("/ingest", ["Paste an article", "Sign in"]),
        ("/login", ["Sign in", 'name="csrf_token"']),
    ],
    ids=[
        "home",
        "events",
        "events-sorted",
        "search",
        "pair",
        "entities",
        "country",
        "documents",
        "review",
        "ingest",
        "login",
    ],
)
def test_page_renders(sqlite_env: Any, path: str, expect: list[str]) -> None:
    r = sqlite_env.client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    for text in expect:
        assert text in r.text, text


def test_event_page_highlights_evidence_and_conflict(sqlite_env: Any) -> None:
    html = sqlite_env.client.get(f"/events/{sqlite_env.ids['ak']}").text
    assert '<mark class="hl t-accord"' in html
    assert "601,427 AK-203 rifles" in html and "600,000 AK-203" in html
    assert "Where the sources disagree" in html and 'class="alt chosen"' in html
    assert f"/documents/{sqlite_env.ids['doc:hindustan/1']}" in html


def test_person_page_roles_meetings(sqlite_env: Any) -> None:
    people = sqlite_env.client.get("/api/entities", params={"q": "Shoigu"}).json()["items"]
    html = sqlite_env.client.get(f"/entities/{people[0]['id']}").text
    assert "Roles over time" in html and "Defence Minister" in html and "defence talks" in html


def test_document_page_types_every_span(sqlite_env: Any) -> None:
    html = sqlite_env.client.get(f"/documents/{sqlite_env.ids['doc:tribune/3']}").text
    assert '<mark class="hl t-meeting" title="#1 meeting (held): defence talks">' in html


def test_csv_is_what_the_table_shows(sqlite_env: Any) -> None:
    r = sqlite_env.client.get("/events.csv", params={"sort": "title", "order": "asc", "limit": 2})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    table = sqlite_env.client.get("/api/events", params={"sort": "title", "order": "asc", "limit": 2}).json()[
        "items"
    ]
    assert [row["id"] for row in rows] == [e["id"] for e in table]


def test_csv_cells_cannot_be_formulas(sqlite_env: Any) -> None:
    from pactwatch.web.pages import _csv_cell

    assert _csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _csv_cell(["IND", "RUS"]) == "IND;RUS"


def test_merged_event_redirects(signed_in: Any) -> None:
    r = signed_in.client.post(
        "/api/review",
        json={"target": signed_in.ids["ak"], "action": "merge_same", "other": signed_in.ids["talks"]},
        headers=signed_in.auth(),
    )
    survivor = r.json()["event_id"]
    gone = signed_in.ids["talks"] if survivor == signed_in.ids["ak"] else signed_in.ids["ak"]
    r = signed_in.client.get(f"/events/{gone}", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == f"/events/{survivor}"


def test_ingest_form_shows_what_was_found(signed_in: Any, web: Any) -> None:
    token = web.csrf_of(signed_in.client.get("/ingest").text)
    r = signed_in.client.post(
        "/ingest",
        data={
            "csrf_token": token,
            "published": "2024-05-07",
            "text": "India and Japan on Tuesday signed an agreement on semiconductors.",
        },
    )
    assert r.status_code == 200, r.text[:300]
    assert "Found 1 record" in r.text and "/events/" in r.text


def test_logout(signed_in: Any, web: Any) -> None:
    token = web.csrf_of(signed_in.client.get("/logout").text)
    r = signed_in.client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert "pactwatch_session" not in signed_in.client.cookies
    assert "Sign in" in signed_in.client.get("/").text


def test_highlight_handles_overlaps_and_escapes() -> None:
    from pactwatch.web.render import Span, highlight

    out = str(highlight("a <b> c\u202e", [Span(0, 5, "accord", "x"), Span(2, 8, "meeting", 'y"<')]))
    assert "&lt;b&gt;" in out and "U+202E" in out and "multi" in out and 'title="x; y&#34;&lt;"' in out
