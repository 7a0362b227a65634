"""HTML pages through trafilatura: article text without page furniture, and metadata."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from pactwatch.errors import NoArticleError
from pactwatch.ingest import document_from_html


@pytest.fixture
def page(fixtures: Path) -> str:
    return (fixtures / "news-page.html").read_text("utf-8")


MUST_HAVE = [
    "India and Japan on Tuesday signed an agreement",
    "joint working group would meet later this year",
    '"This agreement opens a new chapter',
]
MUST_NOT_HAVE = ["Subscribe today", "ADVERTISEMENT", "SuperPhone", "Related stories", "Copyright", "showAd"]


@pytest.mark.parametrize("snippet", MUST_HAVE, ids=MUST_HAVE)
def test_article_text_kept(page: str, snippet: str) -> None:
    assert snippet in document_from_html(page, "page.html").text


@pytest.mark.parametrize("snippet", MUST_NOT_HAVE, ids=MUST_NOT_HAVE)
def test_page_furniture_dropped(page: str, snippet: str) -> None:
    assert snippet not in document_from_html(page, "page.html").text


def test_metadata(page: str) -> None:
    doc = document_from_html(page, "dir/page.html")
    assert doc.source == "dir/page.html"  # the file, not the canonical url
    assert doc.title == "India and Japan sign space cooperation agreement"
    assert doc.url == "https://meridian.example/world/india-japan-space-pact"
    assert doc.outlet == "The Daily Meridian"
    assert doc.published == date(2023, 3, 14)
    assert doc.published_at is not None
    assert doc.published_at.utcoffset() == timedelta(hours=5, minutes=30)
    assert doc.language == "en"


def test_published_override(page: str) -> None:
    assert document_from_html(page, "p.html", published=date(2023, 3, 15)).published == date(2023, 3, 15)


def test_date_from_text_line_when_no_metadata() -> None:
    html = (
        "<html><body><article><h1>UK and Norway sign energy partnership</h1>"
        "<p>The United Kingdom and Norway signed a partnership on energy security in Oslo on Thursday, "
        "covering offshore wind, carbon capture and hydrogen.</p>"
        "<p>Published on: 2 May 2024, 10:00 CEST</p></article></body></html>"
    )
    doc = document_from_html(html, "p.html")
    assert doc.published == date(2024, 5, 2)


NO_ARTICLE = [
    ("fixture-no-article", None),
    ("empty-body", "<html><head><title>x</title></head><body></body></html>"),
    ("nav-only", "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>"),
]


@pytest.mark.parametrize("html", [c[1] for c in NO_ARTICLE], ids=[c[0] for c in NO_ARTICLE])
def test_no_article(fixtures: Path, html: str | None) -> None:
    html = html if html is not None else (fixtures / "no-article.html").read_text("utf-8")
    with pytest.raises(NoArticleError) as info:
        document_from_html(html, "p.html")
    assert str(info.value).startswith("p.html: ")
