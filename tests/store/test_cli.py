"""The CLI over the register: ingest (progress, summary, exit 1 on a failed input),
db upgrade, events, show, entities, timeline, due, merge, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pactwatch.cli import build_app
from pactwatch.register import Register

MERGE = Path(__file__).resolve().parents[1] / "fixtures" / "merge"


@pytest.fixture
def db(db_url: str, merge_corpus) -> str:
    Register(db_url).ingest_extractions(merge_corpus[0])
    return db_url


def _run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(build_app(), list(args), env=env)


def test_db_upgrade(db_url: str) -> None:
    r = _run("db", "upgrade", "--db", db_url)
    assert r.exit_code == 0, r.output
    assert "empty ->" in r.output
    assert "current" in _run("db", "upgrade", "--db", db_url).output


@pytest.mark.parametrize(
    "args,expected",
    [
        (["--party", "IND", "--party", "RUS", "--type", "accord"], 2),
        (["--type", "meeting", "--status", "held"], 4),
        (["--since", "2022-01-01", "--until", "2022-12-31"], 3),
        (["--item", "rifle"], 1),
        (["--search", "CAMM"], 1),
    ],
    ids=["parties-type", "type-status", "date-range", "item", "search"],
)
def test_events_filters(db: str, args: list[str], expected: int) -> None:
    r = _run("events", "--db", db, "--format", "json", *args)
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["total"] == expected


def test_events_sorted(db: str) -> None:
    r = _run(
        "events", "--db", db, "--format", "json", "--sort", "sources", "--order", "asc", "--limit", "100"
    )
    assert r.exit_code == 0, r.output
    counts = [e["n_sources"] for e in json.loads(r.output)["items"]]
    assert len(set(counts)) > 1 and counts == sorted(counts)
    bad = _run("events", "--db", db, "--sort", "colour")
    assert bad.exit_code != 0 and "sort by one of" in bad.output


def test_events_csv_and_table(db: str) -> None:
    assert _run("events", "--db", db, "--format", "csv").output.startswith("id,type,status")
    assert "events" in _run("events", "--db", db).output


def test_show_timeline_entities_due(db: str) -> None:
    page = json.loads(_run("events", "--db", db, "--item", "rifle", "--format", "json").output)
    eid = page["items"][0]["id"]
    shown = _run("show", eid, "--db", db)
    assert shown.exit_code == 0 and "conflict in quantity: prefer 601427" in shown.output
    assert "\u201cinked an agreement" in shown.output
    assert json.loads(_run("show", eid, "--db", db, "--format", "json").output)["summary"]["id"] == eid
    assert json.loads(_run("timeline", "ind", "rus", "--db", db, "--format", "json").output)["total"] == 6
    assert "Sergei Shoigu; Sergey Shoigu; Shoigu" in _run("entities", "--db", db, "--kind", "person").output
    assert _run("due", "--db", db, "--format", "json").exit_code == 0
    missing = _run("show", "Enothere", "--db", db)
    assert missing.exit_code == 1 and "no event" in missing.output


def test_merge_commands(db: str) -> None:
    page = json.loads(
        _run("events", "--db", db, "--type", "meeting", "--format", "json", "--party", "USA").output
    )
    a, b = (i["id"] for i in page["items"])
    r = _run("merge", "--same", a, b, "--db", db, "--who", "ana")
    assert r.exit_code == 0 and "merged into" in r.output
    assert _run("merge", a, b, "--db", db).exit_code == 2  # neither --same nor --different


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "ftm", "plover"], ids=["csv", "jsonl", "ftm", "plover"])
def test_export_to_file(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    r = _run("export", "--format", fmt, "-o", str(out), "--db", db)
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").strip()


def test_ingest_texts_with_env_db(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01\x02binary")
    paths = [str(MERGE / "ak203-hindustan.txt"), str(MERGE / "ak203-tribune.txt"), str(bad)]
    r = _run("ingest", *paths, env={"PACTWATCH_DB": db})
    assert r.exit_code == 1, r.output  # one input failed
    assert "documents read: 3, new: 2, skipped as duplicates: 0" in r.output
    assert "bad.bin" in r.output
    again = _run("ingest", *paths[:2], "--db", db)
    assert again.exit_code == 0 and "skipped as duplicates: 2" in again.output
