"""Real headless Chromium (Debian's, driven by Playwright) against the app served by
uvicorn on loopback: home, search, an event with highlighted evidence, sign in, review,
and a hostile article that must stay inert. Skipped where /usr/bin/chromium is missing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("PACTWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MERGE = Path(__file__).resolve().parents[1] / "fixtures" / "merge"
PASSWORD = "browser-test-password"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from pactwatch.api.accounts import add_user
    from pactwatch.api.app import create_app
    from pactwatch.api.config import WebConfig
    from pactwatch.settings import Settings
    from pactwatch.web.demo import build_demo
    from pactwatch.web.serving import serve_in_thread

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'pactwatch.sqlite'}"
    with build_demo(url, merge_fixtures=MERGE) as reg:
        add_user(reg.engine, reg.url, "analyst", PASSWORD)
        hostile = next(d for d in reg.documents(limit=500).items if d.source == "hostile/1")
        events = {e.title: e.id for e in reg.events(limit=500).items}
    app = create_app(Settings(db_url=url), config=WebConfig.for_tests())
    with serve_in_thread(app) as base:
        yield {"base": base, "hostile_doc": hostile.id, "events": events}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def test_home_search_event_evidence(site: dict[str, Any], page: Any) -> None:
    page.goto(site["base"] + "/")
    assert page.locator("h1").first.inner_text() == "The register"
    assert page.locator("svg.chart.bars rect.bar").count() >= 1
    page.fill("header input[name=q]", "AK-203")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=AK-203")
    first = page.locator("table.events tbody tr td a[href^='/events/']").first
    first.click()
    page.wait_for_url("**/events/*")
    marks = page.locator("blockquote.evidence mark.hl")
    assert marks.count() >= 1 and marks.first.is_visible()
    assert "AK-203" in page.locator("blockquote.evidence").first.inner_text()


def test_sign_in_and_review(site: dict[str, Any], page: Any) -> None:
    page.goto(site["base"] + "/login")
    page.fill("input[name=name]", "analyst")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(site["base"] + "/")
    assert "analyst" in page.locator("header nav").inner_text()
    page.goto(site["base"] + "/review")
    page.locator("a.button", has_text="review").first.click()
    page.wait_for_url("**/review?event=*")
    page.fill("form.inline input[name=note]", "checked against the ministry's release")
    page.click("form.inline button[value=confirm]")
    page.wait_for_url("**done=confirm")
    assert "Saved: confirm" in page.locator("p.ok").inner_text()
    assert "analyst" in page.locator("table.log tbody tr").first.inner_text()


def test_hostile_article_stays_inert(site: dict[str, Any], page: Any) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for path in (f"/documents/{site['hostile_doc']}", "/events?q=rice", "/search?q=rice"):
        page.goto(site["base"] + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 1  # /static/app.js only
        assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\"]').length") == 0
    page.goto(site["base"] + f"/documents/{site['hostile_doc']}")
    text = page.locator("article.doctext").inner_text()
    assert "<script>window.__pwned = 1; alert(1)</script>" in text
    assert "U+202E" in text and "U+200B" in text
    ev = next(e for t, e in site["events"].items() if t and "rice" in t)
    page.goto(site["base"] + f"/events/{ev}")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_phone_layout(site: dict[str, Any], browser: Any) -> None:
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    pg = ctx.new_page()
    pg.goto(site["base"] + "/events")
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the screen
    assert not pg.locator("header nav").is_visible()  # the menu is folded
    pg.click("button.menu")
    assert pg.locator("header nav").is_visible()
    ctx.close()
