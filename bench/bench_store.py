"""Store benchmark: ingest throughput (SQLite, PostgreSQL), merge cost as records grow
(blocking keeps it linear), and query latency (median, p95) of the register's queries.

    python bench/bench_store.py [--docs 2000] [--merge 10000 100000] [--pg URL] [--markdown]

Synthetic reports: events between random pairs of 30 states over ten years, each
reported by 1-4 outlets with varied titles, numbers and dates one day apart.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from pactwatch.model import Document, Evidence, Extraction, Person, Record
from pactwatch.register import Register
from pactwatch.resolve.merge import MergeItem, cluster
from pactwatch.store.views import EventFilters

STATES = [
    "IND",
    "RUS",
    "USA",
    "JPN",
    "GBR",
    "FRA",
    "DEU",
    "CHN",
    "BRA",
    "ZAF",
    "AUS",
    "CAN",
    "ITA",
    "ESP",
    "POL",
    "TUR",
    "SAU",
    "ARE",
    "EGY",
    "NGA",
    "KEN",
    "IDN",
    "VNM",
    "KOR",
    "MEX",
    "ARG",
    "ISR",
    "IRN",
    "PAK",
    "BGD",
]
ITEMS = [
    "assault rifle",
    "frigate",
    "fighter jet",
    "helicopter",
    "air defence system",
    "satellite",
    "LNG cargo",
    "wheat",
    "submarine",
    "radar",
]
KINDS = {
    "accord": ["agreement", "contract", "mou", "deal"],
    "meeting": ["talks", "summit", "visit", "dialogue"],
}
START = date(2015, 1, 1)


def synthetic(n_events: int, seed: int = 7) -> Iterator[tuple[Document, Record, int]]:
    """(document, record, gold event) for about 2.5 reports per event.

    The date span grows with the number of events (at least ten years), so the
    density of events per pair of states and day stays that of real news."""
    rnd = random.Random(seed)
    span = max(3650, n_events * 2)
    for e in range(n_events):
        a, b = rnd.sample(STATES, 2)
        typ = rnd.choice(["accord", "accord", "meeting"])
        day = START + timedelta(days=rnd.randrange(span))
        item = rnd.choice(ITEMS)
        qty = rnd.randrange(10, 100000)
        kind = rnd.choice(KINDS[typ])
        for r in range(rnd.randint(1, 4)):
            d = day + timedelta(days=rnd.choice([0, 0, 1]))
            title = f"{item} {kind} number {e}" if r % 2 == 0 else f"{kind} on {item}s no. {e}"
            text = f"Report {r} of event {e}: {a} and {b} {title} on {d.isoformat()}, {qty} units."
            rec = Record(
                typ,
                "signed" if typ == "accord" else "held",
                (Evidence(0, len(text), text),),
                kind=kind,
                date=d.isoformat(),
                parties=(a, b),
                title=title,
                quantity=qty if typ == "accord" else None,
                item=item if typ == "accord" else None,
                confidence=0.8,
                extractor="bench/1",
                participants=(Person(f"Minister {e % 500}", "Minister", a),) if typ == "meeting" else (),
            )
            yield Document(f"bench/{e}-{r}", text, published=d, outlet=f"outlet{r}"), rec, e


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def bench_ingest(url: str, n_events: int) -> tuple[Register, int, float]:
    reg = Register(url)
    items = [Extraction(doc, (rec,), "bench/1") for doc, rec, _ in synthetic(n_events)]
    secs = timed(lambda: reg.ingest_extractions(items))
    return reg, len(items), secs


def bench_merge(n_records: int) -> tuple[float, float]:
    """(seconds, pairwise F1 against the generator's events) for ``n_records`` records."""
    from pactwatch.resolve.evaluate import merge_score

    items = []
    gold: dict[str, str] = {}
    for i, (doc, rec, event) in enumerate(synthetic(int(n_records / 2.5) + 1, seed=11)):
        if i >= n_records:
            break
        gold[f"r{i}"] = str(event)
        day = date.fromisoformat(rec.date or "2015-01-01").toordinal()
        items.append(
            MergeItem(
                id=f"r{i}",
                doc=doc.source,
                type=rec.type,
                status=rec.status,
                day=day,
                parties=tuple(sorted(rec.parties)),
                kind=rec.kind,
                title=rec.title,
                item=rec.item,
                quantity=rec.quantity,
            )
        )
    t = time.perf_counter()
    pred = cluster(items)
    secs = time.perf_counter() - t
    return secs, merge_score(gold, pred).f1


def latency(fn: Callable[[], object], runs: int = 30) -> tuple[float, float, int]:
    """(median ms, p95 ms, results: the page's total or the number of items)."""
    result = fn()  # warm
    times = sorted(timed(fn) * 1000 for _ in range(runs))
    n = getattr(result, "total", None)
    size = n if isinstance(n, int) else len(result) if isinstance(result, tuple) else 1
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))], size


