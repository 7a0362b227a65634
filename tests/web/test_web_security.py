"""Security: writing needs a user (401) and a CSRF token for cookie sessions (403); the
session cookie's flags; security headers; untrusted article text is escaped; URLs of
internal addresses are refused (SSRF); body limits; no stack traces; the secret check."""

from __future__ import annotations

from typing import Any

import pytest

WRITES = [
    ("post", "/api/documents", {"json": {"text": "India and Japan signed a pact."}}),
    ("post", "/api/review", {"json": {"target": "x", "action": "confirm"}}),
]


@pytest.mark.parametrize(("method", "path", "kw"), WRITES, ids=["ingest", "review"])
def test_api_write_without_auth_is_401(sqlite_env: Any, method: str, path: str, kw: dict[str, Any]) -> None:
    r = getattr(sqlite_env.client, method)(path, **kw)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.json()["error"]["type"] == "auth_required"


@pytest.mark.parametrize(
    "token", ["pwt_not-a-real-token", "garbage", "pwt_" + "x" * 300], ids=["unknown", "bad-shape", "long"]
)
def test_bad_token_is_401_even_for_reads(sqlite_env: Any, token: str) -> None:
    r = sqlite_env.client.get("/api/events", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401


def test_tokens_are_stored_hashed(sqlite_env: Any) -> None:
    from sqlalchemy import select

    from pactwatch.register import Register
    from pactwatch.store.auth_tables import api_tokens, users

    with Register(sqlite_env.url) as reg, reg.engine.connect() as conn:
        hashes = conn.execute(select(api_tokens.c.token_hash)).scalars().all()
        pw = conn.execute(select(users.c.password_hash)).scalar_one()
    assert sqlite_env.token not in hashes and len(hashes[0]) == 64
    assert pw.startswith("$argon2id$")


def test_session_cookie_flags(sqlite_env: Any, web: Any) -> None:
    r = web.login(sqlite_env.client)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookies = [v for k, v in r.headers.multi_items() if k == "set-cookie"]
    session = next(c for c in cookies if c.startswith("pactwatch_session="))
    flags = {p.strip().lower() for p in session.split(";")}
    assert {"secure", "httponly", "samesite=lax"} <= flags


@pytest.mark.parametrize(
    ("name", "password"),
    [("alice", "wrong password"), ("mallory", "whatever1")],
    ids=["wrong-password", "unknown-user"],
)
def test_login_refused(sqlite_env: Any, web: Any, name: str, password: str) -> None:
    r = web.login(sqlite_env.client, name, password)
    assert r.status_code == 401 and "wrong password" in r.text
    assert "pactwatch_session" not in sqlite_env.client.cookies


@pytest.mark.parametrize(
    "path", ["/review", "/ingest", "/logout", "/login"], ids=["review", "ingest", "logout", "login"]
)
def test_forms_without_csrf_are_403(signed_in: Any, path: str) -> None:
    r = signed_in.client.post(
        path,
        data={
            "target": signed_in.ids["ak"],
            "action": "confirm",
            "text": "x",
            "name": "alice",
            "password": "x",
        },
    )
    assert r.status_code == 403
    assert "CSRF" in r.text


def test_form_with_wrong_csrf_is_403(signed_in: Any) -> None:
    r = signed_in.client.post(
        "/review", data={"target": signed_in.ids["ak"], "action": "confirm", "csrf_token": "0" * 64}
    )
    assert r.status_code == 403


def test_anonymous_form_post_is_401(sqlite_env: Any, web: Any) -> None:
    token = web.csrf_of(sqlite_env.client.get("/ingest").text)
    r = sqlite_env.client.post(
        "/review", data={"target": sqlite_env.ids["ak"], "action": "confirm", "csrf_token": token}
    )
    assert r.status_code == 401


def test_session_api_write_needs_csrf_header(signed_in: Any, web: Any) -> None:
    body = {"target": signed_in.ids["ak"], "action": "confirm"}
    assert signed_in.client.post("/api/review", json=body).status_code == 403
    token = web.csrf_of(signed_in.client.get("/ingest").text)
    r = signed_in.client.post("/api/review", json=body, headers={"X-CSRF-Token": token})
    assert r.status_code == 200, r.text


def test_review_form_works_and_is_logged(signed_in: Any, web: Any) -> None:
    page = signed_in.client.get(f"/review?event={signed_in.ids['ak']}")
    r = signed_in.client.post(
        "/review",
        data={
            "target": signed_in.ids["ak"],
            "action": "edit",
            "field_title": "AK-203 rifle contract",
            "csrf_token": web.csrf_of(page.text),
        },
        follow_redirects=True,
    )
    assert r.status_code == 200 and "Saved: edit" in r.text
    assert (
        signed_in.client.get(f"/api/events/{signed_in.ids['ak']}").json()["fields"]["title"]
        == "AK-203 rifle contract"
    )


@pytest.mark.parametrize(
    "path",
    ["/", "/events", "/api/events", "/openapi.json", "/static/style.css", "/api/events/nope", "/events/nope"],
    ids=["home", "events", "api", "openapi", "static", "api-404", "page-404"],
)
def test_security_headers(sqlite_env: Any, path: str) -> None:
    h = sqlite_env.client.get(path).headers
    csp = h["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "same-origin"


MALICIOUS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '<a href="javascript:alert(3)">',
    '<script>alert("title")</script>',
    "\u202e",
    "\u200b",
    "\u2066",
]


@pytest.mark.parametrize("page", ["document", "event", "events", "search", "home"], ids=str)
def test_malicious_article_is_escaped(sqlite_env: Any, page: str) -> None:
    ids = sqlite_env.ids
    path = {
        "document": f"/documents/{ids['doc:evil/4']}",
        "event": f"/events/{ids['evil']}",
        "events": "/events",
        "search": "/search?q=rice",
        "home": "/",
    }[page]
    html = sqlite_env.client.get(path).text
    for raw in MALICIOUS:
        assert raw not in html, raw
    if page in ("document", "event"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "U+202E" in html and "U+200B" in html  # invisible characters shown, not obeyed
        assert '<mark class="hl' in html


def test_unicode_filters_do_not_break_pages(sqlite_env: Any) -> None:
    for q in ["\u202eevil", "zero\u200bwidth", "<script>", "' OR 1=1 --", '"unbalanced', "NEAR(a b)", "*"]:
        r = sqlite_env.client.get("/search", params={"q": q})
        assert r.status_code == 200, q
        assert "<script>" not in r.text.split("<main>")[1]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]/",
        "http://localhost/",
        "file:///etc/passwd",
        "gopher://127.0.0.1/",
    ],
    ids=["loopback", "metadata", "private", "ipv6-loopback", "localhost", "file", "gopher"],
)
def test_ssrf_refused(sqlite_env: Any, url: str) -> None:
    r = sqlite_env.client.post("/api/documents", json={"url": url}, headers=sqlite_env.auth())
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["type"] == "fetch_refused_or_failed"
    assert "refused" in err["message"] or "only http and https" in err["message"]


