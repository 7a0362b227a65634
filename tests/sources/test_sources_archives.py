"""WARC (written here with warcio) and compressed JSONL archives."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import zstandard
from sources_fixtures import ARCHIVE, write_warc

from pactwatch.errors import InputError, InputTooLargeError, MalformedInputError
from pactwatch.model import Document
from pactwatch.settings import Settings
from pactwatch.sources.archives import read_jsonl_archive
from pactwatch.sources.warc import read_warc


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses_only(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, ARCHIVE, gz=gz)
    items = list(read_warc(path, Settings(db_url="sqlite://")))
    assert all(isinstance(i, Document) for i in items), items
    assert [i.source for i in items] == ["https://h.example/accord", "https://h.example/meeting"]
    assert "signed an agreement" in items[0].text


def test_warc_oversized_response(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    write_warc(path, ARCHIVE, gz=True)
    items = list(read_warc(path, Settings(db_url="sqlite://", max_input_bytes=500)))
    assert [type(i).__name__ for i in items] == ["InputTooLargeError", "InputTooLargeError"]


@pytest.mark.parametrize(
    "body", [b"not a warc at all\n" * 10, gzip.compress(b"garbage" * 100)], ids=["text", "gzipped-text"]
)
def test_broken_warc(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(body)
    items = list(read_warc(path, Settings(db_url="sqlite://")))
    assert len(items) == 1 and isinstance(items[0], MalformedInputError)


LINES = [
    {
        "url": "https://h.example/a",
        "title": "A",
        "maintext": "India and Russia signed an accord.",
        "language": "en",
    },
    {
        "url": "https://h.example/b",
        "title": "B",
        "maintext": "Japan and France held talks in Paris.",
        "language": "en",
    },
]


def _jsonl(lines: list[object]) -> bytes:
    return b"".join(
        (json.dumps(x) if not isinstance(x, bytes) else x.decode()).encode() + b"\n" for x in lines
    )


@pytest.mark.parametrize(
    ("suffix", "compress"),
    [(".jsonl.gz", gzip.compress), (".jsonl.zst", lambda b: zstandard.ZstdCompressor().compress(b))],
    ids=["gzip", "zstd"],
)
def test_compressed_jsonl(tmp_path: Path, suffix: str, compress) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"news{suffix}"
    path.write_bytes(compress(_jsonl([LINES[0], b"{broken", LINES[1], "x" * 2000])))
    items = list(read_jsonl_archive(path, Settings(db_url="sqlite://", max_input_bytes=1000)))
    assert [type(i).__name__ for i in items] == [
        "Document",
        "MalformedInputError",
        "Document",
        "InputTooLargeError",
    ]
    assert [i.line for i in items if isinstance(i, InputError)] == [2, 4]
    assert [i.url for i in items if isinstance(i, Document)] == ["https://h.example/a", "https://h.example/b"]


@pytest.mark.parametrize(
    ("suffix", "body"),
    [(".jsonl.gz", gzip.compress(_jsonl(LINES))[:-20]), (".jsonl.zst", b"not zstd at all")],
    ids=["truncated-gzip", "not-zstd"],
)
def test_broken_archive(tmp_path: Path, suffix: str, body: bytes) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(body)
    items = list(read_jsonl_archive(path, Settings(db_url="sqlite://")))
    assert isinstance(items[-1], MalformedInputError)
    assert not isinstance(items[-1], InputTooLargeError)
