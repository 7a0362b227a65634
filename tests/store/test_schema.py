"""Schema, migrations and bad databases: clear StoreErrors, nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from pactwatch.errors import SchemaVersionError, StoreError
from pactwatch.register import Register
from pactwatch.store import schema
from pactwatch.store.engine import make_engine, normalize_url

TABLES = {
    "documents",
    "records",
    "record_parties",
    "statements",
    "evidence",
    "entities",
    "aliases",
    "mentions",
    "events",
    "event_parties",
    "event_aliases",
    "links",
    "status_updates",
    "judgements",
    "reviews",
    "overrides",
}
VIEWS = {"v_events", "v_event_sources", "v_records", "v_entities", "v_roles", "v_reviews"}


def test_upgrade_creates_tables_and_views(db_url: str) -> None:
    engine = make_engine(db_url)
    before, after = schema.upgrade(engine, db_url)
    assert before is None and after == schema.head_revision()
    insp = inspect(engine)
    assert set(insp.get_table_names()) >= TABLES
    assert set(insp.get_view_names()) >= VIEWS
    assert schema.upgrade(engine, db_url) == (after, after)  # running it again changes nothing


def test_newer_schema_is_refused(db_url: str) -> None:
    Register(db_url).close()
    engine = create_engine(normalize_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(SchemaVersionError, match="newer than this pactwatch"):
        Register(db_url)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://nobody@127.0.0.1:1/none",
        "mysql://x@localhost/db",
        "sqlite:////proc/no/such/dir/x.sqlite",
    ],
    ids=["unreachable-postgres", "unsupported-dialect", "unwritable-folder"],
)
def test_unusable_database_is_a_store_error(url: str) -> None:
    with pytest.raises(StoreError) as e:
        Register(url)
    assert "Traceback" not in str(e.value)


def test_not_a_database_file(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Register(f"sqlite:///{path}")
    assert path.read_bytes().startswith(b"this is not sqlite")


def test_read_only_sqlite_file(tmp_path: Path, extraction) -> None:
    path = tmp_path / "ro.sqlite"
    reg = Register(f"sqlite:///{path}")
    reg.ingest_extractions(
        [
            extraction(
                "a/1",
                "India and Russia signed a deal.",
                "2021-12-06",
                [{"type": "accord", "parties": ["IND", "RUS"], "date": "2021-12-06"}],
            )
        ]
    )
    reg.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    # mode=ro holds even for root, who ignores file permissions
    ro = Register(f"sqlite:///file:{path}?mode=ro&uri=true", upgrade=False)
    assert ro.events().total == 1  # reading works
    with pytest.raises(StoreError, match="read-only"):
        ro.ingest_extractions(
            [
                extraction(
                    "b/2",
                    "Another text about a treaty.",
                    "2021-12-07",
                    [{"type": "accord", "parties": ["IND", "RUS"]}],
                )
            ]
        )
    ro.close()
    assert Register(f"sqlite:///{path}").documents().total == 1  # nothing lost, nothing half-written
