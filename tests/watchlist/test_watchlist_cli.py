"""The CLI: ``watchlist add|list|remove``, ``alerts [--check]`` and ``ingest --alerts``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pactwatch.cli import build_app
from pactwatch.register import Register


def _run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(build_app(), list(args), env=env)


def test_add_list_remove(db_url: str, tmp_path: Path) -> None:
    out = tmp_path / "alerts.jsonl"
    r = _run("watchlist", "add", "--party", "ind", "--item", "rifle", "--jsonl", str(out), "--db", db_url)
    assert r.exit_code == 0, r.output
    assert "party:IND item:rifle" in r.output
    r = _run("watchlist", "add", "summits", "--type", "meeting", "--status", "held", "--db", db_url)
    assert r.exit_code == 0, r.output
    listed = _run("watchlist", "list", "--db", db_url)
    assert listed.exit_code == 0
    assert listed.output.splitlines()[1].startswith("summits\ttype:meeting status:held")
    assert f"jsonl={out}" in listed.output
    rows = json.loads(_run("watchlist", "list", "--db", db_url, "--format", "json").output)
    assert [w["name"] for w in rows] == ["party:IND item:rifle", "summits"]
    assert rows[0]["parties"] == ["IND"]
    assert _run("watchlist", "remove", "summits", "--db", db_url).exit_code == 0
    assert "summits" not in _run("watchlist", "list", "--db", db_url).output


@pytest.mark.parametrize(
    "args,code,message",
    [
        (["watchlist", "add", "--item", "rifle", "--type", "treaty"], 2, "--type"),
        (["watchlist", "add"], 2, "at least one criterion"),
        (["watchlist", "add", "--item", "x", "--webhook", "ftp://example.org/"], 2, "webhook"),
        (["watchlist", "remove", "nope"], 1, "no watch named"),
        (["alerts", "--format", "xml"], 2, "--format"),
    ],
    ids=["bad-type", "no-criteria", "bad-webhook", "remove-unknown", "bad-format"],
)
def test_errors(db_url: str, args: list[str], code: int, message: str) -> None:
    r = _run(*args, "--db", db_url)
    assert r.exit_code == code, r.output
    assert message in r.output


def test_alerts_check_and_list(db_url: str, docs, tmp_path: Path) -> None:
    out = tmp_path / "alerts.jsonl"
    assert (
        _run("watchlist", "add", "rifles", "--item", "rifle", "--jsonl", str(out), "--db", db_url).exit_code
        == 0
    )
    Register(db_url).ingest_extractions([docs["signed"], docs["summit"]])
    r = _run("alerts", "--check", "--db", db_url)
    assert r.exit_code == 0, r.output
    assert "ALERT new     [rifles]" in r.output and "1 new alert" in r.output
    assert len(out.read_text("utf-8").splitlines()) == 1
    again = _run("alerts", "--check", "--db", db_url, "--format", "json")
    assert again.exit_code == 0 and json.loads(again.stdout) == []
    Register(db_url).ingest_extractions([docs["cancelled"]])
    changed = json.loads(_run("alerts", "--check", "--db", db_url, "--format", "json").stdout)
    assert [(a["watch"], a["reason"]) for a in changed] == [("rifles", "changed")]
    listed = json.loads(_run("alerts", "--db", db_url, "--format", "json").stdout)
    assert [a["reason"] for a in listed] == ["changed", "new"]
    assert "ALERT changed [rifles]" in _run("alerts", "--db", db_url, "--watch", "rifles").output


def test_webhook_from_cli_with_allowed_loopback(db_url: str, docs, hook) -> None:
    env = {"PACTWATCH_FETCH_ALLOW": "127.0.0.1"}
    r = _run("watchlist", "add", "rifles", "--item", "rifle", "--webhook", hook.url, "--db", db_url, env=env)
    assert r.exit_code == 0, r.output
    Register(db_url).ingest_extractions([docs["signed"]])
    hook.fail = 1
    r = _run("alerts", "--check", "--db", db_url, env=env)
    assert r.exit_code == 0 and "will retry next check" in r.output and hook.bodies == []
    r = _run("alerts", "--check", "--db", db_url, env=env)
    assert "0 new alerts" in r.output and [b["watch"] for b in hook.bodies] == ["rifles"]


def test_ingest_alerts(db_url: str, docs, tmp_path: Path) -> None:
    article = tmp_path / "ak.txt"
    article.write_text(docs["signed"].document.text, "utf-8")
    assert (
        _run("watchlist", "add", "rifles", "--party", "IND", "--item", "rifle", "--db", db_url).exit_code == 0
    )
    r = _run("ingest", str(article), "--published", "2021-12-06", "--alerts", "-q", "--db", db_url)
    assert r.exit_code == 0, r.output
    assert "ALERT new     [rifles]" in r.output
    r = _run("ingest", str(article), "--alerts", "-q", "--db", db_url)
    assert "ALERT" not in r.output and "0 new alerts" in r.output
