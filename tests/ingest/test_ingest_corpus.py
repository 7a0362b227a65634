"""Every text of the shared development corpus reads as the contract says."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from pactwatch.ingest import document_from_text, read_path
from pactwatch.ingest.text import split_header
from pactwatch.model import Document
from pactwatch.settings import Settings

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus" / "dev"
FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


def _read(path: Path) -> Document:
    [doc] = read_path(str(path), Settings(db_url="sqlite://"))
    assert isinstance(doc, Document), doc
    return doc


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_corpus_file(path: Path) -> None:
    doc = _read(path)
    raw = path.read_text("utf-8")
    header = split_header(raw)
    assert doc.source == str(path)
    assert doc.text == raw[header.body_start :]
    assert doc.published is not None
    assert doc.published.isoformat() == header.fields["published"].strip()[:10]
    assert doc.title is not None
    assert doc.text.lstrip().startswith(doc.title)
    assert doc.language == "en"


def test_corpus_present() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    assert FILES, "the shared corpus holds no .txt files"


def test_ak203_example() -> None:
    path = CORPUS / "000-india-russia-ak203.txt"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    doc = _read(path)
    assert doc.published == date(2021, 12, 6)
    assert doc.published_at is not None
    assert doc.published_at.utcoffset() == timedelta(hours=5, minutes=30)
    assert doc.url is None
    # evidence offsets point into the body: the first sentence starts at offset 0
    assert doc.text.startswith("India and Russia on Monday signed")


def test_ak203_published_line_alone() -> None:
    path = CORPUS / "000-india-russia-ak203.txt"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    [line] = [ln for ln in path.read_text("utf-8").splitlines() if ln.startswith("Published on:")]
    doc = document_from_text(line, "-")
    assert doc.published == date(2021, 12, 6)
    assert doc.published_at is not None
    assert doc.published_at.utcoffset() == timedelta(hours=5, minutes=30)
    assert (doc.published_at.hour, doc.published_at.minute) == (14, 58)
