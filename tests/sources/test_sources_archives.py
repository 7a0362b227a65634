"""WARC (written here with warcio) and compressed JSONL archives."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
import zstandard

from conftest import fixture_bytes
from pactwatch.errors import InputError, InputTooLargeError, MalformedInputError
from pactwatch.model import Document
from pactwatch.settings import Settings
from pactwatch.sources.archives import read_jsonl_archive
from pactwatch.sources.warc import read_warc


def write_warc(path: Path, records: list[tuple[str, str, str, bytes]], *, gz: bool) -> None:
    """records: (type, uri, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for rec_type, uri, ctype, body in records:
            if rec_type == "response":
                http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), http_headers=http
                )
            elif rec_type == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "h.example")], is_http_request=True)
                record = writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=http)
            else:
                record = writer.create_warc_record(
                    uri, rec_type, payload=io.BytesIO(body), warc_content_type=ctype
                )
            writer.write_record(record)


ARCHIVE = [
    ("warcinfo", "", "application/warc-fields", b"software: test\r\n"),
    ("request", "https://h.example/accord", "", b""),
    (
        "response",
        "https://h.example/accord",
        "text/html; charset=utf-8",
        fixture_bytes("article-accord.html"),
    ),
    ("response", "https://h.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    ("response", "https://h.example/app.js", "application/javascript", b"var x = 1;"),
    ("metadata", "https://h.example/accord", "application/json", b"{}"),
    ("response", "https://h.example/meeting", "text/html", fixture_bytes("article-meeting.html")),
]


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
