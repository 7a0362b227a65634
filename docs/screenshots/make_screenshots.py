#!/usr/bin/env python3
"""Screenshots of the web app's main pages (desktop and phone) for the README.

    python docs/screenshots/make_screenshots.py [--out docs/screenshots]

Builds a demo register (bundled samples, the merge fixtures, one hostile article) in a
temporary folder, serves it on loopback and photographs it with Debian's Chromium.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

CHROMIUM = "/usr/bin/chromium"
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    from pactwatch.api.accounts import add_user
    from pactwatch.api.app import create_app
    from pactwatch.api.config import WebConfig
    from pactwatch.settings import Settings
    from pactwatch.web.demo import build_demo
    from pactwatch.web.serving import serve_in_thread

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/demo.sqlite"
        with build_demo(url, merge_fixtures=ROOT / "tests" / "fixtures" / "merge") as reg:
            add_user(reg.engine, reg.url, "analyst", "screenshot-password")
            events = reg.events(limit=500).items
            ak = next(e for e in events if e.n_sources > 1 and e.type == "accord")
            doc = reg.event(ak.id).sources[0].document_id
        app = create_app(Settings(db_url=url), config=WebConfig.for_tests())
        shots = [
            ("home", "/"),
            ("events", "/events?pair=IND-RUS"),
            ("event", f"/events/{ak.id}"),
            ("document", f"/documents/{doc}"),
            ("pair", "/pairs/IND-RUS"),
            ("review", f"/review?event={ak.id}"),
        ]
        args.out.mkdir(parents=True, exist_ok=True)
        with serve_in_thread(app) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            desktop = browser.new_context(viewport={"width": 1280, "height": 900})
            pg = desktop.new_page()
            pg.goto(base + "/login")
            pg.fill("input[name=name]", "analyst")
            pg.fill("input[name=password]", "screenshot-password")
            pg.click("form button[type=submit]")
            pg.wait_for_url(base + "/")
            for name, path in shots:
                pg.goto(base + path)
                pg.screenshot(path=str(args.out / f"{name}-desktop.png"), full_page=True)
            phone = browser.new_context(
                viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
            )
            ph = phone.new_page()
            for name, path in shots[:3]:
                ph.goto(base + path)
                ph.screenshot(path=str(args.out / f"{name}-phone.png"), full_page=False)
            browser.close()
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
