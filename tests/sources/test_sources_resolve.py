"""resolve_source: one spec -> documents, whatever the spec is."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from sources_fixtures import ARCHIVE, FIXTURES, write_warc
from sources_server import LocalServer

from pactwatch.errors import InputError
from pactwatch.model import Document
from pactwatch.settings import Settings
from pactwatch.sources.fetch import Fetcher
from pactwatch.sources.resolve import resolve_source, resolve_sources


def sources_of(items: list[Document | InputError]) -> list[str]:
    return [i.source if isinstance(i, Document) else f"error:{i.source}" for i in items]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/news/accord.html", ["/news/accord.html"]),
        ("/redirect-ok", ["/news/accord.html"]),
        ("/feed.xml", ["/news/accord.html", "/news/meeting.html"]),
        ("/atom.xml", ["/news/meeting.html"]),
        ("/sitemap.xml", ["/news/accord.html", "/news/meeting.html"]),
        ("/sitemap-news.xml", ["/news/accord.html"]),
        ("/bad-feed.xml", ["error:/bad-feed.xml"]),
        ("/image.png", ["error:/image.png"]),
        ("/private/secret.html", ["error:/private/secret.html"]),
        ("/gzip-bomb", ["error:/gzip-bomb"]),
    ],
    ids=[
        "page",
        "redirect",
        "rss",
        "atom",
        "sitemap-index",
        "sitemap",
        "bad-feed",
        "image",
        "robots",
        "bomb",
    ],
)
def test_urls(
    server: LocalServer, fetcher: Fetcher, settings: Settings, path: str, expected: list[str]
) -> None:
    items = list(resolve_source(server.url(path), settings, fetcher=fetcher))
    want = [f"error:{server.url(e[6:])}" if e.startswith("error:") else server.url(e) for e in expected]
    assert sources_of(items) == want


def test_url_refused_without_allow_list(server: LocalServer) -> None:
    items = list(resolve_source(server.url("/news/accord.html"), Settings(db_url="sqlite://")))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "refused" in items[0].message


def test_local_specs(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", ARCHIVE, gz=True)
    line = {
        "url": "https://h.example/z",
        "maintext": "India and Russia signed an accord on Monday.",
        "language": "en",
    }
    (tmp_path / "news.jsonl.gz").write_bytes(gzip.compress((json.dumps(line) + "\n").encode()))
    (tmp_path / "page.html").write_bytes((FIXTURES / "article-meeting.html").read_bytes())
    (tmp_path / ".hidden.warc").write_bytes(b"ignored")
    (tmp_path / "notes.bin").write_bytes(b"ignored")
    settings = Settings(db_url="sqlite://")
    folder = list(resolve_source(str(tmp_path), settings))
    assert sources_of(folder) == [
        "https://h.example/accord",
        "https://h.example/meeting",
        "https://h.example/z",
        str(tmp_path / "page.html"),
    ]
    single = list(resolve_sources([str(tmp_path / "news.jsonl.gz"), str(tmp_path / "page.html")], settings))
    assert sources_of(single) == ["https://h.example/z", str(tmp_path / "page.html")]


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    items = list(resolve_source(str(tmp_path / "nope.warc.gz"), Settings(db_url="sqlite://")))
    assert len(items) == 1 and isinstance(items[0], InputError)