def test_body_limit(sqlite_env: Any) -> None:
    from pactwatch.api.config import UPLOAD_OVERHEAD

    limit = sqlite_env.app.state.settings.max_input_bytes + UPLOAD_OVERHEAD
    big = b"x" * (limit + 10)
    r = sqlite_env.client.post(
        "/api/documents", files=[("file", ("big.txt", big, "text/plain"))], headers=sqlite_env.auth()
    )
    assert r.status_code == 413
    assert r.json()["error"]["type"] == "payload_too_large"


def test_internal_errors_have_no_stack_trace(sqlite_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    reg = sqlite_env.app.state.register

    def boom(*a: Any, **k: Any) -> Any:
        raise RuntimeError("secret internals at /srv/app.py line 42")

    monkeypatch.setattr(reg, "search", boom)
    for path in ("/api/search?q=x", "/search?q=x"):
        r = sqlite_env.client.get(path)
        assert r.status_code == 500
        assert "secret internals" not in r.text and "Traceback" not in r.text


def test_open_redirect_refused(sqlite_env: Any, web: Any) -> None:
    page = sqlite_env.client.get("/login")
    r = sqlite_env.client.post(
        "/login",
        data={
            "name": "alice",
            "password": web.PASSWORD,
            "next": "//evil.example/",
            "csrf_token": web.csrf_of(page.text),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/"


@pytest.mark.parametrize(
    "secret",
    [None, "changethis", "short-secret", "a" * 40],
    ids=["missing", "placeholder", "short", "repetitive"],
)
def test_weak_secret_refused_outside_debug(secret: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    from pactwatch.api.config import WebConfig
    from pactwatch.errors import ConfigError

    monkeypatch.delenv("PACTWATCH_SECRET", raising=False)
    with pytest.raises(ConfigError):
        WebConfig.from_env(debug=False, secret=secret)
    assert WebConfig.from_env(debug=True, secret=secret).ephemeral_secret


def test_good_secret_accepted() -> None:
    from pactwatch.api.config import WebConfig

    cfg = WebConfig.from_env(debug=False, secret="kJ8#xP2q-Lm9!vT4zR7wN1sY6uB3eH5c")
    assert not cfg.ephemeral_secret and not cfg.debug
