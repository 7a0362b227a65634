#!/usr/bin/env python3
"""Web benchmark: requests/s and latency (median, p95) of the event search and the event
page, HTML and JSON, with a local load generator (httpx clients in threads, a fixed number
of requests) against ``pactwatch serve`` on loopback (a separate process).

    python bench/bench_web.py [--records 100000] [--requests 400] [--threads 4] [--markdown]

The database: a base of synthetic reports stored through ``Register.ingest_extractions``
(the real store: merging, evidence, search index), then cloned with fresh ids in bulk
(SQLAlchemy Core inserts into the store's tables) up to ``--records`` records, because
ingesting record by record runs at ~40 records/s on this 2-core machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from pactwatch.model import Extraction  # noqa: E402
from pactwatch.register import Register  # noqa: E402

BASE_EVENTS = 3000  # ~7,500 records through the real store


def _h(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32]


def build(url: str, records: int) -> tuple[int, int, float]:
    """A register of about ``records`` records; (records, events, seconds)."""
    from bench_store import synthetic
    from sqlalchemy import func, insert, select

    from pactwatch.store import tables as t
    from pactwatch.store.search import insert_fts

    t0 = time.perf_counter()
    reg = Register(url)
    reg.ingest_extractions(Extraction(d, (r,), "bench/1") for d, r, _ in synthetic(BASE_EVENTS, seed=5))
    with reg.engine.connect() as conn:
        base = {
            name: [dict(r._mapping) for r in conn.execute(select(tab))]
            for name, tab in (
                ("documents", t.documents),
                ("records", t.records),
                ("record_parties", t.record_parties),
                ("evidence", t.evidence),
                ("mentions", t.mentions),
                ("events", t.events),
                ("event_parties", t.event_parties),
            )
        }
        n_base = len(base["records"])
    copies = max(0, -(-records // n_base) - 1)
    sqlite = reg.engine.dialect.name == "sqlite"
    for k in range(1, copies + 1):
        doc_id = {d["id"]: _h("d", d["id"], k) for d in base["documents"]}
        rec_id = {r["id"]: _h("r", r["id"], k) for r in base["records"]}
        ev_id = {e["id"]: _h("e", e["id"], k) for e in base["events"]}
        rows: dict[Any, list[dict[str, Any]]] = {
            t.documents: [
                {**d, "id": doc_id[d["id"]], "source": f"{d['source']}#{k}"} for d in base["documents"]
            ],
            t.records: [
                {
                    **r,
                    "id": rec_id[r["id"]],
                    "document_id": doc_id[r["document_id"]],
                    "event_id": ev_id.get(r["event_id"]),
                }
                for r in base["records"]
            ],
            t.record_parties: [{**p, "record_id": rec_id[p["record_id"]]} for p in base["record_parties"]],
            t.evidence: [
                {
                    **e,
                    "id": _h("v", e["id"], k),
                    "record_id": rec_id[e["record_id"]],
                    "document_id": doc_id[e["document_id"]],
                }
                for e in base["evidence"]
            ],
            t.mentions: [
                {
                    **m,
                    "id": _h("m", m["id"], k),
                    "record_id": rec_id[m["record_id"]],
                    "document_id": doc_id[m["document_id"]],
                }
                for m in base["mentions"]
            ],
            t.events: [
                {**e, "id": ev_id[e["id"]], "data": _remap(e["data"], rec_id)} for e in base["events"]
            ],
            t.event_parties: [{**p, "event_id": ev_id[p["event_id"]]} for p in base["event_parties"]],
        }
        with reg.engine.begin() as conn:
            for table, batch in rows.items():
                conn.execute(insert(table), batch)
            if sqlite:
                insert_fts(conn, [(e["id"], e["day"], e["search_text"]) for e in rows[t.events]])
    with reg.engine.connect() as conn:
        n_rec = conn.execute(select(func.count()).select_from(t.records)).scalar_one()
        n_ev = conn.execute(select(func.count()).select_from(t.events)).scalar_one()
    reg.close()
    return n_rec, n_ev, time.perf_counter() - t0


def _remap(data: Any, rec_id: dict[str, str]) -> Any:
    d = data if isinstance(data, dict) else json.loads(data)
    return {**d, "records": [rec_id.get(r, r) for r in d.get("records", [])]}


def serve(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PACTWATCH_SECRET": secrets.token_urlsafe(48),
        "PACTWATCH_DB": url,
        "PYTHONPATH": str(ROOT / "src"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", "from pactwatch.cli import main; main()", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import httpx

    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/auth/me", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def load(base: str, paths: list[str], threads: int) -> dict[str, float]:
    """GET every path once, ``threads`` at a time; req/s, median and p95 latency (ms)."""
    import httpx

    lat: list[float] = []
    errors = 0
    lock = threading.Lock()
    it = iter(paths)

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=30) as c:
            while True:
                with lock:
                    p = next(it, None)
                if p is None:
                    return
                t = time.perf_counter()
                r = c.get(p)
                dt = time.perf_counter() - t
                with lock:
                    lat.append(dt)
                    errors += r.status_code != 200

    t0 = time.perf_counter()
    ws = [threading.Thread(target=worker) for _ in range(threads)]
    for w in ws:
        w.start()
    for w in ws:
        w.join()
    wall = time.perf_counter() - t0
    lat.sort()
    return {
        "n": len(lat),
        "rps": len(lat) / wall,
        "p50": statistics.median(lat) * 1000,
        "p95": lat[int(0.95 * (len(lat) - 1))] * 1000,
        "errors": errors,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--db", help="an existing benchmark database URL (skip building)")
    ap.add_argument("--rebuild", action="store_true", help="build bench/.cache/web-N.sqlite again")
    ap.add_argument("--markdown", action="store_true", help="append the results to docs/benchmarks.md")
    args = ap.parse_args()
    cache = ROOT / "bench" / ".cache" / f"web-{args.records}.sqlite"
    if not args.db and cache.exists() and not args.rebuild:
        args.db = f"sqlite:///{cache}"  # built by an earlier run
    url = args.db or f"sqlite:///{cache}"
    if args.db:
        from sqlalchemy import func, select

        from pactwatch.store import tables as t

        with Register(url) as reg, reg.engine.connect() as conn:
            n_ev = conn.execute(select(func.count()).select_from(t.events)).scalar_one()
            n_rec = conn.execute(select(func.count()).select_from(t.records)).scalar_one()
        secs = 0.0
    else:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.unlink(missing_ok=True)
        n_rec, n_ev, secs = build(url, args.records)
    print(f"database: {n_rec:,} records, {n_ev:,} events, built in {secs:.0f} s ({url})", flush=True)
    with Register(url) as reg:
        ids = [
            e.id for e in reg.events(limit=500, offset=random.Random(1).randrange(max(1, n_ev - 500))).items
        ]
    words = ["frigate", "helicopter", "satellite", "wheat", "radar", "summit", "contract", "dialogue"]
    rnd = random.Random(7)
    from pactwatch.web.serving import free_port

    port = free_port()
    proc = serve(url, port)
    base = f"http://127.0.0.1:{port}"
    scenarios = {
        "event search, page `/events?q=`": [f"/events?q={rnd.choice(words)}" for _ in range(args.requests)],
        "event search, API `/api/search?q=`": [
            f"/api/search?q={rnd.choice(words)}" for _ in range(args.requests)
        ],
        "event page `/events/{id}`": [f"/events/{rnd.choice(ids)}" for _ in range(args.requests)],
        "event, API `/api/events/{id}`": [f"/api/events/{rnd.choice(ids)}" for _ in range(args.requests)],
    }
    results = []
    try:
        load(base, scenarios["event page `/events/{id}`"][:20], 2)  # warm up
        for name, paths in scenarios.items():
            r = load(base, paths, args.threads)
            results.append((name, r))
            print(
                f"{name:40s} {r['n']:5d} req  {r['rps']:7.1f} req/s  p50 {r['p50']:7.1f} ms  "
                f"p95 {r['p95']:7.1f} ms  errors {r['errors']}",
                flush=True,
            )
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    if args.markdown:
        write_markdown(results, n_rec, n_ev, args)
    return 0


def write_markdown(results: list[tuple[str, dict[str, float]]], n_rec: int, n_ev: int, args: Any) -> None:
    import platform

    lines = [
        "## Web",
        "",
        "Requests per second and latency of the event search and the event page, served by "
        "`pactwatch serve` (uvicorn, one process) on loopback, SQLite; load from httpx clients in "
        f"{args.threads} threads in another process, {args.requests} requests per row "
        "(`bench/bench_web.py`).",
        "",
        f"- Database: {n_rec:,} records in {n_ev:,} events: a base of synthetic reports stored "
        "through the register (merging, evidence, search index), cloned in bulk with fresh ids "
        "(see the script; cached in `bench/.cache/`). Every clone repeats the base's words, so a "
        "searched word matches tens of thousands of events: a heavy case for search.",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores shared with other jobs, Python "
        f"{platform.python_version()}, {time.strftime('%Y-%m-%d')}. Compare rows, not absolutes.",
        "",
        "| request | requests | req/s | median ms | p95 ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in results:
        lines.append(
            f"| {name} | {r['n']:.0f} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} "
            f"| {r['errors']:.0f} |"
        )
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text("utf-8") if path.exists() else "# Benchmarks\n"
    start = text.find("\n## Web\n")
    if start != -1:
        end = text.find("\n## ", start + 1)
        text = text[:start] + (text[end:] if end != -1 else "\n")
    path.write_text(text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
