"""Shared fixtures. ``db_url`` runs a test on SQLite (a temporary file) and on
PostgreSQL (a fresh database on the server named by $PACTWATCH_TEST_PG, dropped
afterwards); the PostgreSQL case is skipped, with the reason, where it is unset."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ENV = "PACTWATCH_TEST_PG"


def _pg_admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (dropped after the test)."""
    admin = _pg_admin_url()
    if admin is None:
        pytest.skip(
            f"PostgreSQL tests need {PG_ENV}=postgresql://user@host:port/db (a server to create databases on)"
        )
    import psycopg

    name = f"pactwatch_test_{uuid.uuid4().hex[:12]}"
    conninfo = admin.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(admin, name)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'pactwatch.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for an empty database, on each supported backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'pactwatch.sqlite'}"
    return str(request.getfixturevalue("pg_url"))


MERGE_CORPUS = Path(__file__).parent / "fixtures" / "merge" / "corpus.jsonl"


@pytest.fixture(scope="session")
def merge_corpus() -> tuple[list, dict[str, str]]:
    """(extractions, gold record-key -> event) of tests/fixtures/merge."""
    from pactwatch.resolve.evaluate import load_corpus

    return load_corpus(MERGE_CORPUS)


def make_extraction(source: str, text: str, published: str, records: list[dict], extractor: str = "test/1"):
    """An Extraction built by hand: each record dict in the contract's shape; evidence
    defaults to the whole text."""
    from datetime import date

    from pactwatch.model import Document, Extraction, Record

    doc = Document(
        source=source, text=text, published=date.fromisoformat(published), outlet=source.split("/")[0]
    )
    recs = []
    for r in records:
        r = {"status": "signed", "evidence": [{"start": 0, "end": len(text), "text": text}], **r}
        recs.append(Record.from_dict({**r, "extractor": extractor}))
    return Extraction(doc, tuple(recs), extractor)


@pytest.fixture
def extraction():
    """The ``make_extraction`` builder."""
    return make_extraction
