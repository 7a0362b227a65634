"""The REST API on SQLite and PostgreSQL: listing, paging, filters, sorting, one event,
entities, documents, search, pairs, ingest, review; JSON errors with the right status."""

from __future__ import annotations

from typing import Any

import pytest


def test_events_page_has_items_and_paging(env: Any) -> None:
    r = env.client.get("/api/events", params={"limit": 2})
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"items", "total", "limit", "offset", "links"}
    assert body["total"] == 3 and len(body["items"]) == 2 and body["limit"] == 2
    assert body["links"]["next"].endswith("offset=2") and body["links"]["prev"] is None
    nxt = env.client.get(body["links"]["next"]).json()
    assert len(nxt["items"]) == 1 and nxt["links"]["prev"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "meeting"}, {"talks"}),
        ({"party": ["IND", "RUS"]}, {"ak", "talks"}),
        ({"pair": "KEN-VNM"}, {"evil"}),
        ({"status": "held"}, {"talks"}),
        ({"since": "2022"}, {"evil"}),
        ({"until": "2021-12"}, {"ak", "talks"}),
        ({"item": "ak-203"}, {"ak"}),
        ({"q": "rice"}, {"evil"}),
        ({"type": "", "status": ""}, {"ak", "talks", "evil"}),
    ],
    ids=["type", "parties", "pair", "status", "since", "until", "item", "text", "empty-means-any"],
)
def test_event_filters(env: Any, params: dict[str, Any], expected: set[str]) -> None:
    r = env.client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    got = {k for k, v in env.ids.items() if v in {e["id"] for e in r.json()["items"]}}
    assert got == expected


@pytest.mark.parametrize("order", ["asc", "desc"], ids=["asc", "desc"])
def test_events_sorted_by_title(env: Any, order: str) -> None:
    items = env.client.get("/api/events", params={"sort": "title", "order": order}).json()["items"]
    titles = [e["title"] for e in items]
    assert titles == sorted(titles, reverse=order == "desc")


def test_event_detail_has_sources_evidence_and_conflict(env: Any) -> None:
    r = env.client.get(f"/api/events/{env.ids['ak']}")
    assert r.status_code == 200
    d = r.json()
    assert d["summary"]["n_sources"] == 2
    assert "quantity" in d["conflicts"]
    assert {s["source"] for s in d["sources"]} == {"hindustan/1", "wire/2"}
    assert all(s["evidence"] and s["evidence"][0]["text"] for s in d["sources"])


@pytest.mark.parametrize(
    ("path", "status", "kind"),
    [
        ("/api/events/nope", 404, "not_found"),
        ("/api/entities/person:nobody", 404, "not_found"),
        ("/api/documents/abc123", 404, "not_found"),
        ("/api/events?limit=0", 422, "validation_error"),
        ("/api/events?limit=100000", 422, "validation_error"),
        ("/api/events?type=treaty", 422, "validation_error"),
        ("/api/events?since=yesterday", 422, "validation_error"),
        ("/api/search", 422, "validation_error"),
        ("/api/nothing-here", 404, "not_found"),
    ],
    ids=[
        "event",
        "entity",
        "document",
        "limit-0",
        "limit-huge",
        "bad-type",
        "bad-date",
        "search-no-q",
        "no-route",
    ],
)
def test_json_errors(env: Any, path: str, status: int, kind: str) -> None:
    r = env.client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    err = r.json()["error"]
    assert err["status"] == status and err["type"] == kind and err["message"]
    assert "Traceback" not in r.text


def test_entities_and_entity(env: Any) -> None:
    page = env.client.get("/api/entities", params={"kind": "person"}).json()
    names = {e["name"] for e in page["items"]}
    assert "Sergei Shoigu" in names
    shoigu = next(e for e in page["items"] if e["name"] == "Sergei Shoigu")
    d = env.client.get(f"/api/entities/{shoigu['id']}").json()
    assert any(r["role"] == "Defence Minister" for r in d["roles"])
    assert {e["id"] for e in d["events"]} >= {env.ids["talks"]}
    country = env.client.get("/api/entities/country:IND").json()
    assert {p["party"] for p in country["partners"]} == {"RUS"}


def test_document_has_text_and_records(env: Any) -> None:
    d = env.client.get(f"/api/documents/{env.ids['doc:hindustan/1']}").json()
    assert d["text"].startswith("India and Russia")
    assert d["records"][0]["event_id"] == env.ids["ak"]
    assert env.client.get("/api/documents").json()["total"] == 4


def test_search_pair_overview(env: Any) -> None:
    hits = env.client.get("/api/search", params={"q": "AK-203"}).json()
    assert [e["id"] for e in hits["items"]] == [env.ids["ak"]]
    pair = env.client.get("/api/pairs/rus-ind").json()
    assert {e["id"] for e in pair["events"]} == {env.ids["ak"], env.ids["talks"]}
    assert {p["name"] for p in pair["people"]} >= {"Sergei Shoigu", "Rajnath Singh"}
    ov = env.client.get("/api/overview", params={"today": "2021-01-01"}).json()
    assert ov["pairs"][0] == {"a": "IND", "b": "RUS", "events": 2}
    assert ov["counts"]["accord"] == 2 and ov["counts"]["documents"] == 4


