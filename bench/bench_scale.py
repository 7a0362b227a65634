#!/usr/bin/env python3
"""Benchmark end-to-end ingest at scale: read, extract, merge, store; 1 and 2 workers.

    python bench/bench_scale.py [--n 20000] [--also 100000] [--configs local-1,local-2,dask-2]
                                [--db URL] [--out docs/benchmarks.md]

Generates N synthetic news-please articles (``bench/generate.py``) into one
``.jsonl.gz`` archive, then, for each configuration, in a fresh child process: reads the
archive with ``pactwatch.sources.resolve_source``, extracts on the engine
(``local-1``: in process; ``local-2``: two spawned worker processes; ``dask-2``: a Dask
LocalCluster of two one-thread workers) and stores through ``Register.ingest_extractions``
into a fresh database (SQLite file by default; ``--db`` for PostgreSQL, which is emptied
first: give a throwaway database). Reports articles per second end to end, the projection
to a day, and peak memory (RSS) of the main process and of each worker. Replaces the
"## Scale" section of ``docs/benchmarks.md`` (and nothing else). A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## Scale"


def _maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kB


def _worker_rss() -> float:
    return _maxrss_mb()


def make_archive(n: int, path: Path, seed: int = 2025) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    with gzip.open(path, "wt", encoding="utf-8", compresslevel=3) as out:
        for art in generate.generate(n, seed=seed):
            out.write(json.dumps(art.news_please(), ensure_ascii=False) + "\n")


def child(args: argparse.Namespace) -> int:
    """One configuration, in this (fresh) process; prints one JSON line."""
    from pactwatch.batch.ingest import ingest_sources
    from pactwatch.cli.scale_cmd import make_engine
    from pactwatch.register import Register
    from pactwatch.settings import Settings

    config, _, mode = args.config.partition(":")
    engine_name, workers = config.split("-")
    extract_only = mode == "extract"
    settings = Settings.from_env(db_url=args.db)
    register = Register(settings)
    engine = make_engine(engine_name, int(workers), None, settings)
    worker_rss: list[float] = []
    started = time.perf_counter()
    try:
        if engine_name == "dask":
            engine.client.wait_for_workers(int(workers), timeout=120)  # type: ignore[attr-defined]
        ready = time.perf_counter()
        if extract_only:  # read and extract, store nothing: what the store costs is the difference
            from pactwatch.errors import InputError
            from pactwatch.sources.resolve import resolve_source

            results = list(engine.run(resolve_source(args.input, settings)))
            counts = {
                "read": len(results),
                "new": 0,
                "failed": sum(isinstance(r, InputError) for r in results),
                "records": sum(len(r.records) for r in results if not isinstance(r, InputError)),
                "events_created": 0,
            }
            del results
        else:
            summary = ingest_sources([args.input], register, engine)
            counts = {
                "read": summary.read,
                "new": summary.new,
                "failed": len(summary.failed),
                "records": summary.records,
                "events_created": summary.events_created,
            }
        done = time.perf_counter()
        if engine_name == "dask":
            worker_rss = sorted(engine.client.run(_worker_rss).values())  # type: ignore[attr-defined]
    finally:
        engine.close()
        register.close()
    if engine_name == "local" and int(workers) > 1:
        worker_rss = [_maxrss_mb(resource.RUSAGE_CHILDREN)]  # the largest of the pool's processes
    print(
        json.dumps(
            {
                "config": args.config,
                **counts,
                "startup_s": round(ready - started, 2),
                "seconds": round(done - ready, 2),
                "main_rss_mb": round(_maxrss_mb(), 1),
                "worker_rss_mb": [round(x, 1) for x in worker_rss],
            }
        )
    )
    return 0


def run_config(config: str, archive: Path, db: str | None, workdir: Path) -> dict[str, object]:
    db_url = db or f"sqlite:///{workdir / (config + '.sqlite')}"
    if db:
        _empty_postgres(db)
    cmd = [sys.executable, __file__, "--child", "--config", config, "--input", str(archive), "--db", db_url]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{config} failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def _empty_postgres(url: str) -> None:
    import sqlalchemy as sa

    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def write_section(path: Path, lines: list[str]) -> None:
    """Replace (or append) the ``## Scale`` section of ``path``, leaving the rest alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = text.find("\n" + SECTION + "\n")
    if start < 0:
        new = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    else:
        end = text.find("\n## ", start + 1)
        rest = text[end:] if end >= 0 else "\n"
        new = text[: start + 1] + "\n".join(lines) + "\n" + rest
    path.write_text(new, encoding="utf-8")


