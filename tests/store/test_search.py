"""Full-text search: the same events, order and totals as filtering by hand, page after
page; the SQLite index follows an event whose day changes or that goes away."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from pactwatch.errors import UsageError
from pactwatch.register import Register
from pactwatch.store import search as fts
from pactwatch.store import tables as t
from pactwatch.store.views import EventFilters

WORDS = ["frigate", "rifle", "wheat", "satellite", "reactor"]
STATES = ["IND", "RUS", "FRA", "BRA", "JPN"]


@pytest.fixture
def register(db_url: str, extraction) -> Register:
    rnd = random.Random(3)
    reg = Register(db_url)
    items = []
    for k in range(60):
        word = WORDS[k % len(WORDS)]
        a, b = rnd.sample(STATES, 2)
        day = date(2015, 1, 1) + timedelta(days=rnd.randrange(3000))
        kind = rnd.choice(["accord", "meeting"])
        body = f"{a} and {b} item {k}: a {word} deal number {k}."
        rec = {
            "type": kind,
            "date": day.isoformat(),
            "parties": [a, b],
            "title": f"{word} {k}",
            "item": f"{word}s",
        }
        if kind == "meeting":
            rec["status"] = "held"
        if k % 7 == 0:
            rec.pop("date")  # an event without a day
        items.append(extraction(f"s/{k}", body, day.isoformat(), [rec]))
    reg.ingest_extractions(items)
    return reg


def _by_hand(reg: Register, word: str, **kw: object) -> list[str]:
    """Matching event ids, newest first, found without the search index."""
    page = reg.events(EventFilters(limit=1000, **kw))  # type: ignore[arg-type]
    return [e.id for e in page.items if word in (e.title or "")]


def _days(reg: Register, ids: list[str]) -> list[int]:
    """Each event's day (its date, else its first report's publication day)."""
    with reg.engine.connect() as conn:
        day = dict(conn.execute(select(t.events.c.id, t.events.c.day).where(t.events.c.id.in_(ids))).all())
    return [day[i] for i in ids]


@pytest.mark.parametrize("kw", [{}, {"type": "accord"}, {"parties": ("IND",)}, {"since": "2018"}])
def test_search_matches_filtering_by_hand(register: Register, kw: dict) -> None:
    for word in WORDS:
        want = _by_hand(register, word, **kw)
        got: list[str] = []
        for offset in range(0, 40, 4):  # page by page
            page = register.events(EventFilters(search=word, limit=4, offset=offset, **kw))
            assert page.total == len(want)
            got += [e.id for e in page.items]
        assert set(got) == set(want) and len(got) == len(want)
        assert _days(register, got) == _days(register, want)  # newest first, as without search


def test_other_sort_orders_with_search(register: Register) -> None:
    page = register.events(EventFilters(search="wheat", sort="title", order="asc", limit=100))
    titles = [e.title for e in page.items]
    assert titles == sorted(titles) and page.total == len(_by_hand(register, "wheat")) > 5
    with pytest.raises(UsageError, match="sort by"):
        register.events(EventFilters(sort="nonsense"))


def test_index_follows_a_changed_day_and_a_dropped_event(sqlite_url: str, extraction) -> None:
    reg = Register(sqlite_url)
    first = extraction(
        "a/1",
        "India and France signed a frigate deal.",
        "2020-01-10",
        [{"type": "accord", "date": "2020-01-10", "parties": ["IND", "FRA"], "title": "frigate deal"}],
    )
    reg.ingest_extractions([first])
    (ev,) = reg.search("frigate").items
    # the analyst corrects the date: the event moves in the index, found once
    reg.review(ev.id, "edit", {"date": "2023-05-05"}, who="ana")
    page = reg.search("frigate")
    assert [e.id for e in page.items] == [ev.id] and page.total == 1
    with reg.engine.connect() as conn:
        rowids = conn.execute(text("SELECT rowid FROM events_fts")).scalars().all()
    assert rowids == [fts.fts_rowid(ev.id, date(2023, 5, 5).toordinal())]
    # a new extractor version finds nothing in the document: the event and its index row go
    empty = extraction("a/1", first.document.text, "2020-01-10", [], extractor="test/2")
    reg.ingest_extractions([empty])
    assert reg.search("frigate").total == 0
    with reg.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM events_fts")).scalar_one() == 0


def test_two_events_with_one_rowid(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    reg = Register(sqlite_url)
    monkeypatch.setattr(fts, "fts_rowid", lambda event_id, day: 1000)
    with reg.engine.begin() as conn:
        fts.insert_fts(conn, [("E1", 5, "alpha frigate"), ("E2", 5, "beta frigate")])
        fts.insert_fts(conn, [("E3", 5, "gamma frigate")])
        assert conn.execute(text("SELECT rowid, event_id FROM events_fts ORDER BY rowid")).all() == [
            (1000, "E1"),
            (1001, "E2"),
            (1002, "E3"),
        ]
        fts.unindex_event(conn, "E2")  # no events row: its day is unknown, slot found by probing
        left = conn.execute(text("SELECT event_id FROM events_fts ORDER BY rowid")).scalars().all()
    assert left == ["E1", "E3"]


def test_migration_rebuilds_the_index(sqlite_url: str) -> None:
    from alembic import command

    from pactwatch.store import schema

    reg = Register(sqlite_url)
    with reg.engine.begin() as conn:
        command.downgrade(schema._config(conn), "0005")  # type: ignore[arg-type]
        conn.execute(
            t.events.insert(),
            [
                {
                    "id": "E9",
                    "type": "accord",
                    "day": 700000,
                    "parties": "IND;RUS",
                    "search_text": "old rifle",
                    "data": {},
                    "updated_at": datetime.now(UTC),
                },
            ],
        )
        conn.execute(text("INSERT INTO events_fts(rowid, event_id, body) VALUES (7, 'E9', 'old rifle')"))
    schema.upgrade(reg.engine, reg.url)
    with reg.engine.connect() as conn:
        rows = conn.execute(text("SELECT rowid, event_id FROM events_fts")).all()
        n = conn.execute(select(func.count()).select_from(t.events)).scalar_one()
    assert rows == [(fts.fts_rowid("E9", 700000), "E9")] and n == 1
    assert reg.search("rifle").total == 1


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"type": "accord"},
        {"item": "frigate"},
        {"since": "2017", "until": "2021"},
        {"parties": ("IND", "RUS")},
    ],
)
def test_plans_for_many_matches_give_the_same_pages(
    register: Register, kw: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pactwatch.store import queries

    def pages() -> list[tuple[int, list[str]]]:
        return [
            (p.total, [e.id for e in p.items])
            for off in range(0, 60, 7)
            for p in [register.events(EventFilters(limit=7, offset=off, **kw))]
        ]

    monkeypatch.setattr(queries, "MANY", 10**9)
    few = pages()
    monkeypatch.setattr(queries, "MANY", 0)  # every list takes the "many matches" plan
    assert pages() == few and few[0][0] > 0
