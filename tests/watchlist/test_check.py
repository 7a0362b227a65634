"""``check`` on SQLite and PostgreSQL: one alert per new event, none on a second check,
``changed`` when a second source moves the event on; sinks (print, JSONL, webhook on
loopback) and a failed webhook retried on the next check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pactwatch.alert_sinks import JsonlSink, PrintSink, post_json
from pactwatch.errors import FetchError, NotFoundError, UsageError
from pactwatch.register import Register
from pactwatch.settings import Settings
from pactwatch.store.watch_tables import alert_deliveries, alerts
from pactwatch.watchlist import (
    add_watch,
    check,
    list_alerts,
    list_watches,
    new_watch,
    pending_deliveries,
    remove_watch,
)


def _reasons(made: list) -> list[tuple[str, str]]:
    return [(a.watch, a.reason) for a in made]


def test_once_per_event_then_changed(reg: Register, docs) -> None:
    add_watch(reg, new_watch("rifles", parties=["IND"], item="rifle"))
    add_watch(reg, new_watch("japan", parties=["JPN"]))
    assert check(reg) == []  # nothing stored yet
    reg.ingest_extractions([docs["signed"], docs["summit"]])
    first = check(reg)
    assert sorted(_reasons(first)) == [("japan", "new"), ("rifles", "new")]
    assert check(reg) == []  # once per event
    reg.ingest_extractions([docs["signed"]])  # the same document again: nothing changes
    assert check(reg) == []
    reg.ingest_extractions([docs["cancelled"]])  # a second source: the contract is cancelled
    changed = check(reg)
    assert _reasons(changed) == [("rifles", "changed")]
    assert changed[0].event_id == first[[a.watch for a in first].index("rifles")].event_id
    assert changed[0].event["current_status"] == "cancelled"
    assert check(reg) == []
    stored = list_alerts(reg, watch="rifles")
    assert [a.reason for a in stored] == ["changed", "new"]  # newest first


def test_confirming_source_is_no_change(reg: Register, docs) -> None:
    add_watch(reg, new_watch(parties=["IND"], type="accord"))
    reg.ingest_extractions([docs["signed"]])
    assert len(check(reg)) == 1
    reg.ingest_extractions([docs["confirm"]])  # another outlet, the same facts
    assert reg.events().items[0].n_sources == 2
    assert check(reg) == []


def test_new_watch_sees_events_already_stored(reg: Register, docs) -> None:
    reg.ingest_extractions([docs["signed"], docs["summit"]])
    add_watch(reg, new_watch("india", parties=["IND"]))
    assert _reasons(check(reg)) == [("india", "new")]
    add_watch(reg, new_watch("tokyo", text="tokyo ministerial"))
    assert _reasons(check(reg)) == [("tokyo", "new")]  # the older watch has seen its events


def test_removed_watch_and_its_alerts(reg: Register, docs) -> None:
    add_watch(reg, new_watch("rifles", item="rifle"))
    reg.ingest_extractions([docs["signed"]])
    check(reg)
    with pytest.raises(UsageError):
        add_watch(reg, new_watch("rifles", item="tank"))
    assert remove_watch(reg, "rifles").name == "rifles"
    assert list_watches(reg) == () and list_alerts(reg) == ()
    with pytest.raises(NotFoundError):
        remove_watch(reg, "rifles")


def test_print_and_jsonl_sinks(reg: Register, docs, tmp_path: Path) -> None:
    own = tmp_path / "own" / "rifles.jsonl"
    shared = tmp_path / "all.jsonl"
    add_watch(reg, new_watch("rifles", item="rifle", jsonl=own))
    reg.ingest_extractions([docs["signed"]])
    lines: list[str] = []
    made = check(reg, sinks=[PrintSink(lines.append), JsonlSink(shared)])
    assert len(made) == 1
    assert lines[0].startswith("ALERT new") and "[rifles]" in lines[0] and "IND,RUS" in lines[0]
    for path in (own, shared):
        rows = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
        assert len(rows) == 1
        assert rows[0]["event_id"] == made[0].event_id and rows[0]["reason"] == "new"
        assert rows[0]["event"]["item"] == "AK-203 assault rifle" and rows[0]["watch"] == "rifles"
    check(reg, sinks=[PrintSink(lines.append), JsonlSink(shared)])
    assert len(lines) == 1 and len(shared.read_text("utf-8").splitlines()) == 1


def test_webhook_sink(reg: Register, docs, hook) -> None:
    add_watch(reg, new_watch("rifles", item="rifle", webhook=hook.url))
    reg.ingest_extractions([docs["signed"]])
    made = check(reg)
    assert len(hook.bodies) == 1
    body = hook.bodies[0]
    assert body["event_id"] == made[0].event_id and body["reason"] == "new" and body["watch"] == "rifles"
    assert hook.headers[0]["content-type"] == "application/json"
    assert hook.headers[0]["user-agent"].startswith("pactwatch/")
    reg.ingest_extractions([docs["cancelled"]])
    check(reg)
    assert [b["reason"] for b in hook.bodies] == ["new", "changed"]
    assert pending_deliveries(reg) == 0


def test_webhook_failure_is_retried_next_check(reg: Register, docs, hook) -> None:
    add_watch(reg, new_watch("rifles", item="rifle", webhook=hook.url))
    reg.ingest_extractions([docs["signed"]])
    hook.fail = 2
    problems: list[str] = []
    made = check(reg, report=problems.append)
    assert len(made) == 1 and hook.bodies == []
    assert "HTTP status 503" in problems[0] and "retry" in problems[0]
    assert pending_deliveries(reg) == 1
    assert check(reg, report=problems.append) == []  # no new alert; the retry fails again
    assert hook.bodies == [] and pending_deliveries(reg) == 1
    assert check(reg) == []  # the retry goes through
    assert [b["event_id"] for b in hook.bodies] == [made[0].event_id]
    assert pending_deliveries(reg) == 0
    check(reg)
    assert len(hook.bodies) == 1  # delivered once
    with reg.engine.connect() as conn:
        row = conn.execute(select(alert_deliveries)).one()
    assert (row.state, row.attempts, row.last_error) == ("done", 3, None)


def test_webhook_down_is_retried(reg: Register, docs, hook) -> None:
    closed = "http://127.0.0.1:9/hook"  # discard port: nothing listens
    add_watch(reg, new_watch("rifles", item="rifle", webhook=closed))
    reg.ingest_extractions([docs["signed"]])
    problems: list[str] = []
    assert len(check(reg, report=problems.append)) == 1
    assert problems and pending_deliveries(reg) == 1


def test_webhook_to_loopback_refused_unless_allowed(db_url: str, docs, hook) -> None:
    reg = Register(Settings(db_url=db_url))  # no fetch_allow_hosts
    add_watch(reg, new_watch("rifles", item="rifle", webhook=hook.url))
    reg.ingest_extractions([docs["signed"]])
    problems: list[str] = []
    check(reg, report=problems.append)
    assert hook.bodies == [] and "refused" in problems[0]
    assert pending_deliveries(reg) == 1
    reg.close()


@pytest.mark.parametrize(
    "url,resolved",
    [
        ("http://metadata.example/hook", ["169.254.169.254"]),
        ("http://intranet.example/hook", ["10.0.0.5"]),
        ("http://v6.example/hook", ["::1"]),
    ],
    ids=["link-local", "private", "loopback-v6"],
)
def test_post_json_address_rules(url: str, resolved: list[str]) -> None:
    with pytest.raises(FetchError, match="refused"):
        post_json(url, {}, Settings(db_url="sqlite://"), resolver=lambda h, p: resolved)


def test_caller_sink_retried_only_when_given_again(reg: Register, docs, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be")
    sink = JsonlSink(blocked / "alerts.jsonl")
    add_watch(reg, new_watch(item="rifle"))
    reg.ingest_extractions([docs["signed"]])
    problems: list[str] = []
    check(reg, sinks=[sink], report=problems.append)
    assert len(problems) == 1 and pending_deliveries(reg) == 1
    check(reg)  # that sink is not given: the delivery waits
    assert pending_deliveries(reg) == 1
    blocked.unlink()
    check(reg, sinks=[sink])
    assert pending_deliveries(reg) == 0
    assert len((blocked / "alerts.jsonl").read_text("utf-8").splitlines()) == 1
    with reg.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(alerts)).scalar_one() == 1


def test_check_after_real_extraction(reg: Register) -> None:
    from datetime import date

    from pactwatch.model import Document
    from pactwatch.pipeline import extract_stream

    add_watch(reg, new_watch(parties=["IND"], item="rifle"))
    text = (
        "India and Russia signed an agreement on Monday for the production of over 6 lakh "
        "AK-203 assault rifles at Korwa in Amethi."
    )
    doc = Document(source="hindu/1", text=text, published=date(2021, 12, 6))
    reg.ingest_extractions(extract_stream([doc], settings=reg.settings))
    made = check(reg)
    assert [(a.reason, a.event["parties"]) for a in made] == [("new", ["IND", "RUS"])]