MARK = "<!-- bench_scale results: "


def previous_results(path: Path) -> tuple[list[tuple[int, dict[str, object]]], list[str], list[str]]:
    """The rows, commands and notes an earlier run left in the section (for ``--append``)."""
    if not path.exists():
        return [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(MARK):
            data = json.loads(line[len(MARK) : -len(" -->")])
            results = [(int(n), dict(r)) for n, r in data["results"]]
            return results, list(data["commands"]), list(data.get("notes", []))
    return [], [], []


def report(results: list[tuple[int, dict[str, object]]], commands: list[str], notes: list[str]) -> list[str]:
    lines = [
        SECTION,
        "",
        "Read a `.jsonl.gz` archive of synthetic news-please articles (`bench/generate.py`) with "
        "`resolve_source`, extract on the batch engine, and (end to end) merge into events and store "
        "through `Register.ingest_extractions`; *read + extract only* stores nothing, so the difference "
        "is what the store costs. Each row is a fresh child process and a fresh database; run time is "
        "wall time after the engine is up (start-up listed apart). Peak RSS: the main process, and each "
        "worker (for the local pool, the largest worker).",
        "",
        *[f"- Command: `{c}`" for c in commands],
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{datetime.now(UTC):%Y-%m-%d}. Other jobs shared the cores: compare rows, not absolutes.",
        "",
        "| articles | work | engine | workers | start-up s | run s | articles/s | per day | records | "
        "failed | main RSS MB | worker peak RSS MB |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    db_of = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    for n, r in results:
        config, _, mode = str(r["config"]).partition(":")
        engine, workers = config.split("-")
        db = db_of.get(str(r.get("db", "sqlite")), "SQLite")
        what = "read + extract only" if mode == "extract" else f"end to end, {db}"
        rate = n / float(r["seconds"]) if float(r["seconds"]) else 0.0  # type: ignore[arg-type]
        worker_rss = ", ".join(f"{x:.0f}" for x in r["worker_rss_mb"]) or "(in main)"  # type: ignore[attr-defined]
        lines.append(
            f"| {n:,} | {what} | {engine} | {workers} | {r['startup_s']} | {r['seconds']} | {rate:,.0f} | "
            f"{rate * 86400 / 1e6:.1f} M | {r['records']:,} | {r['failed']} | {r['main_rss_mb']:.0f} | "
            f"{worker_rss} |"
        )
    lines += ["", *[f"- {n}" for n in notes]] if notes else []
    lines += ["", MARK + json.dumps({"results": results, "commands": commands, "notes": notes}) + " -->"]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--only-notes", action="store_true", help="rewrite the notes of the section, run nothing")
    ap.add_argument(
        "--also", type=int, default=0, help="a second, larger size (e.g. 100000) for local-2 only"
    )
    ap.add_argument("--configs", default="local-1,local-2,dask-2")
    ap.add_argument("--db", default=None, help="a throwaway PostgreSQL URL (default: a fresh SQLite file)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    ap.add_argument("--append", action="store_true", help="keep the rows of earlier runs in the section")
    ap.add_argument("--note", action="append", default=[], help="a line of findings under the table")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--config", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(args)
    if args.only_notes:
        results, commands, _ = previous_results(args.out)
        write_section(args.out, report(results, commands, args.note))
        return 0
    command = "python bench/bench_scale.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    results, commands, notes = previous_results(args.out) if args.append else ([], [], [])
    commands.append(command)
    notes = args.note or notes
    with tempfile.TemporaryDirectory(prefix="pactwatch-bench-") as tmp:
        work = Path(tmp)
        sizes = [(args.n, args.configs.split(","))]
        if args.also:
            sizes.append((args.also, ["local-2"]))
        for n, configs in sizes:
            archive = work / f"articles-{n}.jsonl.gz"
            t = time.perf_counter()
            make_archive(n, archive)
            print(f"generated {n:,} articles in {time.perf_counter() - t:.1f} s", file=sys.stderr)
            for config in configs:
                r = run_config(config, archive, args.db, work)
                r["db"] = "postgresql" if args.db else "sqlite"
                print(json.dumps(r), file=sys.stderr)
                results.append((n, r))
                write_section(args.out, report(results, commands, notes))
    write_section(args.out, report(results, commands, notes))
    print(f"wrote the {SECTION!r} section of {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