def bench_queries(reg: Register) -> dict[str, tuple[float, float, int]]:
    some = reg.events(limit=1).items[0].id
    return {
        "events --party IND --party RUS": latency(lambda: reg.events(EventFilters(parties=("IND", "RUS")))),
        "events --type accord --status signed --since 2020-01-01": latency(
            lambda: reg.events(EventFilters(type="accord", status="signed", since="2020-01-01"))
        ),
        "events --item rifle": latency(lambda: reg.events(EventFilters(item="rifle"))),
        "events --search frigate": latency(lambda: reg.search("frigate")),
        "events --search frigate --party IND": latency(
            lambda: reg.events(EventFilters(search="frigate", parties=("IND",)))
        ),
        "show EVENT": latency(lambda: reg.event(some)),
        "timeline IND RUS": latency(lambda: reg.timeline("IND", "RUS")),
        "due": latency(lambda: reg.due(today=date(2020, 1, 1))),
        "entities": latency(lambda: reg.entities(limit=50)),
    }


def big_queries(url: str) -> list[str]:
    """The query table for an existing database (its size in the header)."""
    from sqlalchemy import func, select

    from pactwatch.store import tables as t

    with Register(url) as reg:
        with reg.engine.connect() as conn:
            n_rec = conn.execute(select(func.count()).select_from(t.records)).scalar_one()
            n_ev = conn.execute(select(func.count()).select_from(t.events)).scalar_one()
        q = bench_queries(reg)
        backend = reg.engine.dialect.name
    out = [
        f"\n| query ({backend}, {n_rec:,} records, {n_ev:,} events) | median ms | p95 ms | results |",
        "|---|---:|---:|---:|",
    ]
    out += [f"| `{name}` | {med:.1f} | {p95:.1f} | {n:,} |" for name, (med, p95, n) in q.items()]
    return out