def test_ingest_text_with_token_returns_records(env: Any) -> None:
    text = "India and Japan on Tuesday signed an agreement on semiconductors in Tokyo, officials said."
    r = env.client.post(
        "/api/documents", json={"text": text, "published": "2024-05-07", "title": "chips"}, headers=env.auth()
    )
    assert r.status_code == 201, r.text
    body = r.json()
    doc = body["documents"][0]
    assert doc["outcome"] == "new" and doc["document_id"] and doc["title"] == "chips"
    assert body["records"] >= 1 and body["events"]
    assert any(rec["type"] == "accord" and set(rec["parties"]) == {"IND", "JPN"} for rec in doc["records"])
    again = env.client.post(
        "/api/documents", json={"text": text, "published": "2024-05-07"}, headers=env.auth()
    )
    assert again.json()["documents"][0]["outcome"] == "duplicate"


def test_ingest_file_upload(env: Any) -> None:
    files = [
        (
            "file",
            (
                "a.txt",
                b"published: 2024-01-02\n---\nEgypt and Kazakhstan held talks in Cairo on Monday.\n",
                "text/plain",
            ),
        )
    ]
    r = env.client.post("/api/documents", files=files, headers=env.auth())
    assert r.status_code == 201, r.text
    assert r.json()["documents"][0]["source"] == "upload:a.txt"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 422),
        ({"text": "x", "html": "<p>x</p>"}, 422),
        ({"text": "x", "bogus": 1}, 422),
        ({"text": ""}, 422),
    ],
    ids=["nothing", "text-and-html", "unknown-field", "empty-text"],
)
def test_ingest_bad_bodies(env: Any, body: dict[str, Any], status: int) -> None:
    r = env.client.post("/api/documents", json=body, headers=env.auth())
    assert r.status_code == status
    assert r.json()["error"]["type"] == "validation_error"


def test_ingest_failed_document_is_reported(env: Any) -> None:
    r = env.client.post(
        "/api/documents", json={"html": "<html><body><p>too short</p></body></html>"}, headers=env.auth()
    )
    assert r.status_code == 201
    assert r.json()["documents"][0]["outcome"] == "failed"


def test_review_edit_is_logged_and_survives_reingest(env: Any, extraction: Any) -> None:
    from conftest import AK, TEXT_HD
    from pactwatch.register import Register

    r = env.client.post(
        "/api/review",
        json={"target": env.ids["ak"], "action": "edit", "changes": {"quantity": 601427}},
        headers=env.auth(),
    )
    assert r.status_code == 200, r.text
    assert r.json()["who"] == "alice" and r.json()["review_id"]
    with Register(env.url) as reg:  # the same document again, from a newer extractor
        reg.ingest_extractions(
            [extraction("hindustan/1", TEXT_HD, "2021-12-06", [{**AK, "quantity": 5}], "test/2")]
        )
    d = env.client.get(f"/api/events/{env.ids['ak']}").json()
    assert d["fields"]["quantity"] == 601427
    log = env.client.get("/api/review").json()
    assert log["items"][0]["who"] == "alice" and log["items"][0]["after"] == {"quantity": 601427}


def test_review_merge_same_and_different(env: Any) -> None:
    r = env.client.post(
        "/api/review",
        json={"target": env.ids["ak"], "action": "merge_same", "other": env.ids["talks"]},
        headers=env.auth(),
    )
    assert r.status_code == 200, r.text
    survivor = r.json()["event_id"]
    merged = env.client.get(f"/api/events/{env.ids['talks']}").json()  # the old id still resolves
    assert merged["summary"]["id"] == survivor
    rec = next(s["record_id"] for s in merged["sources"] if s["source"] == "tribune/3")
    other = next(s["record_id"] for s in merged["sources"] if s["source"] == "hindustan/1")
    r = env.client.post(
        "/api/review", json={"target": other, "action": "merge_different", "other": rec}, headers=env.auth()
    )
    assert r.status_code == 200, r.text
    assert len(set(r.json()["event_ids"])) == 2


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"target": "nope", "action": "confirm"}, 404),
        ({"target": "x", "action": "explode"}, 422),
        ({"target": "x", "action": "merge_same"}, 400),
    ],
    ids=["unknown-target", "unknown-action", "merge-without-other"],
)
def test_review_errors(env: Any, body: dict[str, Any], status: int) -> None:
    r = env.client.post("/api/review", json=body, headers=env.auth())
    assert r.status_code == status, r.text
    assert "error" in r.json()


def test_openapi_documents_examples_and_paths(env: Any) -> None:
    spec = env.client.get("/openapi.json").json()
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/search",
        "/api/review",
    ):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/documents"] and "post" in spec["paths"]["/api/review"]
    assert spec["components"]["schemas"]["EventSummaryPublic"]["examples"]
    assert "multipart/form-data" in spec["paths"]["/api/documents"]["post"]["requestBody"]["content"]
    assert not any(p.startswith(("/events", "/login")) for p in spec["paths"])  # pages are not API


def test_reject_an_event_then_restore_it(env: Any) -> None:
    ak = env.ids["ak"]
    r = env.client.post("/api/review", json={"target": ak, "action": "reject"}, headers=env.auth())
    assert r.status_code == 200, r.text
    assert env.client.get(f"/api/events/{ak}").status_code == 404
    assert ak not in {e["id"] for e in env.client.get("/api/events?limit=200").json()["items"]}
    page = env.client.get(f"/review?event={ak}")  # the review page says where the event went
    assert page.status_code == 200 and "has no records left" in page.text and 'value="restore"' in page.text
    r = env.client.post("/api/review", json={"target": ak, "action": "restore"}, headers=env.auth())
    assert r.status_code == 200, r.text
    restored = env.client.get(f"/api/events/{r.json()['event_id']}").json()
    assert {s["source"] for s in restored["sources"]} >= {"hindustan/1", "wire/2"}
