"""Plain text with and without a header block."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from pactwatch.errors import DateFormatError, EmptyInputError
from pactwatch.ingest import document_from_text
from pactwatch.ingest.text import split_header

HEADER_CASES = [
    # id, text, body, title, url, outlet, published
    (
        "full-header",
        "url: https://x.example/a\noutlet: X\npublished: 2024-05-02\ntitle: The title\n"
        "---\nHeadline\n\nBody.\n",
        "Headline\n\nBody.\n",
        "The title",
        "https://x.example/a",
        "X",
        date(2024, 5, 2),
    ),
    (
        "null-url-title-from-body",
        "url: null\noutlet: X\n---\n\n  First line  \nSecond\n",
        "\n  First line  \nSecond\n",
        "First line",
        None,
        "X",
        None,
    ),
    (
        "no-header",
        "India and Russia signed.\nurl: not a header\n---\n",
        "India and Russia signed.\nurl: not a header\n---\n",
        "India and Russia signed.",
        None,
        None,
        None,
    ),
    (
        "crlf-header",
        "url: https://x.example/b\r\npublished: 2023-07-10\r\n---\r\nTitle line\r\nBody.\r\n",
        "Title line\r\nBody.\r\n",
        "Title line",
        "https://x.example/b",
        None,
        date(2023, 7, 10),
    ),
    (
        "front-matter",
        "---\ntitle: Front matter\npublished: 2015-05-29\n---\n# Heading\nBody.",
        "# Heading\nBody.",
        "Front matter",
        None,
        None,
        date(2015, 5, 29),
    ),
    (
        "markdown-heading-title",
        "# EU-Japan summit\n\nBody.",
        "# EU-Japan summit\n\nBody.",
        "EU-Japan summit",
        None,
        None,
        None,
    ),
    (
        "bom",
        "\ufeffurl: null\n---\nBody line.",
        "Body line.",
        "Body line.",
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    ("text", "body", "title", "url", "outlet", "published"),
    [c[1:] for c in HEADER_CASES],
    ids=[c[0] for c in HEADER_CASES],
)
def test_document_from_text(
    text: str, body: str, title: str, url: str | None, outlet: str | None, published: date | None
) -> None:
    doc = document_from_text(text, "src.txt")
    assert doc.source == "src.txt"
    assert doc.text == body  # byte-exact body: evidence offsets point into it
    assert doc.title == title
    assert doc.url == url
    assert doc.outlet == outlet
    assert doc.published == published


def test_header_lines_are_numbered() -> None:
    header = split_header("url: a\npublished: b\n---\nbody")
    assert header.lines == {"url": 1, "published": 2}
    assert header.body_start == len("url: a\npublished: b\n---\n")


def test_header_datetime_gives_local_date_and_moment() -> None:
    doc = document_from_text("published: 2021-12-06T23:58:00+05:30\n---\nBody.", "a.txt")
    assert doc.published == date(2021, 12, 6)
    assert doc.published_at is not None
    assert doc.published_at.utcoffset() == timedelta(hours=5, minutes=30)


def test_published_override_wins() -> None:
    doc = document_from_text("published: 2024-05-02\n---\nBody.", "a.txt", published=date(2020, 1, 1))
    assert doc.published == date(2020, 1, 1)
    assert doc.published_at is None


def test_override_also_hides_an_unreadable_header_date() -> None:
    doc = document_from_text("published: whenever\n---\nBody.", "a.txt", published=date(2020, 1, 1))
    assert doc.published == date(2020, 1, 1)


def test_bad_header_date_names_file_and_line(fixtures: Path) -> None:
    path = fixtures / "bad-date.txt"
    with pytest.raises(DateFormatError) as info:
        document_from_text(path.read_text("utf-8"), str(path))
    assert info.value.source == str(path)
    assert info.value.line == 2
    assert "the day before the summit" in str(info.value)


@pytest.mark.parametrize(
    "text",
    ["url: x\n---\n", "url: x\n---\n \n\n", "   \n"],
    ids=["header-only", "header-blank-body", "blank"],
)
def test_no_body_is_empty_input(text: str) -> None:
    with pytest.raises(EmptyInputError):
        document_from_text(text, "a.txt")


def test_published_line_alone_gives_india_time() -> None:
    doc = document_from_text("Published on: Monday, December 06, 2021, 02:58 PM IST", "-")
    assert doc.published == date(2021, 12, 6)
    assert doc.published_at is not None
    assert doc.published_at.utcoffset() == timedelta(hours=5, minutes=30)
    assert (doc.published_at.hour, doc.published_at.minute) == (14, 58)


def test_header_date_beats_text_line() -> None:
    text = "published: 2021-12-07\n---\nBody.\nPublished on: Monday, December 06, 2021, 02:58 PM IST\n"
    doc = document_from_text(text, "a.txt")
    assert doc.published == date(2021, 12, 7)
    assert doc.published_at is None