def pg_database(admin: str) -> tuple[str, Callable[[], None]]:
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"pactwatch_bench_{uuid.uuid4().hex[:8]}"
    conninfo = admin.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(conninfo, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return make_url(admin).set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=800, help="events to ingest (about 2.5 documents each)")
    ap.add_argument(
        "--merge", type=int, nargs="*", default=[10_000, 100_000], help="record counts for merge cost"
    )
    ap.add_argument("--pg", default=os.environ.get("PACTWATCH_TEST_PG"), help="PostgreSQL server URL")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown section for docs/benchmarks.md")
    ap.add_argument(
        "--big",
        nargs="*",
        default=[],
        metavar="URL",
        help="also time the queries on these (large) databases, e.g. the one bench_web.py builds",
    )
    ap.add_argument(
        "--grow-pg",
        nargs=2,
        metavar=("URL", "RECORDS"),
        help="first grow this PostgreSQL register to RECORDS records by copying its rows (clone_pg)",
    )
    args = ap.parse_args()
    if args.grow_pg:
        n_rec, n_ev, secs = clone_pg(args.grow_pg[0], int(args.grow_pg[1]))
        print(f"grew {args.grow_pg[0]} to {n_rec:,} records, {n_ev:,} events in {secs:.0f} s", flush=True)
    lines = [
        f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; "
        "synthetic reports (bench_store.py)."
    ]
    with tempfile.TemporaryDirectory() as tmp:
        reg, n, secs = bench_ingest(f"sqlite:///{tmp}/bench.sqlite", args.docs)
        total = reg.events(limit=1).total
        lines.append("\n| ingest | documents | seconds | documents/s | events |\n|---|---|---|---|---|")
        lines.append(f"| SQLite (file, WAL) | {n} | {secs:.1f} | {n / secs:.0f} | {total} |")
        if args.pg:
            url, drop = pg_database(args.pg)
            try:
                pg_reg, n2, secs2 = bench_ingest(url, args.docs)
                lines.append(
                    f"| PostgreSQL 15 (local) | {n2} | {secs2:.1f} | {n2 / secs2:.0f} | "
                    f"{pg_reg.events(limit=1).total} |"
                )
                pg_q = bench_queries(pg_reg)
                pg_reg.close()
            finally:
                drop()
        q = bench_queries(reg)
        lines.append(
            f"\n| query ({n} documents) | SQLite median ms | SQLite p95 ms |"
            + (" PostgreSQL median ms | PostgreSQL p95 ms |" if args.pg else "")
            + "\n|---|---|---|"
            + ("---|---|" if args.pg else "")
        )
        for name, (med, p95, _) in q.items():
            extra = f" {pg_q[name][0]:.1f} | {pg_q[name][1]:.1f} |" if args.pg else ""
            lines.append(f"| `{name}` | {med:.1f} | {p95:.1f} |{extra}")
        reg.close()
    for url in args.big:
        lines.extend(big_queries(url))
    lines.append(
        "\n| merge (in memory, blocked) | records | seconds | µs/record | pairwise F1 |"
        "\n|---|---|---|---|---|"
    )
    for n_rec in args.merge:
        secs, f1 = bench_merge(n_rec)
        lines.append(f"| cluster() | {n_rec:,} | {secs:.1f} | {secs / n_rec * 1e6:.0f} | {f1:.3f} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()


# -- a large PostgreSQL database, cloned on the server ----------------------------------------

# The tables a clone copies, parents first, and their id columns (rewritten per copy).
_CLONED = {
    "documents": ("id",),
    "events": ("id",),
    "records": ("id", "document_id", "event_id"),
    "record_parties": ("record_id",),
    "statements": ("id", "record_id", "document_id"),
    "evidence": ("id", "record_id", "document_id"),
    "mentions": ("id", "record_id", "document_id"),
    "event_parties": ("event_id",),
}


def _clone_expr(column: str, ids: tuple[str, ...], k: int) -> str:
    if column in ids:
        return f"left(md5(\"{column}\" || '/{k}'), 16)"
    return f"source || '#{k}'" if column == "source" else f'"{column}"'


def clone_pg(url: str, records: int) -> tuple[int, int, float]:
    """Grow a PostgreSQL register to about ``records`` records by copying its rows on the
    server (``INSERT ... SELECT`` with ids rewritten per copy), much faster than through
    Python; (records, events, seconds). The copies share days, parties and words."""
    from sqlalchemy import func, inspect, select, text

    from pactwatch.store import tables as t

    t0 = time.perf_counter()
    with Register(url) as reg, reg.engine.begin() as conn:
        base = conn.execute(select(func.count()).select_from(t.records)).scalar_one()
        insp = inspect(conn)
        cols = {name: [c["name"] for c in insp.get_columns(name)] for name in _CLONED}
        for name in _CLONED:  # the base rows, kept apart so each copy starts from them
            conn.execute(text(f"CREATE TEMP TABLE base_{name} AS SELECT * FROM {name}"))
        for k in range(1, max(1, -(-records // base))):
            for name, ids in _CLONED.items():
                names = [c for c in cols[name] if c != "search_tsv"]  # generated on insert
                exprs = [_clone_expr(c, ids, k) for c in names]
                quoted, values = ", ".join(f'"{c}"' for c in names), ", ".join(exprs)
                conn.execute(text(f"INSERT INTO {name} ({quoted}) SELECT {values} FROM base_{name}"))
        n_rec = conn.execute(select(func.count()).select_from(t.records)).scalar_one()
        n_ev = conn.execute(select(func.count()).select_from(t.events)).scalar_one()
    with Register(url) as reg, reg.engine.connect() as conn:
        # as autovacuum would: statistics, and a visibility map for index-only scans
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    return n_rec, n_ev, time.perf_counter() - t0
