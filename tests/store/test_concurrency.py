"""Two ingest processes into one SQLite file both succeed; kill -9 mid-ingest loses
nothing committed and a second run resumes without duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[2] / "src")

WORKER = r"""
import sys
from datetime import date
from pactwatch.model import Document, Evidence, Extraction, Record
from pactwatch.register import Register

url, prefix, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def items():
    for i in range(n):
        text = f"{prefix} report {i}: India and Russia signed agreement number {i} on cooperation."
        rec = Record("accord", "signed", (Evidence(0, len(text), text),), kind="agreement",
                     date=f"20{10 + i % 10}-0{1 + i % 9}-1{i % 9}", parties=("IND", "RUS"),
                     title=f"{prefix} agreement {i}")
        yield Extraction(Document(f"{prefix}/{i}", text, published=date(2021, 1, 1)), (rec,), "test/1")
s = Register(url).ingest_extractions(items())
print(s.new, s.duplicates, len(s.failed))
"""


def _run(url: str, prefix: str, n: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, url, prefix, str(n)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _count(path: Path, sql: str) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()


def test_two_processes_write_one_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    url = f"sqlite:///{path}"
    procs = [_run(url, "alpha", 40), _run(url, "beta", 40)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert out.split() == ["40", "0", "0"]
    assert _count(path, "SELECT COUNT(*) FROM documents") == 80
    assert _count(path, "SELECT COUNT(*) FROM records") == 80
    assert _count(path, "SELECT COUNT(DISTINCT event_id) FROM records") == _count(
        path, "SELECT COUNT(*) FROM events"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_kill_nine_mid_ingest_then_resume(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite"
    url = f"sqlite:///{path}"
    proc = _run(url, "doc", 400)
    deadline = time.monotonic() + 120
    while _count(path, "SELECT COUNT(*) FROM documents") < 10:
        assert time.monotonic() < deadline and proc.poll() is None, "ingest finished or hung before the kill"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    committed = _count(path, "SELECT COUNT(*) FROM documents")
    assert 10 <= committed < 400
    # every committed document is whole: its record, evidence and event are there
    assert _count(path, "SELECT COUNT(*) FROM records") == committed
    assert _count(path, "SELECT COUNT(*) FROM records WHERE event_id IS NULL") == 0
    again = _run(url, "doc", 400)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    new, dup, failed = map(int, out.split())
    assert (new + dup, failed) == (400, 0) and dup >= committed
    assert _count(path, "SELECT COUNT(*) FROM documents") == 400
    assert _count(path, "SELECT COUNT(*) FROM records") == 400
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
