"""Shared fixtures of the ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def settings() -> Settings:
    return Settings(db_url="sqlite://")
